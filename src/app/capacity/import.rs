//! Importing a metric export: paste, pick or drop a file, or load the built-in sample. Large
//! files are read in slices with a progress bar, yielding to the browser between slices so the
//! page never freezes for long; the parser in `formats::metrics` resumes where it stopped.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::{next_frame, Breather, CapacityState};
use crate::app::NoticeLine;
use crate::formats::metrics::report::{
    dropped_files_note, import_stopped_note, report, ImportStatus, PASTED_TEXT,
};
use crate::formats::metrics::{self, Format, ImportError, Importer, Parsed, SNIFF_BYTES};
use crate::formats::show_bidi_controls;
use crate::storage::Notice;

/// Bytes read from the file at a time.
const SLICE_BYTES: usize = 512 * 1024;
/// Bytes given to the parser at a time (about a millisecond of work); the browser gets a frame
/// whenever a slice of work has taken long (see `Breather`).
const FEED_BYTES: usize = 64 * 1024;
/// The built-in sample, served beside the page (see public/capacity-sample.csv).
const SAMPLE_FILE: &str = "capacity-sample.csv";
const SAMPLE_NAME: &str = "Sample: NYC taxi passengers per 30 minutes, 8 weeks";
/// The capacity the sample is shown against when none is set.
pub const SAMPLE_CAPACITY: &str = "18000";

/// Where the text comes from.
#[derive(Clone)]
enum Source {
    Bytes { name: String, bytes: Arc<Vec<u8>> },
    File(web_sys::File),
}

impl Source {
    fn name(&self) -> String {
        match self {
            Source::Bytes { name, .. } => name.clone(),
            Source::File(file) => file.name(),
        }
    }

    fn len(&self) -> usize {
        match self {
            Source::Bytes { bytes, .. } => bytes.len(),
            Source::File(file) => file.size().max(0.0) as usize,
        }
    }

    /// Up to `len` bytes from `start`.
    async fn read(&self, start: usize, len: usize) -> Result<Vec<u8>, String> {
        let end = (start + len).min(self.len());
        match self {
            Source::Bytes { bytes, .. } => Ok(bytes[start.min(end)..end].to_vec()),
            Source::File(file) => {
                let failed = |_| "The browser could not read it".to_string();
                let blob = file
                    .slice_with_f64_and_f64(start as f64, end as f64)
                    .map_err(failed)?;
                let buffer = JsFuture::from(blob.array_buffer()).await.map_err(failed)?;
                Ok(js_sys::Uint8Array::new(&buffer).to_vec())
            }
        }
    }
}

/// The import panel.
#[component]
pub fn ImportPanel(state: CapacityState) -> impl IntoView {
    let (pasted, set_pasted) = signal(String::new());
    let progress = RwSignal::new(None::<f64>);
    // The report of the import whose series is in use, and what the last import adds to it.
    let status = RwSignal::new(ImportStatus::default());
    let fail = move |source: &str, message: String| {
        status.try_update(|s| s.fail(source, &message));
    };
    let layout = RwSignal::new(None::<metrics::CsvLayout>);
    let labels = RwSignal::new(Vec::<String>::new());
    let picked = RwSignal::new(0usize);
    let dragging = RwSignal::new(false);
    let generation = StoredValue::new(0u64);
    // Whether import `this` is still the one wanted. The tasks below outlive the panel when
    // the tab is left: its values are then gone, and every step after an await stops there.
    let current = move |this: u64| generation.try_get_value() == Some(this);
    let source = StoredValue::new_local(None::<Source>);
    let parsed = StoredValue::new(None::<(Parsed, String)>);

    // An import still running when the tab is left stops (its steps find the panel gone); the
    // tab says so when it is next shown, rather than showing the old series without a word.
    on_cleanup(move || {
        if progress.try_get_untracked().flatten().is_some() {
            let name = source
                .try_with_value(|s| s.as_ref().map(Source::name))
                .flatten();
            state
                .series_note
                .try_set(Some(Notice::new(import_stopped_note(name.as_deref()))));
        }
    });

    // Takes candidate `index` of what was parsed and makes it the tab's series: checked and
    // sorted in slices, then adopted in a task of its own (its content id reads every sample).
    let take = move |index: usize, this: u64| async move {
        let Some((taking, source_name, format)) = parsed
            .try_with_value(|p| {
                p.as_ref().map(|(parsed, source_name)| {
                    let label = &parsed.candidates[index.min(parsed.candidates.len() - 1)].label;
                    let name = if parsed.candidates.len() > 1 {
                        format!("{source_name} · {label}")
                    } else {
                        source_name.clone()
                    };
                    (
                        parsed.take_steps(index, &name),
                        source_name.clone(),
                        parsed.format.clone(),
                    )
                })
            })
            .flatten()
        else {
            return;
        };
        let mut taking = match taking {
            Ok(taking) => taking,
            Err(e) => {
                progress.try_set(None);
                return fail(&source_name, e.describe(&source_name));
            }
        };
        let mut breather = Breather::new();
        while taking.step() {
            if breather.breathe().await && !current(this) {
                return;
            }
        }
        let imported = taking.finish();
        next_frame().await;
        if !current(this) {
            return;
        }
        progress.try_set(None);
        match imported {
            Ok(imported) => {
                status.try_update(|s| s.succeed(report(&imported, &source_name, &format)));
                state.adopt(imported.series);
            }
            Err(e) => fail(&source_name, e.describe(&source_name)),
        }
    };

    // Reads the whole source with `format`, slice by slice, feeding the parser a part at a
    // time with the browser free whenever a slice of work has taken long.
    let run = move |from: Source, format: Format, this: u64| async move {
        let total = from.len();
        let mut importer = Importer::new(format.clone());
        let mut breather = Breather::new();
        let mut offset = 0;
        while offset < total {
            if !current(this) {
                return;
            }
            let slice = match from.read(offset, SLICE_BYTES).await {
                Ok(slice) if !slice.is_empty() => slice,
                Ok(_) => break,
                Err(message) => {
                    fail(&from.name(), message);
                    progress.try_set(None);
                    return;
                }
            };
            for part in slice.chunks(FEED_BYTES) {
                importer.feed(part);
                if breather.breathe().await && !current(this) {
                    return;
                }
            }
            offset += slice.len();
            progress.try_set(Some(offset as f64 / total.max(1) as f64));
        }
        if !current(this) {
            return;
        }
        let finished = importer.finish();
        next_frame().await;
        match finished {
            Ok(result) => {
                labels.try_set(result.candidates.iter().map(|c| c.label.clone()).collect());
                picked.try_set(0);
                parsed.try_set_value(Some((result, from.name())));
                take(0, this).await;
            }
            Err(e) => {
                progress.try_set(None);
                fail(&from.name(), e.describe(&from.name()));
            }
        }
    };

    // Starts importing `from` (with `note` said of it): sniffs its layout, then reads it.
    let start = move |from: Source, note: Option<String>| {
        let this = generation.get_value() + 1;
        generation.set_value(this);
        source.set_value(Some(from.clone()));
        status.try_update(|s| s.start(note));
        layout.try_set(None);
        labels.try_set(Vec::new());
        progress.try_set(Some(0.0));
        leptos::task::spawn_local(async move {
            let total = from.len();
            // The first part, and more while its first lines are longer (up to a bound).
            let mut head = Vec::new();
            let mut wanted = total.min(SNIFF_BYTES);
            while head.len() < wanted {
                match from.read(head.len(), wanted - head.len()).await {
                    Ok(more) if !more.is_empty() => head.extend_from_slice(&more),
                    Ok(_) => break,
                    Err(message) => {
                        fail(&from.name(), message);
                        progress.try_set(None);
                        return;
                    }
                }
                wanted = metrics::sniff_window(&head, total);
            }
            if !current(this) {
                return;
            }
            let format = match metrics::sniff(&head, head.len() >= total) {
                Ok(format) => format,
                Err(e) => {
                    fail(&from.name(), e.describe(&from.name()));
                    progress.try_set(None);
                    return;
                }
            };
            if let Format::Csv(found) = &format {
                layout.try_set(Some(found.clone()));
            }
            run(from, format, this).await;
        });
    };

    // Reads the same source again with other columns.
    let rerun = move |change: &dyn Fn(&mut metrics::CsvLayout)| {
        let (Some(from), Some(mut current)) = (source.get_value(), layout.get_untracked()) else {
            return;
        };
        change(&mut current);
        layout.try_set(Some(current.clone()));
        let this = generation.get_value() + 1;
        generation.set_value(this);
        status.try_update(|s| s.start(None));
        progress.try_set(Some(0.0));
        leptos::task::spawn_local(run(from, Format::Csv(current), this));
    };

    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            start(Source::File(file), None);
        }
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let Some(files) = ev.data_transfer().and_then(|d| d.files()) else {
            return;
        };
        // One file is read at a time: the first, and the page says so when there were more.
        if let Some(file) = files.get(0) {
            let note = dropped_files_note(files.length(), &file.name());
            start(Source::File(file), note);
        }
    };
    let on_paste_import = move |_| {
        let text = pasted.get_untracked();
        if text.trim().is_empty() {
            status.update(|s| s.start(None));
            fail(PASTED_TEXT, ImportError::Empty.describe(PASTED_TEXT));
            return;
        }
        start(
            Source::Bytes {
                name: PASTED_TEXT.to_string(),
                bytes: Arc::new(text.into_bytes()),
            },
            None,
        );
    };
    let on_sample = move |_| {
        progress.set(Some(0.0));
        leptos::task::spawn_local(async move {
            let fetched = async {
                let response = JsFuture::from(window().fetch_with_str(SAMPLE_FILE))
                    .await
                    .ok()?;
                let response: web_sys::Response = response.dyn_into().ok()?;
                if !response.ok() {
                    return None;
                }
                JsFuture::from(response.text().ok()?)
                    .await
                    .ok()?
                    .as_string()
            };
            match fetched.await {
                Some(text) => {
                    if state
                        .inputs
                        .with_untracked(|i| i.capacity.trim().is_empty())
                    {
                        state
                            .inputs
                            .update(|i| i.capacity = SAMPLE_CAPACITY.to_string());
                    }
                    start(
                        Source::Bytes {
                            name: SAMPLE_NAME.to_string(),
                            bytes: Arc::new(text.into_bytes()),
                        },
                        None,
                    );
                }
                None => {
                    progress.set(None);
                    status.update(|s| s.start(None));
                    fail(
                        SAMPLE_NAME,
                        "It could not be loaded from the page's files".to_string(),
                    );
                }
            }
        });
    };

    let column_select = move |id: &'static str, label: &'static str, is_time: bool| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <select
                    id=id
                    on:change=move |ev| {
                        if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                            rerun(&|l: &mut metrics::CsvLayout| {
                                if is_time { l.time_column = i } else { l.value_column = i }
                            });
                        }
                    }
                >
                    {move || layout.get().map(|l| {
                        let chosen = if is_time { l.time_column } else { l.value_column };
                        l.columns
                            .iter()
                            .enumerate()
                            .map(|(i, name)| view! {
                                <option value=i.to_string() selected=i == chosen>{show_bidi_controls(name).into_owned()}</option>
                            })
                            .collect_view()
                    })}
                </select>
            </div>
        }
    };

    view! {
        <section
            id="capacity-import"
            class="panel capacity-import"
            class:dragging=move || dragging.get()
            aria-labelledby="capacity-import-title"
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <h2 id="capacity-import-title">"Metric export"</h2>
            <p class="help">
                "Paste text, pick a file, or drop a file on this panel: CSV or TSV (a timestamp "
                "column and a value column; Grafana's CSV export works) or a Prometheus range-query "
                "answer (JSON, resultType matrix). The file is read in this browser and never leaves it."
            </p>
            <div class="actions no-print">
                <label class="file-button" for="capacity-file">"Pick a file"</label>
                <input id="capacity-file" type="file" accept=".csv,.tsv,.txt,.json,text/csv,application/json" on:change=on_file />
                <button type="button" id="capacity-sample" on:click=on_sample>"Try the built-in sample"</button>
            </div>
            <div class="field no-print">
                <label for="capacity-paste">"Or paste the export here"</label>
                <textarea
                    id="capacity-paste"
                    rows="5"
                    spellcheck="false"
                    aria-describedby="capacity-import-error"
                    prop:value=move || pasted.get()
                    on:input=move |ev| set_pasted.set(event_target_value(&ev))
                ></textarea>
                <div class="actions">
                    <button type="button" id="capacity-paste-import" on:click=on_paste_import>
                        "Import pasted text"
                    </button>
                </div>
            </div>
            {move || progress.get().map(|share| view! {
                <div class="capacity-progress">
                    <progress id="capacity-progress" aria-label="Reading the file" max="100" value=(share * 100.0).round().to_string()></progress>
                    <span>{format!("Reading… {}%", (share * 100.0).round())}</span>
                </div>
            })}
            {move || state.restoring.get().map(|share| view! {
                <div id="capacity-series-loading" class="capacity-progress" role="status">
                    <progress id="capacity-restore-progress" aria-label="Reading the saved series back" max="100" value=(share * 100.0).round().to_string()></progress>
                    <span>{format!("Reading the saved series back… {}%", (share * 100.0).round())}</span>
                </div>
            })}
            <p id="capacity-import-error" class="field-error" role="alert">
                {move || status.with(ImportStatus::message)}
            </p>
            <div class="fields" hidden=move || layout.with(Option::is_none)>
                {column_select("capacity-time-column", "Timestamp column", true)}
                {column_select("capacity-value-column", "Value column", false)}
            </div>
            <div class="field" hidden=move || labels.with(|l| l.len() < 2)>
                <label for="capacity-series-pick">"Series"</label>
                <select
                    id="capacity-series-pick"
                    on:change=move |ev| {
                        if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                            picked.set(i);
                            let this = generation.get_value() + 1;
                            generation.set_value(this);
                            leptos::task::spawn_local(take(i, this));
                        }
                    }
                >
                    {move || labels.get().into_iter().enumerate().map(|(i, label)| view! {
                        <option value=i.to_string() selected=move || picked.get() == i>{show_bidi_controls(&label).into_owned()}</option>
                    }).collect_view()}
                </select>
                <p class="help">"What was imported holds several series; pick one by its labels."</p>
            </div>
            {move || status.with(|s| s.kept.clone()).map(|r| view! {
                <div id="capacity-import-summary" class="capacity-summary" role="status">
                    {r.lines.into_iter().map(|l| view! { <p>{l}</p> }).collect_view()}
                    {(!r.problems.is_empty()).then(|| view! {
                        <ul id="capacity-import-problems" class="problems">
                            {r.problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                        </ul>
                    })}
                </div>
            })}
            // A damaged stored series is offered for download as every damaged-data notice is.
            {move || state.series_note.get().map(|notice| view! {
                <div id="capacity-series-note" role="status">
                    <NoticeLine notice storage=state.storage />
                </div>
            })}
        </section>
    }
}
