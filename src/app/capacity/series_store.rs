//! Imported series in browser storage, apart from everything else.
//!
//! A series is kept under its own key, `headroom.series.<content id>`, deflated (see
//! `formats::series_codec::pack`), so it never sits inside the autosaved inputs or a saved
//! scenario: the Capacity tab's inputs and each scenario hold only a reference. Equal series
//! share one copy. Series that nothing refers to any more are removed when the page starts.
//! Files and links carry the series inline (`ScenarioFile::series`) when they fit.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use leptos::prelude::*;

use super::{next_frame, Breather};
use crate::app::{Notices, StorageHandle};
use crate::calc::capacity::forecast::{chosen_fit, ChosenFitSteps, ModelChoice};
use crate::calc::capacity::series::Series;
use crate::calc::capacity::steps::STEP_SAMPLES;
use crate::calc::decimal::format_count;
use crate::calc::summary::{FitResult, SeriesAt, SeriesSource};
use crate::formats::fnv1a;
use crate::formats::scenario::ScenarioFile;
use crate::formats::series_codec::{self, Packer, Unpacker, MAX_EMBEDDED_SAMPLES};
use crate::inputs::SeriesRef;
use crate::storage::{Loaded, Notice};

const PREFIX: &str = "series.";
/// The largest packed series kept in storage, in characters (about 2 MB), so that series never
/// crowd out saved scenarios in the browser's few megabytes.
pub const MAX_STORED_CHARS: usize = 2_000_000;

thread_local! {
    /// Series already read or imported on this page, by content id.
    static CACHE: RefCell<HashMap<String, Arc<Series>>> = RefCell::new(HashMap::new());
    /// Stored series found unreadable by [`read_in_steps`], by content id, with a
    /// [`fingerprint`] of the text found.
    static UNREADABLE: RefCell<HashMap<String, u64>> = RefCell::new(HashMap::new());
    /// Trend fits for the capacity dates of key results, by series content id, model choice and
    /// clock offset (see [`Lookup`]).
    static FITS: RefCell<HashMap<FitKey, FitResult>> = RefCell::new(HashMap::new());
    /// Fits a [`Lookup`] was asked for and did not have, for [`fit_wanted`].
    static WANTED_FITS: RefCell<Vec<FitKey>> = const { RefCell::new(Vec::new()) };
    /// How many fits have been worked out in steps ([`SeriesSource::fits_ready`]).
    static FITS_READY: Cell<u64> = const { Cell::new(0) };
    /// Whether a [`fit_in_steps`] is running.
    static FITTING: Cell<bool> = const { Cell::new(false) };
}

/// A series' content id, a model choice and the clock offset of its hour buckets.
type FitKey = (String, ModelChoice, i64);

/// Series up to this many samples are fitted at once when a key result needs them (a few
/// milliseconds; a quarter of it for the automatic choice, whose backtest is about three fits
/// more); longer ones in steps, by [`fit_wanted`].
const FIT_AT_ONCE_SAMPLES: usize = 4 * STEP_SAMPLES;

/// The most fits kept; past it they are all dropped (and worked out again when asked for).
const MAX_FITS: usize = 64;

fn storage_name(id: &str) -> String {
    format!("{PREFIX}{id}")
}

/// The content id of the series stored under the full storage key `key`, if it is one.
pub fn id_of_key(key: &str) -> Option<&str> {
    key.strip_prefix(crate::storage::KEY_PREFIX)?
        .strip_prefix(PREFIX)
}

/// The reference scenarios and inputs keep for `series`.
pub fn reference(series: &Series) -> SeriesRef {
    SeriesRef {
        id: series.content_id(),
        name: series.name().to_string(),
        samples: series.len() as u64,
    }
}

/// Remembers `series` (whose content id is `id`) for this page, without storing it.
pub fn remember(series: Series, id: &str) -> Arc<Series> {
    let shared = Arc::new(series);
    CACHE.with(|c| c.borrow_mut().insert(id.to_string(), shared.clone()));
    shared
}

/// Whether the series `id` is in storage (readable or not).
pub fn is_stored(storage: StorageHandle, id: &str) -> bool {
    let name = storage_name(id);
    storage.with_value(|s| s.names(&name)).contains(&name)
}

/// Whether storage holds a readable copy of the series `id`. A damaged copy is backed up when
/// it is found so (see `Storage::load` and [`found_damaged`]), so storing the series again may
/// replace it.
pub fn is_kept(storage: StorageHandle, id: &str) -> bool {
    packed(storage, id).is_some_and(|packed| {
        UNREADABLE.with(|u| u.borrow().get(id) != Some(&fingerprint(&packed)))
    })
}

/// The packed series `id` as stored, if it is there and readable.
pub fn packed(storage: StorageHandle, id: &str) -> Option<String> {
    match storage.with_value(|s| s.load::<String>(&storage_name(id))) {
        Loaded::Found(packed) => Some(packed),
        _ => None,
    }
}

/// A copy of the stored series `reference` names (a deleted scenario's, which another window
/// may clean up as referred to by nothing before the deletion is undone), for [`put_back`].
pub fn copy_of(storage: StorageHandle, reference: Option<&SeriesRef>) -> Option<SeriesCopy> {
    let reference = reference?;
    packed(storage, &reference.id).map(|packed| SeriesCopy {
        id: reference.id.clone(),
        packed,
    })
}

/// A stored series as it was packed, by content id.
#[derive(Clone)]
pub struct SeriesCopy {
    id: String,
    packed: String,
}

/// Makes sure storage holds the series `reference` names, from `copy` if it was lost; the
/// message says what could not be put back.
pub fn put_back(
    storage: StorageHandle,
    notices: Notices,
    reference: &SeriesRef,
    copy: Option<SeriesCopy>,
) -> Result<(), String> {
    if is_kept(storage, &reference.id) {
        return Ok(());
    }
    let name = &reference.name;
    let Some(copy) = copy.filter(|c| c.id == reference.id) else {
        return Err(format!(
            "its capacity series “{name}” is no longer in this browser's storage"
        ));
    };
    storage
        .with_value(|s| s.save(&storage_name(&copy.id), &copy.packed))
        .map(|kept| report_kept(notices, kept))
        .map_err(|notice| {
            format!(
                "its capacity series “{name}” could not be stored again ({})",
                notice.message
            )
        })
}

/// Shows the notice of a save that kept a copy of unreadable text it wrote over.
fn report_kept(notices: Notices, kept: Option<crate::storage::Notice>) {
    if let Some(kept) = kept {
        notices.report(kept);
    }
}

/// Keeps `series` in storage, replacing a damaged copy. On failure (too large, quota, blocked
/// storage) nothing stored before is touched and the message says what happened.
pub fn store(storage: StorageHandle, notices: Notices, series: &Series) -> Result<(), String> {
    let id = series.content_id();
    if is_kept(storage, &id) {
        return Ok(());
    }
    save_packed(storage, notices, series, &id, series_codec::pack(series))
}

/// Like [`store`], packing the series in steps with the browser free in between; `id` is its
/// content id.
pub async fn store_in_steps(
    storage: StorageHandle,
    notices: Notices,
    series: Arc<Series>,
    id: &str,
) -> Result<(), String> {
    if is_kept(storage, id) {
        return Ok(());
    }
    next_frame().await;
    let mut packer = Packer::new(series.clone(), id.to_string());
    // A frame after every step (a few milliseconds each), so storing takes a small share of
    // the time while the analysis runs.
    while packer.step() {
        next_frame().await;
    }
    let packed = packer.finish().unwrap_or_default();
    save_packed(storage, notices, &series, id, packed)
}

fn save_packed(
    storage: StorageHandle,
    notices: Notices,
    series: &Series,
    id: &str,
    packed: String,
) -> Result<(), String> {
    if packed.is_empty() {
        return Err(format!(
            "The series “{}” could not be packed for storage",
            series.name()
        ));
    }
    if packed.len() > MAX_STORED_CHARS {
        return Err(format!(
            "The series “{}” ({} samples, {} MB packed) is too large to keep in this browser: \
             Headroom keeps series up to 2 MB so they never crowd out saved scenarios. It is \
             used on this page until it is closed",
            series.name(),
            format_count(series.len() as u64),
            format_count(packed.len().div_ceil(1_000_000) as u64)
        ));
    }
    storage
        .with_value(|s| s.save(&storage_name(id), &packed))
        .map(|kept| report_kept(notices, kept))
        .map_err(|notice| {
            format!(
                "The series “{}” could not be kept in this browser ({}). It is used on this page \
                 until it is closed; the series kept before is untouched",
                series.name(),
                notice.message
            )
        })
}

/// Where the series `id` is.
pub enum Found {
    /// Read or imported on this page already.
    OnPage(Arc<Series>),
    /// In storage, packed (see [`unpack_in_steps`]).
    Stored(String),
    Missing,
}

/// A stored series that cannot be read: what the page says of it, with the key of a copy of
/// its exact text (`Notice::raw_key`, kept before anything may store the series again), which
/// the notice offers for download as every notice of unreadable saved data does.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    pub notice: Notice,
}

/// Looks for the series `id` on this page, then in storage, without unpacking it.
pub fn find(storage: StorageHandle, id: &str) -> Result<Found, Unreadable> {
    if let Some(found) = CACHE.with(|c| c.borrow().get(id).cloned()) {
        return Ok(Found::OnPage(found));
    }
    match storage.with_value(|s| s.load::<String>(&storage_name(id))) {
        Loaded::Missing => Ok(Found::Missing),
        Loaded::Unreadable(notice) => Err(Unreadable { notice }),
        Loaded::Found(packed) => Ok(Found::Stored(packed)),
    }
}

/// Reports the stored series `id` whose `packed` text did not unpack (`problem`): the text is
/// copied to a backup key first (`Storage::back_up_damaged`), so storing the series again,
/// which [`is_kept`] then allows, never writes over the only copy; until that text changes,
/// key results say the series is not here.
pub fn found_damaged(storage: StorageHandle, id: &str, packed: &str, problem: &str) -> Unreadable {
    UNREADABLE.with(|u| u.borrow_mut().insert(id.to_string(), fingerprint(packed)));
    Unreadable {
        notice: back_up_damaged(storage, id, problem),
    }
}

fn back_up_damaged(storage: StorageHandle, id: &str, problem: &str) -> Notice {
    storage
        .with_value(|s| s.back_up_damaged(&storage_name(id), problem))
        .unwrap_or_else(|| {
            Notice::new(format!(
                "A saved capacity series could not be read because {problem}."
            ))
        })
}

/// Unpacks a stored series in slices with the browser free in between (see [`Breather`]),
/// telling `progress` the share read after each pause, and remembers it for this page. Stops
/// early, with `None`, once `wanted` says the series is no longer needed, and with the series
/// once other code has read it meanwhile (the Scenarios tab's key results, see [`load`]).
pub async fn unpack_in_steps(
    packed: Arc<str>,
    id: &str,
    progress: impl Fn(f64),
    wanted: impl Fn() -> bool,
) -> Option<Result<Arc<Series>, String>> {
    let mut unpacker = Unpacker::new(packed);
    // Start in a task of its own, not at the end of the page's start.
    next_frame().await;
    let mut breather = Breather::new();
    while unpacker.step() {
        if breather.breathe().await {
            if !wanted() {
                return None;
            }
            if let Some(read) = CACHE.with(|c| c.borrow().get(id).cloned()) {
                return Some(Ok(read));
            }
            progress(unpacker.progress());
        }
    }
    Some(unpacker.finish().map(|series| remember(series, id)))
}

/// The series `id`, from this page's memory or from storage, at once: for exports and links,
/// which the person asked for. A stored series that does not unpack is backed up first
/// ([`found_damaged`]). Key results read stored series in steps ([`lookup`]).
pub fn load(storage: StorageHandle, id: &str) -> Result<Option<Arc<Series>>, String> {
    match find(storage, id).map_err(|unreadable| unreadable.notice.message)? {
        Found::OnPage(series) => Ok(Some(series)),
        Found::Missing => Ok(None),
        Found::Stored(packed) => match series_codec::unpack(&packed) {
            Ok(series) => Ok(Some(remember(series, id))),
            // Backed up now (an export or link only lists it as left out), so that storing it
            // again from anywhere never writes over the only copy.
            Err(problem) => Err(found_damaged(storage, id, &packed, &problem).notice.message),
        },
    }
}

/// Finds the series a reference names, for key results, without reading it from storage: a
/// series on this page is at hand; one stored and not read yet is being read (the page calls
/// [`read_in_steps`] for it); anything else is not here. A long series' trend is not fitted at
/// once either: the key result says it is being read until [`fit_wanted`] has fitted it.
pub fn lookup(storage: StorageHandle) -> Lookup {
    Lookup {
        stored: storage.with_value(|s| s.names(PREFIX)),
    }
}

/// Series and trend fits for key results (see [`lookup`]).
pub struct Lookup {
    stored: Vec<String>,
}

impl SeriesSource for Lookup {
    fn series(&self, reference: &SeriesRef) -> SeriesAt {
        if let Some(series) = CACHE.with(|c| c.borrow().get(&reference.id).cloned()) {
            return SeriesAt::Here(series);
        }
        let unreadable = UNREADABLE.with(|u| u.borrow().contains_key(&reference.id));
        if !unreadable && self.stored.contains(&storage_name(&reference.id)) {
            SeriesAt::Reading
        } else {
            SeriesAt::NotHere
        }
    }

    fn fit(
        &self,
        reference: &SeriesRef,
        series: &Series,
        choice: ModelChoice,
        offset_ms: i64,
    ) -> Option<FitResult> {
        let key = (reference.id.clone(), choice, offset_ms);
        if let Some(fit) = FITS.with(|f| f.borrow().get(&key).cloned()) {
            return Some(fit);
        }
        // The automatic choice runs the backtest too: about four fits' work.
        let at_once = match choice {
            ModelChoice::Auto => FIT_AT_ONCE_SAMPLES / 4,
            ModelChoice::Picked(_) => FIT_AT_ONCE_SAMPLES,
        };
        if series.len() <= at_once {
            let fit = chosen_fit(choice, series.samples(), offset_ms);
            keep_fit(key, fit.clone());
            return Some(fit);
        }
        WANTED_FITS.with(|w| {
            let mut w = w.borrow_mut();
            if !w.contains(&key) {
                w.push(key);
            }
        });
        None
    }

    fn fits_ready(&self) -> u64 {
        FITS_READY.get()
    }
}

fn keep_fit(key: FitKey, fit: FitResult) {
    FITS.with(|f| {
        let mut f = f.borrow_mut();
        if f.len() >= MAX_FITS {
            f.clear();
        }
        f.insert(key, fit);
    });
}

/// Fits, in steps, the trends [`Lookup`]s were asked for and did not have (unless a fitting is
/// already under way, which takes them too), calling `ready` after each. Stops once `wanted`
/// says they are no longer needed; a fit left undone is asked for again by the next drawing.
pub fn fit_wanted(wanted: impl Fn() -> bool + 'static, ready: impl Fn() + 'static) {
    if FITTING.get() || WANTED_FITS.with(|w| w.borrow().is_empty()) {
        return;
    }
    FITTING.set(true);
    leptos::task::spawn_local(async move {
        fit_in_steps(wanted, ready).await;
        FITTING.set(false);
    });
}

async fn fit_in_steps(wanted: impl Fn() -> bool, ready: impl Fn()) {
    // Start in a task of its own, after the drawing that asked.
    next_frame().await;
    let mut breather = Breather::new();
    while let Some(key) = WANTED_FITS.with(|w| w.borrow_mut().pop()) {
        if !wanted() {
            WANTED_FITS.with(|w| w.borrow_mut().clear());
            return;
        }
        let Some(series) = CACHE.with(|c| c.borrow().get(&key.0).cloned()) else {
            continue;
        };
        if FITS.with(|f| f.borrow().contains_key(&key)) {
            continue;
        }
        let mut steps = ChosenFitSteps::new(key.1, key.2);
        let fit = loop {
            let mut budget = STEP_SAMPLES;
            if let Some(fit) = steps.step(series.samples(), &mut budget) {
                break fit;
            }
            if breather.breathe().await && !wanted() {
                WANTED_FITS.with(|w| w.borrow_mut().clear());
                return;
            }
        };
        keep_fit(key, fit);
        FITS_READY.set(FITS_READY.get() + 1);
        ready();
    }
}

/// Reads in steps each stored series of `ids` that is not on this page yet (see
/// [`unpack_in_steps`]), one after another, and calls `read` after each (read, or found
/// unreadable, which [`lookup`] then says). Stops once `wanted` says the series are no longer
/// needed. Two calls may read one series at once (a tab left and opened again while it reads):
/// the later one finds it on the page as soon as the other has read it, and a call that stops
/// leaves nothing marked, so no series waits for a reader that has gone. A series found
/// unreadable is read again once its stored text has changed (stored again from elsewhere).
pub async fn read_in_steps(
    storage: StorageHandle,
    ids: Vec<String>,
    wanted: impl Fn() -> bool,
    read: impl Fn(),
) {
    for id in ids {
        if !wanted() {
            return;
        }
        let unreadable = match find(storage, &id) {
            Ok(Found::Stored(packed)) => {
                let mark = fingerprint(&packed);
                if UNREADABLE.with(|u| u.borrow().get(&id) == Some(&mark)) {
                    continue;
                }
                match unpack_in_steps(Arc::from(packed), &id, |_| {}, &wanted).await {
                    None => return,
                    Some(Ok(_)) => None,
                    Some(Err(problem)) => {
                        // Kept for the Capacity tab, which offers the copy when it is opened.
                        back_up_damaged(storage, &id, &problem);
                        Some(mark)
                    }
                }
            }
            Ok(_) => None,
            Err(_) => Some(0),
        };
        UNREADABLE.with(|u| {
            let mut u = u.borrow_mut();
            match unreadable {
                Some(mark) => u.insert(id, mark),
                None => u.remove(&id),
            };
        });
        read();
    }
}

/// A cheap mark of a stored text, to tell when it has changed: its length and a hash of its
/// two ends.
fn fingerprint(packed: &str) -> u64 {
    let bytes = packed.as_bytes();
    let ends = [
        &bytes[..bytes.len().min(4096)],
        &bytes[bytes.len().saturating_sub(4096)..],
    ];
    ends.iter().fold(bytes.len() as u64, |mark, end| {
        mark.rotate_left(17) ^ fnv1a(end)
    })
}

/// Removes stored series that nothing refers to: not `current` (this page's), and not any
/// other saved value. Other values are searched as text for the series' quoted content id, so
/// that what cannot be read (a backup of damaged inputs, a scenario of a newer version) keeps
/// its series too, and nothing needs parsing.
pub fn collect_garbage(storage: StorageHandle, current: Option<&SeriesRef>) {
    let stored = storage.with_value(|s| s.names(PREFIX));
    if stored.is_empty() {
        return;
    }
    let others: Vec<String> = storage.with_value(|s| {
        s.names("")
            .into_iter()
            .filter(|name| !name.starts_with(PREFIX))
            .filter_map(|name| s.raw(&name))
            .collect()
    });
    for name in stored {
        let id = name.trim_start_matches(PREFIX);
        let quoted = format!("\"{id}\"");
        let referenced =
            current.is_some_and(|c| c.id == id) || others.iter().any(|text| text.contains(&quoted));
        if !referenced {
            let _ = storage.with_value(|s| s.remove(&name));
        }
    }
}

/// Why [`attach`] left a series out of a file or link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftOut {
    /// Over [`MAX_EMBEDDED_SAMPLES`] samples.
    TooLarge,
    /// Neither on this page nor stored in this browser.
    NotHere,
    /// Stored, but it cannot be read; it is backed up ([`found_damaged`]), and the Capacity tab
    /// offers the copy for download.
    Damaged,
}

impl LeftOut {
    /// Why, as said after the series' name in a message.
    pub fn reason(self) -> &'static str {
        match self {
            LeftOut::TooLarge => "too large for a file",
            LeftOut::NotHere => "not in this browser",
            LeftOut::Damaged => {
                "its saved copy in this browser is damaged; the Capacity tab offers it for download"
            }
        }
    }
}

/// Puts the series `file`'s scenarios refer to into the file, as long as each has at most
/// [`MAX_EMBEDDED_SAMPLES`] samples. Returns the names of those left out, and why.
pub fn attach(storage: StorageHandle, file: &mut ScenarioFile) -> Vec<(String, LeftOut)> {
    let mut seen = HashSet::new();
    let mut left_out = Vec::new();
    for scenario in &file.scenarios {
        let Some(reference) = &scenario.inputs.capacity.series else {
            continue;
        };
        if !seen.insert(reference.id.clone()) {
            continue;
        }
        let why = match load(storage, &reference.id) {
            Ok(Some(series)) if series.len() <= MAX_EMBEDDED_SAMPLES => {
                file.series.push(series_codec::to_text(&series));
                continue;
            }
            Ok(Some(_)) => LeftOut::TooLarge,
            Ok(None) => LeftOut::NotHere,
            Err(_) => LeftOut::Damaged,
        };
        left_out.push((reference.name.clone(), why));
    }
    left_out
}

/// Stores the series an imported file carries, and points its scenarios at them by content id.
/// Returns a message for each series that could not be kept.
pub fn keep_attached(
    storage: StorageHandle,
    notices: Notices,
    file: &mut ScenarioFile,
) -> Vec<String> {
    let mut problems = Vec::new();
    for text in &file.series {
        let Ok(series) = series_codec::from_text(text) else {
            continue;
        };
        let id = series.content_id();
        if let Err(message) = store(storage, notices, &series) {
            problems.push(message);
        }
        for scenario in &mut file.scenarios {
            if let Some(reference) = &mut scenario.inputs.capacity.series {
                if reference.id == text.id {
                    reference.id = id.clone();
                }
            }
        }
        remember(series, &id);
    }
    file.series.clear();
    problems
}

/// Series carried by a share link, remembered for this page only (a link's scenario is not
/// saved until the person asks).
pub fn remember_attached(file: &ScenarioFile) {
    for text in &file.series {
        if let Ok(series) = series_codec::from_text(text) {
            // The link's own id may differ from the content id when a hand-made link is opened;
            // the reference is then not found and the page says the series is missing.
            if series.content_id() == text.id {
                remember(series, &text.id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::capacity::series::{Clock, Sample};
    use crate::storage::{KeyValueStore, MemoryStore, Storage};

    /// Storage holding `text` under the series `id`'s key, as another tool could leave it.
    fn storage_holding(id: &str, text: &str) -> StorageHandle {
        let store = MemoryStore::default();
        store.set(&Storage::key(&storage_name(id)), text).unwrap();
        StoredValue::new_local(Storage::persistent(Box::new(store)))
    }

    fn raw_at(storage: StorageHandle, key: &str) -> Option<String> {
        storage.with_value(|s| s.raw_at_key(key))
    }

    fn series() -> Series {
        let samples = (0..10)
            .map(|i| Sample {
                t_ms: 1_700_000_000_000 + i * 3_600_000,
                value: i as f64,
            })
            .collect();
        Series::new("damaged.csv".into(), Clock::Utc, samples)
            .unwrap()
            .0
    }

    #[test]
    fn a_stored_series_that_is_not_json_is_found_with_its_exact_text_to_download() {
        // The Capacity tab said the series could not be read, and offered no download, unlike
        // every other notice of unreadable saved data.
        let text = "{not json";
        let storage = storage_holding("abc", text);
        let Err(Unreadable { notice }) = find(storage, "abc") else {
            panic!("a damaged series must be reported");
        };
        let copy = notice.raw_key.expect("the notice offers the text");
        assert_eq!(copy, "headroom.backup.series.abc.1");
        assert!(notice.message.contains(&copy), "{}", notice.message);
        assert_eq!(raw_at(storage, &copy).as_deref(), Some(text));
        // The original is untouched until the series is stored again.
        assert_eq!(
            raw_at(storage, "headroom.series.abc").as_deref(),
            Some(text)
        );
    }

    #[test]
    fn a_stored_series_that_does_not_unpack_is_backed_up_before_it_is_stored_again() {
        // Text that reads but does not unpack was reported with no download, and storing the
        // same series again left it in place: it was damaged again after every reload.
        let series = series();
        let id = series.content_id();
        let text = r#"{"schema":1,"value":"not a packed series"}"#;
        let storage = storage_holding(&id, text);
        let Ok(Found::Stored(packed)) = find(storage, &id) else {
            panic!("the text reads as a packed series");
        };
        let problem = series_codec::unpack(&packed).unwrap_err();

        let Unreadable { notice } = found_damaged(storage, &id, &packed, &problem);
        let copy = notice.raw_key.expect("the notice offers the text");
        assert_eq!(copy, format!("headroom.backup.series.{id}.1"));
        assert!(notice.message.contains(&problem), "{}", notice.message);
        assert_eq!(raw_at(storage, &copy).as_deref(), Some(text));
        assert!(!is_kept(storage, &id));

        // Imported again: stored in its place, the copy kept.
        store(storage, Notices::new(), &series).unwrap();
        assert!(is_kept(storage, &id));
        let stored = super::packed(storage, &id).unwrap();
        assert_eq!(series_codec::unpack(&stored).unwrap(), series);
        assert_eq!(raw_at(storage, &copy).as_deref(), Some(text));
    }

    #[test]
    fn an_export_or_link_backs_up_a_stored_series_that_does_not_unpack() {
        // An exported file or share link listed such a series as left out, and kept no copy:
        // only the Capacity tab, once opened, backed it up.
        let series = series();
        let id = series.content_id();
        let text = r#"{"schema":1,"value":"not a packed series"}"#;
        let storage = storage_holding(&id, text);
        let mut inputs = crate::inputs::Workspace::default();
        inputs.capacity.series = Some(reference(&series));
        let scenario = crate::formats::scenario::Scenario {
            id: "s1".into(),
            name: "With a series".into(),
            created_ms: 0,
            updated_ms: 0,
            inputs,
        };
        let mut file = ScenarioFile::new(vec![scenario]);

        let left_out = attach(storage, &mut file);
        assert_eq!(
            left_out,
            vec![("damaged.csv".to_string(), LeftOut::Damaged)]
        );
        assert!(file.series.is_empty());
        let copy = format!("headroom.backup.series.{id}.1");
        assert_eq!(raw_at(storage, &copy).as_deref(), Some(text));
        // Key results say it is not here, as the Capacity tab's reading would.
        assert!(UNREADABLE.with(|u| u.borrow().contains_key(&id)));
        // A second export keeps the one copy.
        attach(storage, &mut file);
        assert_eq!(
            raw_at(storage, &format!("headroom.backup.series.{id}.2")),
            None
        );
    }
}
