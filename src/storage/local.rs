//! The browser's localStorage as a [`KeyValueStore`], with every exception turned into a value.
//!
//! gloo-storage is not used: its accessor throws when storage is blocked, and here a blocked or
//! throwing localStorage must become an in-memory fallback with a banner, not a crash.

use super::{KeyValueStore, StoreError};

/// localStorage of the page's origin.
pub struct LocalStorage {
    storage: web_sys::Storage,
    full_at_start: bool,
}

impl LocalStorage {
    /// Opens localStorage and checks that it takes a write; `Err` says why it cannot be used.
    /// Storage that refuses the test write only because its quota is used up is still opened
    /// (what was saved must be read back), and says so through [`LocalStorage::full_at_start`].
    pub fn open() -> Result<LocalStorage, StoreError> {
        let window = web_sys::window().ok_or_else(|| failed("no window"))?;
        let storage = window
            .local_storage()
            .map_err(describe)?
            .ok_or_else(|| failed("this browser offers no localStorage"))?;
        let probe = "headroom.probe";
        let full_at_start = match storage.set_item(probe, "1") {
            Ok(()) => {
                storage.remove_item(probe).map_err(describe)?;
                false
            }
            Err(thrown) if is_quota_error(&thrown) => {
                // Reading must work too, or the storage is of no use.
                storage.get_item(probe).map_err(describe)?;
                true
            }
            Err(thrown) => return Err(describe(thrown)),
        };
        Ok(LocalStorage {
            storage,
            full_at_start,
        })
    }

    /// The quota was used up when the page started: saved data is read, but saving may fail.
    pub fn full_at_start(&self) -> bool {
        self.full_at_start
    }
}

fn is_quota_error(thrown: &wasm_bindgen::JsValue) -> bool {
    use wasm_bindgen::JsCast;
    thrown
        .dyn_ref::<web_sys::DomException>()
        .is_some_and(|e| e.name() == "QuotaExceededError" || e.code() == 22)
}

impl KeyValueStore for LocalStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.storage.get_item(key).map_err(describe)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.storage.set_item(key, value).map_err(describe)
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.storage.remove_item(key).map_err(describe)
    }

    fn keys(&self, prefix: &str) -> Result<Vec<String>, StoreError> {
        let length = self.storage.length().map_err(describe)?;
        let mut keys = Vec::new();
        for i in 0..length {
            if let Some(key) = self.storage.key(i).map_err(describe)? {
                if key.starts_with(prefix) {
                    keys.push(key);
                }
            }
        }
        Ok(keys)
    }
}

fn failed(message: &str) -> StoreError {
    StoreError::Failed(message.to_string())
}

/// Turns a thrown JavaScript value (usually a DOMException) into its name and message.
fn describe(thrown: wasm_bindgen::JsValue) -> StoreError {
    let text = js_sys_error_text(&thrown)
        .or_else(|| thrown.as_string())
        .unwrap_or_else(|| "the browser gave no reason".to_string());
    StoreError::Failed(text)
}

fn js_sys_error_text(thrown: &wasm_bindgen::JsValue) -> Option<String> {
    use wasm_bindgen::JsCast;
    let exception = thrown.dyn_ref::<web_sys::DomException>()?;
    Some(format!("{}: {}", exception.name(), exception.message()))
}
