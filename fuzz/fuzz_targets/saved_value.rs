//! Saved data as the browser hands it back: any text under a key is read, or backed up and
//! reported, never a panic; and a backup is made before anything may overwrite it. Another
//! window's write (the input split in two: the old and the new value of a storage event) is
//! merged with this window's value, never a panic, and every list read has unique row ids.
#![no_main]

use headroom::inputs::{RowId, Workspace};
use headroom::storage::{KeyValueStore, Loaded, MemoryStore, Storage};
use libfuzzer_sys::fuzz_target;

fn unique_ids(ids: impl Iterator<Item = RowId>) -> bool {
    let mut ids: Vec<RowId> = ids.collect();
    let count = ids.len();
    ids.sort();
    ids.dedup();
    ids.len() == count && ids.iter().all(|id| *id != RowId::NONE)
}

fuzz_target!(|raw: &str| {
    let store = MemoryStore::default();
    store
        .set("headroom.workspace", raw)
        .expect("memory takes writes");
    let storage = Storage::persistent(Box::new(store));
    let mine = match storage.load::<Workspace>("workspace") {
        Loaded::Unreadable(notice) => {
            let key = notice
                .raw_key
                .expect("unreadable data is offered for download");
            assert_eq!(storage.raw_at_key(&key).as_deref(), Some(raw));
            Workspace::default()
        }
        Loaded::Found(workspace) => workspace,
        Loaded::Missing => Workspace::default(),
    };
    let half = (0..=raw.len() / 2)
        .rev()
        .find(|&at| raw.is_char_boundary(at))
        .unwrap_or(0);
    let (old, new) = raw.split_at(half);
    if let Loaded::Found(merged) = storage.load_changed("workspace", Some(old), Some(new), &mine) {
        assert!(unique_ids(merged.toil.tasks.iter().map(|t| t.id)));
        assert!(unique_ids(merged.alerts.rows.iter().map(|r| r.id)));
        assert!(unique_ids(merged.incidents.incidents.iter().map(|i| i.id)));
        for incident in &merged.incidents.incidents {
            assert!(unique_ids(incident.timeline.iter().map(|e| e.id)));
        }
    }
});
