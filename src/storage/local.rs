//! The browser's localStorage as a [`KeyValueStore`], with every exception turned into a value.
//!
//! gloo-storage is not used: its accessor throws when storage is blocked, and here a blocked or
//! throwing localStorage must become an in-memory fallback with a banner, not a crash.

use super::{KeyValueStore, StoreError};

/// localStorage of the page's origin.
pub struct LocalStorage {
    storage: web_sys::Storage,
}

impl LocalStorage {
    /// Opens localStorage and checks that it takes a write; `Err` says why it cannot be used.
    pub fn open() -> Result<LocalStorage, StoreError> {
        let window = web_sys::window().ok_or_else(|| failed("no window"))?;
        let storage = window
            .local_storage()
            .map_err(describe)?
            .ok_or_else(|| failed("this browser offers no localStorage"))?;
        let probe = "headroom.probe";
        storage.set_item(probe, "1").map_err(describe)?;
        storage.remove_item(probe).map_err(describe)?;
        Ok(LocalStorage { storage })
    }
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
