//! Saved data as the browser hands it back: any text under a key is read, or backed up and
//! reported, never a panic; and a backup is made before anything may overwrite it.
#![no_main]

use headroom::inputs::Workspace;
use headroom::storage::{KeyValueStore, Loaded, MemoryStore, Storage};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|raw: &str| {
    let store = MemoryStore::default();
    store
        .set("headroom.workspace", raw)
        .expect("memory takes writes");
    let storage = Storage::persistent(Box::new(store));
    if let Loaded::Unreadable(notice) = storage.load::<Workspace>("workspace") {
        let key = notice
            .raw_key
            .expect("unreadable data is offered for download");
        assert_eq!(storage.raw_at_key(&key).as_deref(), Some(raw));
    }
});
