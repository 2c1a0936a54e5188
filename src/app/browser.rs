//! Small browser helpers for components: the clock, ids, downloads, file reading, the
//! clipboard, confirmation dialogs and moving the focus. Every failure becomes a value, never a
//! panic.

use leptos::prelude::{document, request_animation_frame};
use wasm_bindgen::{JsCast, JsValue};

use crate::inputs::RowId;

/// Milliseconds since 1970 UTC.
pub fn now_ms() -> u64 {
    js_sys::Date::now().max(0.0) as u64
}

/// A fresh scenario id: the time and a random suffix.
pub fn new_id() -> String {
    let random = (js_sys::Math::random() * 1_679_616.0) as u32; // 36^4
    format!("s-{}-{random:04}", now_ms())
}

/// A new row's id (a task, an alert, an incident, a timeline entry): random, so that rows two
/// windows add at the same moment are told apart when their lists are merged.
pub fn new_row_id() -> RowId {
    let high = (js_sys::Math::random() * f64::from(1u32 << 26)) as u64;
    let low = (js_sys::Math::random() * f64::from(1u32 << 27)) as u64;
    RowId::from_random(high << 27 | low)
}

/// `text` as a Blob of type `mime`.
fn text_blob(mime: &str, text: &str) -> Result<web_sys::Blob, String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser could not make the file".to_string())
}

/// Offers `text` as a file download named `file_name`.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    download_blob(file_name, &text_blob(mime, text)?)
}

/// Offers `blob` as a file download named `file_name`.
pub fn download_blob(file_name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let url = web_sys::Url::create_object_url_with_blob(blob)
        .map_err(|_| "the browser could not make the file".to_string())?;
    let document = leptos::prelude::document();
    let anchor = document
        .create_element("a")
        .map_err(|_| "the browser could not start the download".to_string())?
        .unchecked_into::<web_sys::HtmlAnchorElement>();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// The name and bytes of the first file picked in an `<input type="file">`. Its text is
/// read from the bytes by `formats::encoding::text_of`, not by the browser, so that what is
/// not UTF-8 is named the same way in every browser.
pub async fn read_picked_file(
    input: &web_sys::HtmlInputElement,
) -> Result<(String, Vec<u8>), String> {
    let file = input
        .files()
        .and_then(|files| files.get(0))
        .ok_or_else(|| "no file was picked".to_string())?;
    let bytes = read_file(&file).await?;
    Ok((file.name(), bytes))
}

/// The bytes of `file`.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| format!("{} could not be read", file.name()))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The text of `file`, read from its bytes (`formats::encoding::text_of`, with `expected`
/// naming what the import reads), or the sentence saying why nothing was imported from it.
pub async fn read_text_file(file: &web_sys::File, expected: &str) -> Result<String, String> {
    let bytes = read_file(file).await?;
    crate::formats::encoding::text_of(&bytes, expected)
        .map_err(|error| format!("Nothing was imported from {}: {error}.", file.name()))
}

/// Copies `text` to the clipboard; `Err` when the browser refuses.
pub async fn copy_to_clipboard(text: &str) -> Result<(), String> {
    let clipboard = leptos::prelude::window().navigator().clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| "the browser did not allow copying".to_string())
}

/// Asks `question` with OK and Cancel; `false` when the browser cannot ask.
pub fn confirm(question: &str) -> bool {
    leptos::prelude::window()
        .confirm_with_message(question)
        .unwrap_or(false)
}

/// The page's address without its fragment, for share links.
pub fn page_address() -> String {
    let location = leptos::prelude::window().location();
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    let query = location.search().unwrap_or_default();
    format!("{origin}{path}{query}")
}

/// Draws an SVG document on a white canvas at twice its size and returns it as a PNG.
pub async fn svg_to_png(svg: &str, width: u32, height: u32) -> Result<web_sys::Blob, String> {
    const SCALE: u32 = 2;
    let failed = |_| "the browser could not draw the chart as an image".to_string();
    let url = web_sys::Url::create_object_url_with_blob(&text_blob("image/svg+xml", svg)?)
        .map_err(failed)?;
    let image = web_sys::HtmlImageElement::new().map_err(failed)?;
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        image.set_onload(Some(&resolve));
        image.set_onerror(Some(&reject));
    });
    image.set_src(&url);
    let result = wasm_bindgen_futures::JsFuture::from(loaded).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    result.map_err(failed)?;

    let canvas = leptos::prelude::document()
        .create_element("canvas")
        .map_err(failed)?
        .unchecked_into::<web_sys::HtmlCanvasElement>();
    canvas.set_width(width * SCALE);
    canvas.set_height(height * SCALE);
    let context = canvas
        .get_context("2d")
        .map_err(failed)?
        .ok_or_else(|| "the browser has no canvas to draw on".to_string())?
        .unchecked_into::<web_sys::CanvasRenderingContext2d>();
    context.set_fill_style_str("#ffffff");
    context.fill_rect(
        0.0,
        0.0,
        f64::from(width * SCALE),
        f64::from(height * SCALE),
    );
    context
        .draw_image_with_html_image_element_and_dw_and_dh(
            &image,
            0.0,
            0.0,
            f64::from(width * SCALE),
            f64::from(height * SCALE),
        )
        .map_err(failed)?;

    let blob = js_sys::Promise::new(&mut |resolve, _reject| {
        let done = wasm_bindgen::closure::Closure::once_into_js(move |blob: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &blob);
        });
        let _ = canvas.to_blob(done.unchecked_ref());
    });
    let blob = wasm_bindgen_futures::JsFuture::from(blob)
        .await
        .map_err(failed)?;
    blob.dyn_into::<web_sys::Blob>()
        .map_err(|_| "the browser could not make the image".to_string())
}

/// Minutes east of UTC of the browser's time zone at the instant `utc_ms` (+60 for UTC+01:00).
pub fn utc_offset_minutes_at(utc_ms: i64) -> i32 {
    let date = js_sys::Date::new(&JsValue::from_f64(utc_ms as f64));
    offset_of(&date)
}

fn offset_of(date: &js_sys::Date) -> i32 {
    let behind = date.get_timezone_offset();
    if behind.is_finite() {
        -(behind.round() as i32)
    } else {
        0
    }
}

/// The browser's time zone name, such as `Europe/Berlin`, when it gives one.
pub fn time_zone_name() -> Option<String> {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    let options = format.resolved_options();
    js_sys::Reflect::get(&options, &JsValue::from_str("timeZone"))
        .ok()?
        .as_string()
        .filter(|name| !name.is_empty())
}

/// Runs `change` (another window's change taken in) and keeps the focus where it was: when
/// rows are put in another order, the browser moves the row elements, and moving the focused
/// field drops its focus, so the next keystrokes would go nowhere. After the page is drawn
/// again, a field that lost the focus that way gets it back, with its caret or selection,
/// unless the focus has gone elsewhere meanwhile.
pub fn keeping_focus(change: impl FnOnce()) {
    let focused = document()
        .active_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    let selection = focused
        .as_ref()
        .and_then(|e| e.dyn_ref::<web_sys::HtmlInputElement>())
        .and_then(|input| {
            Some((
                input.selection_start().ok()??,
                input.selection_end().ok()??,
                input.selection_direction().ok()??,
            ))
        });
    change();
    let Some(element) = focused else {
        return;
    };
    request_animation_frame(move || {
        if !focus_lost() || !element.is_connected() {
            return;
        }
        let _ = element.focus();
        if let (Some(input), Some((start, end, direction))) =
            (element.dyn_ref::<web_sys::HtmlInputElement>(), selection)
        {
            let _ = input.set_selection_range_with_direction(start, end, &direction);
        }
    });
}

/// Whether no element has the focus (the page's body has it): a focused element was removed.
fn focus_lost() -> bool {
    let document = document();
    document
        .active_element()
        .is_none_or(|active| Some(&active) == document.body().as_deref())
}

/// Puts the focus on the element `id` once the page is drawn, if nothing else has it by then
/// (a field drawn anew in another place).
pub fn refocus_next_frame(id: String) {
    request_animation_frame(move || {
        if !focus_lost() {
            return;
        }
        if let Some(element) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
}

/// Moves the focus to the element `id` once the page has drawn the change that made it (a
/// field that has just appeared, or Undo after a delete).
pub fn focus_next_frame(id: String) {
    request_animation_frame(move || {
        if let Some(element) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
}

/// Gives the page's storage listeners `change` as the storage event it missed (see
/// [`crate::storage::Storage::missed_changes`]), as another window's write would have.
pub fn replay_storage_event(change: &crate::storage::MissedChange) {
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(&change.key));
    init.set_old_value(change.old.as_deref());
    init.set_new_value(change.new.as_deref());
    if let Ok(event) = web_sys::StorageEvent::new_with_event_init_dict("storage", &init) {
        let _ = leptos::prelude::window().dispatch_event(&event);
    }
}
