//! Debounced saving of a tab's inputs: a burst of keystrokes is written once, shortly after the
//! last one, and anything pending is written at once when the page is hidden or closed, so a
//! reload or a crash loses at most the last fraction of a second of typing.

use std::time::Duration;

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{Notices, StorageHandle};
use crate::storage::Loaded;

/// How long after the last change the inputs are written.
pub const AUTOSAVE_DELAY: Duration = Duration::from_millis(300);

/// Keeps the value `read` returns saved under `name`: `read` is tracked, every change restarts
/// the delay, and the page being hidden (a reload, closing the tab, switching away) writes what
/// is pending at once. A refused write is shown as a notice until a later write succeeds; a
/// write that first kept a copy of unreadable text it found (see `Storage::save`) says where.
pub fn autosave<T>(
    storage: StorageHandle,
    notices: Notices,
    name: &'static str,
    read: impl Fn() -> T + 'static,
) where
    T: Serialize + DeserializeOwned + 'static,
{
    let pending = StoredValue::new_local(None::<T>);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let last_error = StoredValue::new(None::<String>);

    let flush = move || {
        if let Some(handle) = timer.get_value() {
            handle.clear();
            timer.set_value(None);
        }
        let Some(value) = pending.try_update_value(Option::take).flatten() else {
            return;
        };
        let result = storage.with_value(|s| s.save(name, &value));
        if let Some(previous) = last_error.get_value() {
            notices.remove(&previous);
        }
        if let Ok(Some(kept)) = &result {
            notices.report(kept.clone());
        }
        // The whole notice, so that unreadable text left untouched can be downloaded.
        let error = result.err();
        if let Some(notice) = &error {
            notices.report(notice.clone());
        }
        last_error.set_value(error.map(|notice| notice.message));
    };

    Effect::new(move |first_run: Option<()>| {
        let value = read();
        pending.set_value(Some(value));
        if first_run.is_none() {
            // Defaults are written at once when storage holds nothing readable under the name:
            // a missing value (so a full store is reported straight away), or one that could
            // not be read (replaced only after its backup was made). A readable value is left
            // as it is: written back now, it could undo what another window wrote since it was
            // read, and storage events bring such changes here anyway.
            if matches!(storage.with_value(|s| s.load::<T>(name)), Loaded::Found(_)) {
                pending.set_value(None);
            } else {
                flush();
            }
            return;
        }
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        timer.set_value(set_timeout_with_handle(flush, AUTOSAVE_DELAY).ok());
    });

    let _hidden = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            flush();
        }
    });
    let _closing = window_event_listener(leptos::ev::pagehide, move |_| flush());
}
