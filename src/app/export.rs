//! Taking results elsewhere: "Copy summary" puts a tab's Markdown summary (written by
//! `formats::summary`) on the clipboard, and every chart can be downloaded as SVG or PNG.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::browser;
use crate::chart::ChartWidth;

/// The width every chart is drawn for, following the window's (see [`ChartWidth`]): provided
/// once by the page's shell.
#[derive(Clone, Copy)]
struct ChartFit(Signal<ChartWidth>);

/// The window's width below which charts are drawn for a phone. Below 640 px a chart has the
/// window's width less 58 px (the page's and the panel's padding and border). At 568 px that is
/// 510 px: a chart drawn 640 px wide shows its 11.3 px text 9 px high there, and smaller below.
/// The narrow drawing (400 px) is shown at most 460 px wide (style/main.css, the same width in a
/// media query), so its text is never more than 13 px high: at 600 to 639 px it was drawn
/// narrow and stretched to about 580 px, its text 16 px high.
const NARROW_BELOW_PX: f64 = 568.0;

fn fit_of_window() -> ChartWidth {
    match window().inner_width().ok().and_then(|w| w.as_f64()) {
        Some(width) if width < NARROW_BELOW_PX => ChartWidth::Narrow,
        _ => ChartWidth::Wide,
    }
}

/// Makes the charts under the current component follow the window's width: a phone's narrow
/// window, or a window resized or turned, redraws them for it.
pub fn provide_chart_fit() {
    let fit = RwSignal::new(fit_of_window());
    // The shell lives as long as the page: the listener is never removed.
    let _listener = window_event_listener(leptos::ev::resize, move |_| {
        let now = fit_of_window();
        if fit.get_untracked() != now {
            fit.set(now);
        }
    });
    provide_context(ChartFit(fit.into()));
}

/// The width charts are drawn for here: the window's, or a desktop's where no shell provides it
/// (a component mounted on its own in a test).
pub fn chart_fit() -> Signal<ChartWidth> {
    use_context::<ChartFit>().map_or_else(|| Signal::stored(ChartWidth::Wide), |ChartFit(fit)| fit)
}

/// "Copy summary" and "Download summary" for a tab. `markdown` is `None` while the tab's inputs
/// are not valid. When the browser refuses the clipboard, the text is shown to copy by hand.
#[component]
pub fn CopySummary(
    /// Prefix of the element ids (`budget` gives `budget-copy-summary`).
    id: &'static str,
    #[prop(into)] markdown: Signal<Option<String>>,
    /// Whether `markdown` is `Some`, when that is cheaper to know than writing the Markdown (a
    /// long incident log): the Markdown is then written only when it is copied or downloaded.
    #[prop(optional, into)]
    ready: Option<Signal<bool>>,
) -> impl IntoView {
    let (status, set_status) = signal(None::<String>);
    let (fallback, set_fallback) = signal(None::<String>);
    let copy = move |_| {
        let Some(text) = markdown.get_untracked() else {
            set_status.set(Some("Nothing to copy: fix the marked fields first.".into()));
            return;
        };
        spawn_local(async move {
            match browser::copy_to_clipboard(&text).await {
                Ok(()) => {
                    set_fallback.set(None);
                    set_status.set(Some(
                        "Copied: the summary is on the clipboard as Markdown.".into(),
                    ));
                }
                Err(why) => {
                    set_status.set(Some(format!(
                        "Not copied: {why}. Copy the text below instead."
                    )));
                    set_fallback.set(Some(text));
                }
            }
        });
    };
    let download = move |_| {
        let Some(text) = markdown.get_untracked() else {
            set_status.set(Some(
                "Nothing to download: fix the marked fields first.".into(),
            ));
            return;
        };
        let result = browser::download_text(&format!("headroom-{id}.md"), "text/markdown", &text);
        set_status.set(result.err().map(|why| format!("Not downloaded: {why}.")));
    };
    let unavailable = move || match ready {
        Some(ready) => !ready.get(),
        None => markdown.with(Option::is_none),
    };
    view! {
        <div class="copy-summary no-print">
            <button type="button" id=format!("{id}-copy-summary") on:click=copy disabled=unavailable>
                "Copy summary"
            </button>
            " "
            <button type="button" id=format!("{id}-download-summary") on:click=download disabled=unavailable>
                "Download summary (.md)"
            </button>
            <span id=format!("{id}-summary-status") class="help" role="status">{move || status.get()}</span>
            {move || fallback.get().map(|text| view! {
                <label class="fallback">
                    "Summary (Markdown)"
                    <textarea readonly rows="8">{text}</textarea>
                </label>
            })}
        </div>
    }
}

/// "SVG" and "PNG" download buttons for the chart drawn inside the element `chart_id`.
#[component]
pub fn ChartDownloads(chart_id: &'static str, file_stem: &'static str) -> impl IntoView {
    let (problem, set_problem) = signal(None::<String>);
    let svg_of_chart = move || -> Result<(String, u32, u32), String> {
        let holder = document()
            .get_element_by_id(chart_id)
            .ok_or_else(|| "the chart is not on the page".to_string())?;
        let svg = holder
            .query_selector("svg")
            .ok()
            .flatten()
            .ok_or_else(|| "there is no chart to download yet".to_string())?;
        let size = |name: &str| {
            svg.get_attribute(name)
                .and_then(|v| v.trim_end_matches("px").parse::<u32>().ok())
                .filter(|v| (1..=10_000).contains(v))
                .unwrap_or(640)
        };
        Ok((svg.outer_html(), size("width"), size("height")))
    };
    let save_svg = move |_| {
        let result = svg_of_chart().and_then(|(svg, _, _)| {
            let document = format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}\n",
                svg.trim()
            );
            browser::download_text(&format!("{file_stem}.svg"), "image/svg+xml", &document)
        });
        set_problem.set(result.err());
    };
    let save_png = move |_| match svg_of_chart() {
        Err(why) => set_problem.set(Some(why)),
        Ok((svg, width, height)) => spawn_local(async move {
            let result = match browser::svg_to_png(&svg, width, height).await {
                Ok(png) => browser::download_blob(&format!("{file_stem}.png"), &png),
                Err(why) => Err(why),
            };
            set_problem.set(result.err());
        }),
    };
    view! {
        <div class="chart-downloads no-print">
            "Download: "
            <button type="button" class="chart-svg" on:click=save_svg
                aria-label=format!("Download the {} chart as SVG", file_stem.replace('-', " "))>"SVG"</button>
            " "
            <button type="button" class="chart-png" on:click=save_png
                aria-label=format!("Download the {} chart as PNG", file_stem.replace('-', " "))>"PNG"</button>
            {move || problem.get().map(|why| view! { <span class="field-error">{format!(" Not downloaded: {why}.")}</span> })}
        </div>
    }
}
