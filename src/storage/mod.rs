//! The one module that owns browser storage.
//!
//! Every value is saved as JSON in an envelope `{"schema": N, "value": ...}` under a key
//! `headroom.<name>`. Reading never throws away what it cannot understand: an unreadable value
//! (bad JSON, wrong shape, a newer schema) is first copied to `headroom.backup.<name>.<n>`; if
//! that copy cannot be made, the key is protected: this session does not write over it until a
//! later read has made the copy.
//!
//! A value this window writes also names the value it was based on (`"base"`: a hash of the
//! last text this window read or wrote under that key), so that another window can merge it
//! against that value and not against whatever happened to be stored just before it (see
//! [`Storage::load_changed`]).
//!
//! The logic here works on any [`KeyValueStore`]; [`local::LocalStorage`] is the browser's
//! localStorage and [`MemoryStore`] stands in when that is unavailable (and in native tests).

pub mod local;
pub mod merge;
pub mod session;

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::formats::{fnv1a, in_plain_words, lower_first, number_ending_at, with_number_as_typed};

/// Prefix of every key Headroom writes.
pub const KEY_PREFIX: &str = "headroom.";
/// Version of the envelope and of the values inside it.
pub const SCHEMA_VERSION: u32 = 1;
/// How many backups of one key are kept before backing up gives up (and protects the key).
const MAX_BACKUPS_PER_KEY: u32 = 50;

/// Why the underlying store refused a read or a write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The browser threw; its message is kept for the page.
    Failed(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Failed(message) => f.write_str(message),
        }
    }
}

/// A string key-value store with localStorage's semantics.
pub trait KeyValueStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&self, key: &str) -> Result<(), StoreError>;
    /// Every key that starts with `prefix`, in no particular order.
    fn keys(&self, prefix: &str) -> Result<Vec<String>, StoreError>;
}

/// A store that lives only as long as the page: used when localStorage is unavailable.
#[derive(Debug, Default)]
pub struct MemoryStore {
    entries: RefCell<HashMap<String, String>>,
}

impl KeyValueStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.entries.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.entries
            .borrow_mut()
            .insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.entries.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self, prefix: &str) -> Result<Vec<String>, StoreError> {
        Ok(self
            .entries
            .borrow()
            .keys()
            .filter(|k| k.starts_with(prefix))
            .cloned()
            .collect())
    }
}

#[derive(Serialize)]
struct EnvelopeOut<'a, T> {
    schema: u32,
    /// The hash of the text this value was based on ([`text_hash`]; see [`Seen`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    base: Option<u64>,
    value: &'a T,
}

/// How many texts of one key a window remembers, up to what size each and in all, to merge
/// another window's write against the one it was based on. A write's base is the last text its
/// window took or wrote, so it is one of the last few texts stored before that write; but every
/// write of every window is one more text, and each window writes again what it took (autosave),
/// so a handful of windows writing within one autosave delay store a dozen texts in a moment. A
/// base forgotten there is a loss: the write is then merged against the text stored just before
/// it, another window's, whose edits it reads as undone.
const REMEMBERED_TEXTS: usize = 32;
const MAX_REMEMBERED_BYTES: usize = 256 * 1024;
const MAX_REMEMBERED_TOTAL_BYTES: usize = 1024 * 1024;

/// What this window has seen of one key: the hash of the text its value is now based on (read
/// at start, written, or taken from another window), and the last few texts by hash.
#[derive(Debug, Default)]
struct Seen {
    last: Option<u64>,
    /// The hash of the last text this window found or left under the key, of any size (`last`
    /// is `None` for a large one) and unreadable ones it backed up: a save finding another
    /// text there looks at it before writing over it.
    stored: Option<u64>,
    texts: Vec<(u64, String)>,
}

/// A change of `key` this window got no storage event for ([`Storage::missed_changes`]): the
/// text it last saw there, if it still has it, and the text there now, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissedChange {
    pub key: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// A stored text's hash, as a write names its base: 53 bits, so that it stays exact in any
/// JSON reader.
fn text_hash(raw: &str) -> u64 {
    fnv1a(raw.as_bytes()) & ((1 << 53) - 1)
}

/// The envelope read in two steps: first only its schema number and base (anything else
/// ignored), then, when the schema is this one, the value as `T`. No generic JSON tree is built
/// on the way.
#[derive(Deserialize)]
struct SchemaOnly {
    schema: u32,
    #[serde(default)]
    base: Option<u64>,
}

#[derive(Deserialize)]
struct EnvelopeIn<T> {
    value: T,
}

/// What reading a key found.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded<T> {
    /// Nothing saved yet.
    Missing,
    Found(T),
    /// Something was there but could not be used; see the notice for what was done with it.
    Unreadable(Notice),
}

/// Something about storage the person must be told, in a sentence for the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub message: String,
    /// The full key that holds unreadable text the person may want to download: the backup
    /// copy, or the original key when no copy could be made.
    pub raw_key: Option<String>,
}

impl Notice {
    /// A notice with nothing to download.
    pub fn new(message: String) -> Notice {
        Notice {
            message,
            raw_key: None,
        }
    }
}

/// Keys and values on top of a [`KeyValueStore`], with the never-lose-data rules above.
pub struct Storage {
    store: Box<dyn KeyValueStore>,
    persistent: bool,
    protected: RefCell<HashSet<String>>,
    /// By full key; a handful of keys, so a list.
    seen: RefCell<Vec<(String, Seen)>>,
}

impl Storage {
    /// Storage that keeps data across reloads.
    pub fn persistent(store: Box<dyn KeyValueStore>) -> Storage {
        Storage {
            store,
            persistent: true,
            protected: RefCell::default(),
            seen: RefCell::default(),
        }
    }

    /// Storage that forgets everything when the page closes.
    pub fn in_memory() -> Storage {
        Storage {
            store: Box::new(MemoryStore::default()),
            persistent: false,
            protected: RefCell::default(),
            seen: RefCell::default(),
        }
    }

    /// Whether saved data survives a reload.
    pub fn is_persistent(&self) -> bool {
        self.persistent
    }

    /// The full key of a value `name`.
    pub fn key(name: &str) -> String {
        format!("{KEY_PREFIX}{name}")
    }

    /// Reads the value saved as `name`, backing up anything unreadable first.
    pub fn load<T: DeserializeOwned + Serialize>(&self, name: &str) -> Loaded<T> {
        let key = Storage::key(name);
        let raw = match self.store.get(&key) {
            Ok(Some(raw)) => raw,
            Ok(None) => return Loaded::Missing,
            Err(error) => {
                self.protected.borrow_mut().insert(key.clone());
                return Loaded::Unreadable(Notice::new(format!(
                    "{} could not be read ({error}); starting with defaults, and it will \
                         not be overwritten.",
                    saved_what(name)
                )));
            }
        };

        match read_stored::<T>(&raw) {
            Ok(value) => {
                self.saw(&key, &raw);
                Loaded::Found(value)
            }
            Err(problem) => Loaded::Unreadable(match self.back_up(name, &key, &raw) {
                Some(backup_key) => backed_up_notice(name, &problem, &backup_key),
                None => left_untouched_notice(name, &key, &problem),
            }),
        }
    }

    /// Reads what another window wrote as `name`: `new_raw` over `old_raw` (a storage event
    /// gives both), keeping what this window has in `mine` wherever it changed something itself
    /// (see [`merge::apply_changes`]). So an edit this window has not written yet is not undone
    /// by a write of another field. The change is the one the event reports, not what storage
    /// holds by now, which may already be this window's own later write.
    ///
    /// The other window's change is taken against the text it was based on (its `"base"`) when
    /// this window still has that text, else against `old_raw`. Two windows that write at
    /// nearly the same time each base their write on what was stored before either: against
    /// `old_raw`, the other window's write, this window's own edits would read as undone there.
    /// Without a readable base the new value is taken whole; one that cannot be read is read
    /// from storage as [`Storage::load`] reads it (backed up and reported).
    pub fn load_changed<T>(
        &self,
        name: &str,
        old_raw: Option<&str>,
        new_raw: Option<&str>,
        mine: &T,
    ) -> Loaded<T>
    where
        T: Serialize + DeserializeOwned,
    {
        // Values are read as `T`, so fields one of them lacks have their defaults, as in the
        // others. They meet as JSON text, which keeps the code each tab's type adds small: the
        // merge itself is one function for every type.
        // A value of this schema as `T`, with the base its envelope names.
        let read = |raw: Option<&str>| {
            let raw = raw?;
            let header = serde_json::from_str::<SchemaOnly>(raw).ok()?;
            let envelope = (header.schema == SCHEMA_VERSION)
                .then(|| serde_json::from_str::<EnvelopeIn<T>>(raw).ok())??;
            Some((envelope.value, header.base))
        };
        let Some((theirs, their_base)) = read(new_raw) else {
            return self.load::<T>(name);
        };
        let key = Storage::key(name);
        let based_on = their_base.and_then(|hash| self.remembered(&key, hash));
        let base = read(based_on.as_deref().or(old_raw))
            .and_then(|(old, _)| serde_json::to_string(&old).ok());
        if let Some(raw) = new_raw {
            self.saw(&key, raw);
        }
        let text = |value: &T| serde_json::to_string(value).ok();
        let merged = match (base, text(&theirs), text(mine)) {
            (Some(base), Some(their_text), Some(my_text)) => {
                merge::apply_text_changes(&base, &their_text, &my_text)
                    .and_then(|merged| serde_json::from_str::<T>(&merged).ok())
            }
            _ => None,
        };
        Loaded::Found(merged.unwrap_or(theirs))
    }

    /// Saves `value` as `name`. Refuses to overwrite a key whose unreadable content could not be
    /// backed up, and reports a store failure (quota, blocked storage) as a sentence.
    ///
    /// Text this window has not seen under the key (changed with no storage event to tell it:
    /// by its own code, while the page sat in the back-forward cache, by another tool) that
    /// [`Storage::load`] would find unreadable is backed up first, as `load` backs it up; the
    /// `Some` notice then says where the copy is. One that cannot be backed up is not written
    /// over. Readable text is written over as before: a storage event that reported it has
    /// brought its changes into `value` already.
    pub fn save<T>(&self, name: &str, value: &T) -> Result<Option<Notice>, Notice>
    where
        T: Serialize + DeserializeOwned,
    {
        let key = Storage::key(name);
        if self.protected.borrow().contains(&key) {
            return Err(Notice {
                message: format!(
                    "Not saved: {} could not be read or backed up, so it is left untouched.",
                    lower_first(&saved_what(name))
                ),
                raw_key: Some(key),
            });
        }
        // Where the store cannot give the key's text, there is nothing to judge: written as
        // before.
        let kept = match self.store.get(&key) {
            Ok(Some(raw)) if !self.stored_is(&key, &raw) => match read_stored::<T>(&raw) {
                Ok(_) => None,
                Err(problem) => match self.back_up(name, &key, &raw) {
                    Some(backup_key) => Some(written_over_notice(name, &problem, &backup_key)),
                    None => return Err(left_untouched_notice(name, &key, &problem)),
                },
            },
            _ => None,
        };
        let base = self
            .seen
            .borrow()
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, seen)| seen.last);
        let json = serde_json::to_string(&EnvelopeOut {
            schema: SCHEMA_VERSION,
            base,
            value,
        })
        .map_err(|error| Notice::new(format!("Not saved: {error}")))?;
        self.store.set(&key, &json).map_err(|error| {
            Notice::new(format!(
                "Not saved: the browser refused to store it ({error})"
            ))
        })?;
        self.saw(&key, &json);
        Ok(kept)
    }

    /// Whether `raw` is the text this window last found or left under `key`.
    fn stored_is(&self, key: &str, raw: &str) -> bool {
        let seen = self.seen.borrow();
        let stored = seen
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, s)| s.stored);
        stored == Some(fnv1a(raw.as_bytes()))
    }

    /// Notes that `raw` is what `key` holds as this window last found or left it.
    fn stored(&self, key: &str, raw: &str) {
        let mut all = self.seen.borrow_mut();
        let hash = Some(fnv1a(raw.as_bytes()));
        match all.iter_mut().find(|(k, _)| k == key) {
            Some((_, seen)) => seen.stored = hash,
            None => all.push((
                key.to_string(),
                Seen {
                    stored: hash,
                    ..Seen::default()
                },
            )),
        }
    }

    /// Notes that this window's value of `key` is now based on `raw` (read, written or taken
    /// from another window), and remembers `raw` for a while, unless it is large.
    fn saw(&self, key: &str, raw: &str) {
        self.stored(key, raw);
        let mut all = self.seen.borrow_mut();
        let at = match all.iter().position(|(k, _)| k == key) {
            Some(at) => at,
            None => {
                all.push((key.to_string(), Seen::default()));
                all.len() - 1
            }
        };
        let seen = &mut all[at].1;
        // A large text (a packed capacity series) is neither hashed nor kept: its key is not
        // merged, and its next write names no base.
        if raw.len() > MAX_REMEMBERED_BYTES {
            seen.last = None;
            return;
        }
        let hash = text_hash(raw);
        seen.last = Some(hash);
        // The text seen again is the newest one, so it is forgotten last.
        match seen.texts.iter().position(|(h, _)| *h == hash) {
            Some(at) => {
                let again = seen.texts.remove(at);
                seen.texts.push(again);
            }
            None => seen.texts.push((hash, raw.to_string())),
        }
        let mut total: usize = seen.texts.iter().map(|(_, text)| text.len()).sum();
        while seen.texts.len() > REMEMBERED_TEXTS || total > MAX_REMEMBERED_TOTAL_BYTES {
            total -= seen.texts.remove(0).1.len();
        }
    }

    /// The text of `key` with this hash, if this window still has it.
    fn remembered(&self, key: &str, hash: u64) -> Option<String> {
        let seen = self.seen.borrow();
        let texts = &seen.iter().find(|(k, _)| k == key)?.1.texts;
        texts
            .iter()
            .find(|(h, _)| *h == hash)
            .map(|(_, text)| text.clone())
    }

    /// Every value saved under a name that starts with `prefix`, each read as [`Storage::load`]
    /// reads one (unreadable ones are backed up and reported, not dropped silently).
    pub fn load_all<T: DeserializeOwned + Serialize>(
        &self,
        prefix: &str,
    ) -> (Vec<(String, T)>, Vec<Notice>) {
        let full_prefix = Storage::key(prefix);
        let mut names: Vec<String> = match self.store.keys(&full_prefix) {
            Ok(keys) => keys
                .into_iter()
                .map(|k| k[KEY_PREFIX.len()..].to_string())
                .collect(),
            Err(error) => {
                return (
                    Vec::new(),
                    vec![Notice::new(format!(
                        "Saved scenarios could not be listed ({error})"
                    ))],
                );
            }
        };
        names.sort();
        let mut values = Vec::new();
        let mut notices = Vec::new();
        for name in names {
            match self.load::<T>(&name) {
                Loaded::Found(value) => values.push((name, value)),
                Loaded::Missing => {}
                Loaded::Unreadable(notice) => notices.push(notice),
            }
        }
        (values, notices)
    }

    /// The names of the values saved under names that start with `prefix`, without reading
    /// them (empty when the store cannot list its keys).
    pub fn names(&self, prefix: &str) -> Vec<String> {
        self.store
            .keys(&Storage::key(prefix))
            .map(|keys| {
                keys.into_iter()
                    .map(|k| k[KEY_PREFIX.len()..].to_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Removes the value saved as `name`.
    pub fn remove(&self, name: &str) -> Result<(), Notice> {
        let key = Storage::key(name);
        if self.protected.borrow().contains(&key) {
            return Err(Notice::new(format!(
                "Not removed: the {name} data could not be backed up, so it is left untouched"
            )));
        }
        self.store
            .remove(&key)
            .map_err(|error| Notice::new(format!("Not removed: the browser refused ({error})")))?;
        // Gone by this window's own hand: not a change another window made.
        self.seen.borrow_mut().retain(|(k, _)| *k != key);
        Ok(())
    }

    /// Every key this window has found or left text under whose text is now another (or gone),
    /// with the text it last saw there when it still has it: the changes of other windows it got
    /// no storage event for. A page kept in the browser's back-forward cache gets none while it
    /// is there; given to the storage listeners as events when it is shown again, each change is
    /// merged as one another window's event brings (see [`Storage::load_changed`]), where this
    /// window's next save would have written its whole value over it.
    pub fn missed_changes(&self) -> Vec<MissedChange> {
        let seen = self.seen.borrow();
        seen.iter()
            .filter_map(|(key, seen)| {
                let stored = seen.stored?;
                let now = self.store.get(key).ok()?;
                if now.as_deref().map(|raw| fnv1a(raw.as_bytes())) == Some(stored) {
                    return None;
                }
                let old = seen
                    .texts
                    .iter()
                    .rev()
                    .find(|(_, text)| fnv1a(text.as_bytes()) == stored)
                    .map(|(_, text)| text.clone());
                Some(MissedChange {
                    key: key.clone(),
                    old,
                    new: now,
                })
            })
            .collect()
    }

    /// The raw text saved as `name`, for a storage event or a download of unreadable data.
    pub fn raw(&self, name: &str) -> Option<String> {
        self.store.get(&Storage::key(name)).ok().flatten()
    }

    /// Copies the unreadable text `raw` of `key` to the first free backup key of `name` (or the
    /// one that holds it already) and gives that key; else protects `key`.
    fn back_up(&self, name: &str, key: &str, raw: &str) -> Option<String> {
        // With a copy made (now or before), the original is no longer the only one.
        let backed_up = |backup_key: String| {
            self.protected.borrow_mut().remove(key);
            self.stored(key, raw);
            Some(backup_key)
        };
        for n in 1..=MAX_BACKUPS_PER_KEY {
            let backup_key = format!("{KEY_PREFIX}backup.{name}.{n}");
            match self.store.get(&backup_key) {
                Ok(Some(existing)) if existing == raw => return backed_up(backup_key),
                Ok(Some(_)) => continue,
                Ok(None) => {
                    if self.store.set(&backup_key, raw).is_ok() {
                        return backed_up(backup_key);
                    }
                    break;
                }
                Err(_) => break,
            }
        }
        self.protected.borrow_mut().insert(key.to_string());
        None
    }

    /// Copies the text saved as `name` to a backup key, as [`Storage::load`] does with text it
    /// cannot read, for a value that reads but was found damaged afterwards (`problem`, a
    /// sentence's ending: "the saved series is damaged (it does not unpack)"), so that saving
    /// it again never writes over the only copy. The notice names the copy for download (or the
    /// original, then protected, when no copy could be made); `None` when nothing is saved.
    pub fn back_up_damaged(&self, name: &str, problem: &str) -> Option<Notice> {
        let key = Storage::key(name);
        let raw = self.store.get(&key).ok().flatten()?;
        Some(match self.back_up(name, &key, &raw) {
            Some(backup_key) => backed_up_notice(name, problem, &backup_key),
            None => left_untouched_notice(name, &key, problem),
        })
    }

    /// The raw text under a full key (a backup, or a protected original), for a download.
    pub fn raw_at_key(&self, key: &str) -> Option<String> {
        if !key.starts_with(KEY_PREFIX) {
            return None;
        }
        self.store.get(key).ok().flatten()
    }
}

/// The value of the saved envelope `raw` as `T`, or why it cannot be read (a sentence's ending:
/// "it is not in Headroom's format"): the judgement of [`Storage::load`] and [`Storage::save`].
fn read_stored<T: DeserializeOwned + Serialize>(raw: &str) -> Result<T, String> {
    match serde_json::from_str::<SchemaOnly>(raw) {
        Err(_) => Err("it is not in Headroom's format".to_string()),
        Ok(SchemaOnly { schema, .. }) if schema > SCHEMA_VERSION => Err(format!(
            "it was saved by a newer version of Headroom (schema {schema})"
        )),
        Ok(SchemaOnly { schema, .. }) if schema < SCHEMA_VERSION => Err(format!(
            "it uses an old schema ({schema}) that cannot be read"
        )),
        Ok(_) => match serde_json::from_str::<EnvelopeIn<T>>(raw) {
            Ok(envelope) => match list_for_object(raw, &envelope.value) {
                None => Ok(envelope.value),
                Some(at) => Err(format!(
                    "it has an unexpected shape: {at} is a list, where an object belongs"
                )),
            },
            Err(error) => Err(unexpected_shape(raw, &error)),
        },
    }
}

/// Where the saved envelope `raw` holds a list in place of an object of `read` (the value as it
/// was read), if anywhere: serde reads a struct from a list by position, which is not how
/// Headroom writes anything, so such a value is damaged, not to be taken (and overwritten) as
/// it reads. Said as a path: "the value", "the value's rows[0]".
fn list_for_object<T: Serialize>(raw: &str, read: &T) -> Option<String> {
    use serde_json::Value;
    fn walk(raw: &Value, read: &Value, at: &str) -> Option<String> {
        match (raw, read) {
            (Value::Array(_), Value::Object(_)) => Some(at.to_string()),
            (Value::Array(raw), Value::Array(read)) => raw
                .iter()
                .zip(read)
                .enumerate()
                .find_map(|(i, (r, v))| walk(r, v, &format!("{at}[{i}]"))),
            (Value::Object(raw), Value::Object(read)) => raw.iter().find_map(|(key, r)| {
                let v = read.get(key)?;
                walk(r, v, &format!("{at}.{key}"))
            }),
            _ => None,
        }
    }
    // No list, nothing to find: a stored series (one long text) is not parsed again.
    if !raw.contains('[') {
        return None;
    }
    let raw: Value = serde_json::from_str(raw).ok()?;
    let value = raw.get("value").filter(|v| v.is_array() || v.is_object())?;
    // Through text, as autosave writes it: serde_json's Value serializer would be more code for
    // the page to load.
    let read: Value = serde_json::from_str(&serde_json::to_string(read).ok()?).ok()?;
    walk(value, &read, "").map(|at| {
        if at.is_empty() {
            "the value".to_string()
        } else {
            format!("the value's {}", at.trim_start_matches('.'))
        }
    })
}

/// Why a saved value of the right schema could not be read, in words where serde's message
/// has them, naming the field as a person who opens the backup would find it: "the value's
/// tasks[1].times is the number 3, but must be text in double quotes". Where no field can be
/// named, the line and column: "a value is the number 99, … (line 1, column 31)".
fn unexpected_shape(raw: &str, error: &serde_json::Error) -> String {
    let message = error.to_string();
    let core = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(core, _)| core);
    let read_to = byte_at(raw, error.line(), error.column());
    let mut plain = in_plain_words(core);
    let same = plain == core;
    // The number as typed, not as serde_json read it (a float, for a whole number past 2^64).
    if let Some(typed) = read_to.and_then(|end| number_ending_at(raw, end)) {
        plain = with_number_as_typed(&plain, typed);
    }
    match (path_read_at(raw, error.line(), error.column()), same) {
        (Some(what), false) => format!("it has an unexpected shape: {what} {plain}"),
        (Some(what), true) => format!("it has an unexpected shape ({what}: {core})"),
        (None, _) => {
            let at = format!("line {}, column {}", error.line(), error.column());
            if plain == core {
                format!("it has an unexpected shape ({core}; {at})")
            } else {
                format!("it has an unexpected shape: a value {plain} ({at})")
            }
        }
    }
}

/// The byte of `raw` at serde_json's `line` and `column` (1-based lines; the column counts the
/// bytes read on the line): where it stopped reading.
fn byte_at(raw: &str, line: usize, column: usize) -> Option<usize> {
    let line_start: usize = raw
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum();
    Some(line_start + column).filter(|&at| at <= raw.len())
}

/// What serde_json was reading in the envelope `raw` when it stopped at `line` and `column`
/// (the bytes it had consumed: a value of the wrong type read, an object's closing brace read
/// when a key was missing, a repeated key read), said as a path: "the value", "the value's
/// rows[2].name", or "it" for the envelope itself. `None` where that is not a path a person
/// would find as written: a key that is not plain letters, digits and underscores (an escape,
/// say), or outside the envelope's value. A few dozen lines over the bytes, so that naming the
/// field adds no dependency to the first load.
fn path_read_at(raw: &str, line: usize, column: usize) -> Option<String> {
    /// An open object (the key read last, and whether its value has begun) or list (the index
    /// of the item, and whether it has begun).
    enum Open<'a> {
        Object(Option<&'a [u8]>, bool),
        List(usize, bool),
    }
    let read = raw.as_bytes().get(..byte_at(raw, line, column)?)?;
    let mut open: Vec<Open> = Vec::new();
    let mut at = 0;
    while let Some(&byte) = read.get(at) {
        if let Some(Open::List(_, begun)) = open.last_mut() {
            *begun |= !matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b',' | b']');
        }
        match byte {
            b'"' => {
                let start = at + 1;
                at = start;
                while at < read.len() && read[at] != b'"' {
                    at += if read[at] == b'\\' { 2 } else { 1 };
                }
                if let Some(Open::Object(key, false)) = open.last_mut() {
                    *key = read.get(start..at);
                }
            }
            b'{' => open.push(Open::Object(None, false)),
            b'[' => open.push(Open::List(0, false)),
            b'}' | b']' => {
                open.pop();
            }
            b':' => {
                if let Some(Open::Object(_, begun)) = open.last_mut() {
                    *begun = true;
                }
            }
            b',' => match open.last_mut() {
                Some(Open::Object(key, begun)) => (*key, *begun) = (None, false),
                Some(Open::List(index, begun)) => (*index, *begun) = (*index + 1, false),
                None => {}
            },
            _ => {}
        }
        at += 1;
    }
    let mut steps = open.iter();
    match steps.next() {
        // The envelope itself: closed (a key it lacks) or between its keys (one repeated).
        None | Some(Open::Object(_, false)) => return Some("it".to_string()),
        Some(Open::Object(Some(b"value"), true)) => {}
        Some(_) => return None,
    }
    let mut path = String::new();
    for step in steps {
        match step {
            Open::Object(Some(key), true) => {
                let plain = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
                if key.is_empty() || !key.iter().all(plain) {
                    return None;
                }
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(std::str::from_utf8(key).ok()?);
            }
            Open::List(index, true) => path.push_str(&format!("[{index}]")),
            _ => break,
        }
    }
    Some(if path.is_empty() {
        "the value".to_string()
    } else if path.starts_with('[') {
        format!("the value{path}")
    } else {
        format!("the value's {path}")
    })
}

/// What is saved under the storage name `name`, in words for a person: `The saved Budget tab
/// inputs`, `A saved scenario`, `A saved capacity series`.
fn saved_what(name: &str) -> String {
    let tab = |t: &str| format!("The {t} tab's saved data");
    match name {
        "budget" => tab("Budget"),
        "alerts" => tab("Alerts"),
        "capacity" => tab("Capacity"),
        "toil" => tab("Toil"),
        "incidents" => tab("Incidents"),
        _ if name.starts_with("scenario.") => "A saved scenario".to_string(),
        _ if name.starts_with("series.") => "A saved capacity series".to_string(),
        _ => format!("Saved data \"{name}\""),
    }
}

/// What the page does without the unreadable value `name`.
fn instead(name: &str) -> &'static str {
    if name.starts_with("scenario.") {
        "the list leaves it out"
    } else if name.starts_with("series.") {
        "the series can be imported again"
    } else {
        "defaults are used"
    }
}

/// What the page says when the unreadable text of `key` could not be backed up.
fn left_untouched_notice(name: &str, key: &str, problem: &str) -> Notice {
    Notice {
        message: format!(
            "{} could not be read because {problem}. A backup copy could not be made, so it \
             is left untouched under \"{key}\" and changes made now will not be saved.",
            saved_what(name)
        ),
        raw_key: Some(key.to_string()),
    }
}

/// What the page says when a save found unreadable text it had not seen under `name` and
/// copied it to `backup_key` before writing over it.
fn written_over_notice(name: &str, problem: &str, backup_key: &str) -> Notice {
    Notice {
        message: format!(
            "{} had been changed outside this window and could not be read because {problem}. \
             It was copied to \"{backup_key}\" in this browser's storage before this window's \
             work was saved in its place.",
            saved_what(name)
        ),
        raw_key: Some(backup_key.to_string()),
    }
}

fn backed_up_notice(name: &str, problem: &str, backup_key: &str) -> Notice {
    Notice {
        message: format!(
            "{} could not be read because {problem}. It was copied to \"{backup_key}\" in this \
             browser's storage, and {}.",
            saved_what(name),
            instead(name)
        ),
        raw_key: Some(backup_key.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    struct Inputs {
        target: String,
    }

    /// A store shared with the test, so the test can look behind Storage's back.
    #[derive(Clone, Default)]
    struct Shared(Rc<MemoryStore>, Rc<RefCell<bool>>);

    impl KeyValueStore for Shared {
        fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
            self.0.get(key)
        }

        fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
            if *self.1.borrow() {
                return Err(StoreError::Failed("QuotaExceededError".to_string()));
            }
            self.0.set(key, value)
        }

        fn remove(&self, key: &str) -> Result<(), StoreError> {
            self.0.remove(key)
        }

        fn keys(&self, prefix: &str) -> Result<Vec<String>, StoreError> {
            self.0.keys(prefix)
        }
    }

    fn inputs(target: &str) -> Inputs {
        Inputs {
            target: target.to_string(),
        }
    }

    #[test]
    fn round_trips_and_reports_missing() {
        let storage = Storage::persistent(Box::new(MemoryStore::default()));
        assert_eq!(storage.load::<Inputs>("budget"), Loaded::Missing);
        storage.save("budget", &inputs("99.95")).expect("saved");
        assert_eq!(
            storage.load::<Inputs>("budget"),
            Loaded::Found(inputs("99.95"))
        );
    }

    #[test]
    fn a_change_from_another_window_keeps_the_fields_it_did_not_touch() {
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        struct Two {
            target: String,
            #[serde(default)]
            window: String,
        }
        let two = |target: &str, window: &str| Two {
            target: target.into(),
            window: window.into(),
        };
        // This window and another one (which has read nothing, so names no base) on one store.
        let shared = Shared::default();
        let storage = Storage::persistent(Box::new(shared.clone()));
        let other = Storage::persistent(Box::new(shared));
        storage.save("budget", &two("99.9", "30")).expect("saved");
        let old = storage.raw("budget");
        // The other window changed the window; this one has a target typed but not yet saved.
        other.save("budget", &two("99.9", "28")).expect("saved");
        let new = storage.raw("budget");
        let mine = two("99.95", "30");
        let changed = |old: Option<&str>, mine: &Two| {
            storage.load_changed("budget", old, new.as_deref(), mine)
        };
        assert_eq!(
            changed(old.as_deref(), &mine),
            Loaded::Found(two("99.95", "28"))
        );
        // Without a readable old value, the new one is taken whole.
        for old in [None, Some("{not json"), Some(r#"{"schema":99,"value":{}}"#)] {
            assert_eq!(changed(old, &mine), Loaded::Found(two("99.9", "28")));
        }
        // An old value without the field reads it as its default, so a window that has the
        // default there takes the other window's value.
        let older = r#"{"schema":1,"value":{"target":"99.9"}}"#;
        assert_eq!(
            changed(Some(older), &two("99.95", "")),
            Loaded::Found(two("99.95", "28"))
        );
        // The change is the event's, not what storage holds by now: this window has since
        // written its own target over the other window's write, and still takes the window.
        storage.save("budget", &two("99.95", "30")).expect("saved");
        assert_eq!(
            changed(old.as_deref(), &mine),
            Loaded::Found(two("99.95", "28"))
        );
        // A new value that cannot be read is read from storage as `load` reads it.
        storage.store.set("headroom.budget", "{oops").expect("set");
        assert!(matches!(
            storage.load_changed("budget", old.as_deref(), Some("{oops"), &mine),
            Loaded::Unreadable(_)
        ));
        assert_eq!(
            storage.load_changed("budget", old.as_deref(), None, &mine),
            storage.load::<Two>("budget")
        );
    }

    #[test]
    fn writes_at_nearly_the_same_time_are_merged_against_what_each_was_based_on() {
        use crate::inputs::{RowId, TaskInputs, ToilInputs};
        let task = |id: u64, name: &str| TaskInputs {
            id: RowId(id),
            name: name.into(),
            ..TaskInputs::default()
        };
        let names = |inputs: &ToilInputs| -> Vec<String> {
            inputs.tasks.iter().map(|t| t.name.clone()).collect()
        };
        let shared = Shared::default();
        let (one, two) = (
            Storage::persistent(Box::new(shared.clone())),
            Storage::persistent(Box::new(shared)),
        );
        let start = ToilInputs {
            tasks: vec![task(1, "a"), task(2, "b")],
            ..ToilInputs::default()
        };
        one.save("toil", &start).expect("saved");
        let stored = one.raw("toil");
        assert!(matches!(two.load::<ToilInputs>("toil"), Loaded::Found(_)));
        // Each window adds a row and writes before it has seen the other's write: the second
        // write replaces the first in storage, so each storage event's old value is the other
        // window's write, not the value the new one was based on.
        let mut mine_one = start.clone();
        mine_one.tasks.push(task(7, "added in one"));
        let mut mine_two = start.clone();
        mine_two.tasks.push(task(8, "added in two"));
        one.save("toil", &mine_one).expect("saved");
        let written_one = one.raw("toil");
        two.save("toil", &mine_two).expect("saved");
        let written_two = two.raw("toil");
        let Loaded::Found(in_one) = one.load_changed(
            "toil",
            written_one.as_deref(),
            written_two.as_deref(),
            &mine_one,
        ) else {
            panic!("merged in one");
        };
        let Loaded::Found(in_two) =
            two.load_changed("toil", stored.as_deref(), written_one.as_deref(), &mine_two)
        else {
            panic!("merged in two");
        };
        assert_eq!(names(&in_one), ["a", "b", "added in one", "added in two"]);
        assert_eq!(names(&in_two), ["a", "b", "added in one", "added in two"]);
        // A write names the text it was based on: window two's is the value both started from.
        let base = |raw: &Option<String>| {
            serde_json::from_str::<SchemaOnly>(raw.as_deref().expect("written"))
                .expect("an envelope")
                .base
        };
        let hash = |raw: &Option<String>| Some(text_hash(raw.as_deref().expect("written")));
        assert_eq!(base(&written_two), hash(&stored));
        assert_eq!(base(&written_one), hash(&stored));
    }

    /// A window of the page in [`many_windows`]: its storage (what it has seen of the key),
    /// its value, whether a write of it is due, and the storage events not yet taken.
    struct Window {
        storage: Storage,
        mine: crate::inputs::ToilInputs,
        due: bool,
        events: std::collections::VecDeque<(Option<String>, Option<String>)>,
        edits_done: usize,
    }

    /// An edit a window makes to the Toil tab, and whether a value still has it.
    type Edit = (
        fn(&mut crate::inputs::ToilInputs, usize),
        fn(&crate::inputs::ToilInputs, usize) -> bool,
    );

    /// `count` windows of the page on one store, all started from one saved inventory, each
    /// making `edits` (window `i`'s own: a field, a row, in order), run in an order picked by
    /// `seed` as a browser may run them: an edit, a write of a window's value when one is due
    /// (autosave: after an edit, or after taking another window's change) while no other window
    /// has `in_flight` writes it has not taken yet, or the next storage event a window has not
    /// taken, which comes in the order the writes were made and is taken through
    /// [`Storage::load_changed`]. Runs until every edit is made, written and taken
    /// everywhere; gives every window's value and the stored one, with the steps taken.
    fn many_windows(
        count: usize,
        edits: &[Edit],
        in_flight: usize,
        seed: u64,
    ) -> (Vec<crate::inputs::ToilInputs>, Vec<String>) {
        use crate::inputs::{with_ids, TaskInputs, ToilInputs};
        let shared = Shared::default();
        let start = ToilInputs {
            tasks: with_ids(
                (0..count)
                    .flat_map(|i| [format!("task {i}"), format!("spare {i}")])
                    .map(|name| TaskInputs {
                        name,
                        ..TaskInputs::default()
                    })
                    .collect(),
            ),
            ..ToilInputs::default()
        };
        Storage::persistent(Box::new(shared.clone()))
            .save("toil", &start)
            .expect("saved");
        let mut windows: Vec<Window> = (0..count)
            .map(|_| {
                let storage = Storage::persistent(Box::new(shared.clone()));
                let Loaded::Found(mine) = storage.load::<ToilInputs>("toil") else {
                    panic!("loaded");
                };
                Window {
                    storage,
                    mine,
                    due: false,
                    events: Default::default(),
                    edits_done: 0,
                }
            })
            .collect();
        let mut random = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        let mut steps = Vec::new();
        loop {
            // (window, 0 edit / 1 write / 2 take an event)
            let mut can = Vec::new();
            for (i, window) in windows.iter().enumerate() {
                if window.edits_done < edits.len() {
                    can.push((i, 0));
                }
                // A browser takes storage events promptly: no window is more than `in_flight`
                // writes behind.
                let behind =
                    |(j, other): (usize, &Window)| j == i || other.events.len() < in_flight;
                if window.due && windows.iter().enumerate().all(behind) {
                    can.push((i, 1));
                }
                if !window.events.is_empty() {
                    can.push((i, 2));
                }
            }
            if can.is_empty() {
                break;
            }
            assert!(steps.len() < 10_000, "no end: {steps:?}");
            random ^= random << 13;
            random ^= random >> 7;
            random ^= random << 17;
            let (i, action) = can[(random % can.len() as u64) as usize];
            match action {
                0 => {
                    let window = &mut windows[i];
                    (edits[window.edits_done].0)(&mut window.mine, i);
                    window.edits_done += 1;
                    window.due = true;
                    steps.push(format!("{i} edits"));
                }
                1 => {
                    let old = shared.0.get("headroom.toil").unwrap();
                    windows[i]
                        .storage
                        .save("toil", &windows[i].mine)
                        .expect("saved");
                    windows[i].due = false;
                    let new = shared.0.get("headroom.toil").unwrap();
                    steps.push(format!("{i} writes"));
                    // A browser fires no storage event for a value set to what it was.
                    if old != new {
                        for (j, other) in windows.iter_mut().enumerate() {
                            if j != i {
                                other.events.push_back((old.clone(), new.clone()));
                            }
                        }
                    }
                }
                _ => {
                    let window = &mut windows[i];
                    let (old, new) = window.events.pop_front().expect("an event");
                    let Loaded::Found(value) = window.storage.load_changed(
                        "toil",
                        old.as_deref(),
                        new.as_deref(),
                        &window.mine,
                    ) else {
                        panic!("taken");
                    };
                    if value != window.mine {
                        window.mine = value;
                        window.due = true;
                    }
                    steps.push(format!("{i} takes"));
                }
            }
        }
        let Loaded::Found(stored) = Storage::persistent(Box::new(shared)).load("toil") else {
            panic!("stored");
        };
        let mut values: Vec<ToilInputs> = windows.into_iter().map(|w| w.mine).collect();
        values.push(stored);
        (values, steps)
    }

    /// Window `i`'s own top-level field of the Toil tab.
    fn own_field(inputs: &mut crate::inputs::ToilInputs, i: usize) -> &mut String {
        match i {
            0 => &mut inputs.engineers,
            1 => &mut inputs.hours_per_week,
            2 => &mut inputs.working_days_per_year,
            3 => &mut inputs.rotation_size,
            4 => &mut inputs.hourly_cost,
            _ => &mut inputs.currency,
        }
    }

    #[test]
    fn three_or_more_windows_writing_within_one_autosave_delay_lose_no_edit() {
        use crate::inputs::{RowId, TaskInputs};
        let edits: [Edit; 4] = [
            // A field of its own.
            (
                |inputs, i| *own_field(inputs, i) = format!("w{i}"),
                |inputs, i| *own_field(&mut inputs.clone(), i) == format!("w{i}"),
            ),
            // A row added, with an id of its own (as the page's random ones are).
            (
                |inputs, i| {
                    inputs.tasks.push(TaskInputs {
                        id: RowId(1000 + i as u64),
                        name: format!("added in {i}"),
                        ..TaskInputs::default()
                    })
                },
                |inputs, i| {
                    let name = format!("added in {i}");
                    inputs.tasks.iter().any(|t| t.name == name)
                },
            ),
            // A field of its own row of those all started with.
            (
                |inputs, i| {
                    let name = format!("task {i}");
                    if let Some(task) = inputs.tasks.iter_mut().find(|t| t.name == name) {
                        task.times = format!("{}", 10 + i);
                    }
                },
                |inputs, i| {
                    let (name, times) = (format!("task {i}"), format!("{}", 10 + i));
                    inputs
                        .tasks
                        .iter()
                        .any(|t| t.name == name && t.times == times)
                },
            ),
            // Another row of those all started with removed.
            (
                |inputs, i| {
                    let name = format!("spare {i}");
                    inputs.tasks.retain(|t| t.name != name);
                },
                |inputs, i| {
                    let name = format!("spare {i}");
                    !inputs.tasks.iter().any(|t| t.name == name)
                },
            ),
        ];
        for count in 3..=5 {
            for seed in 0..8 {
                // A window may be up to 8 writes behind: it used to remember only 4 texts, and
                // lost edits of windows whose base it had forgotten.
                let (values, steps) = many_windows(count, &edits, 8, seed);
                for (at, value) in values.iter().enumerate() {
                    let place = if at == count {
                        "storage".to_string()
                    } else {
                        format!("window {at}")
                    };
                    for i in 0..count {
                        for (kind, (_, kept)) in edits.iter().enumerate() {
                            assert!(
                                kept(value, i),
                                "{count} windows, seed {seed}: edit {kind} of window {i} is lost \
                                 in {place}: {value:?}\nsteps: {steps:?}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn five_windows_that_each_write_before_taking_any_other_write_keep_every_edit() {
        use crate::inputs::BudgetInputs;
        let own = |inputs: &BudgetInputs, i: usize| -> String {
            [
                &inputs.observed_bad,
                &inputs.observed_total,
                &inputs.so_far_bad,
                &inputs.so_far_total,
                &inputs.incident_minutes,
            ][i]
                .clone()
        };
        let shared = Shared::default();
        Storage::persistent(Box::new(shared.clone()))
            .save("budget", &BudgetInputs::default())
            .expect("saved");
        let storages: Vec<Storage> = (0..5)
            .map(|_| Storage::persistent(Box::new(shared.clone())))
            .collect();
        let mut values: Vec<BudgetInputs> = storages
            .iter()
            .map(|storage| match storage.load("budget") {
                Loaded::Found(value) => value,
                other => panic!("{other:?}"),
            })
            .collect();
        // Each window types in a field of its own and writes it before any storage event of
        // the others' writes has come: every write is based on the value all started from.
        let mut writes = Vec::new();
        for (i, (storage, value)) in storages.iter().zip(&mut values).enumerate() {
            let mut edited = value.clone();
            let typed = format!("{}", i + 1);
            match i {
                0 => edited.observed_bad = typed,
                1 => edited.observed_total = typed,
                2 => edited.so_far_bad = typed,
                3 => edited.so_far_total = typed,
                _ => edited.incident_minutes = typed,
            }
            *value = edited;
            let old = shared.0.get("headroom.budget").unwrap();
            storage.save("budget", value).expect("saved");
            writes.push((i, old, shared.0.get("headroom.budget").unwrap()));
        }
        // Then each takes the others' writes, in the order they were made.
        for (at, (storage, value)) in storages.iter().zip(&mut values).enumerate() {
            for (_, old, new) in writes.iter().filter(|(i, _, _)| *i != at) {
                match storage.load_changed("budget", old.as_deref(), new.as_deref(), value) {
                    Loaded::Found(taken) => *value = taken,
                    other => panic!("{other:?}"),
                }
            }
            let typed: Vec<String> = (0..5).map(|i| own(value, i)).collect();
            assert_eq!(typed, ["1", "2", "3", "4", "5"], "window {at}");
        }
    }

    #[test]
    fn a_window_remembers_its_last_texts_the_one_seen_again_as_the_newest_within_a_size() {
        let storage = Storage::in_memory();
        let key = "headroom.toil";
        let text = |n: usize| format!("{n:0>width$}", width = 8 * 1024);
        let kept = |n: usize| storage.remembered(key, text_hash(&text(n))).is_some();
        for n in 0..REMEMBERED_TEXTS {
            storage.saw(key, &text(n));
        }
        assert!(kept(0) && kept(REMEMBERED_TEXTS - 1));
        // Seen again, the first text is the newest: the next one forgotten is the second.
        storage.saw(key, &text(0));
        storage.saw(key, &text(REMEMBERED_TEXTS));
        assert!(kept(0) && !kept(1) && kept(2));
        // Large texts: no more than the size in all.
        let large = |n: usize| format!("{n:08}{}", "x".repeat(MAX_REMEMBERED_BYTES - 8));
        for n in 0..8 {
            storage.saw(key, &large(n));
        }
        let held = MAX_REMEMBERED_TOTAL_BYTES / MAX_REMEMBERED_BYTES;
        assert!(storage.remembered(key, text_hash(&large(7))).is_some());
        assert!(storage
            .remembered(key, text_hash(&large(8 - held)))
            .is_some());
        assert!(storage
            .remembered(key, text_hash(&large(7 - held)))
            .is_none());
    }

    /// `value` as [`Storage::save`] writes it.
    fn envelope<T: Serialize>(value: &T) -> String {
        serde_json::to_string(&EnvelopeOut {
            schema: SCHEMA_VERSION,
            base: None,
            value,
        })
        .expect("written")
    }

    #[test]
    fn rows_removed_in_one_window_and_edited_in_another_are_matched_by_id() {
        use crate::inputs::{TaskInputs, ToilInputs};
        let storage = Storage::persistent(Box::new(MemoryStore::default()));
        // An inventory saved before rows had ids: both windows read the same ids from it.
        let names = |tasks: &[TaskInputs]| -> Vec<String> {
            tasks
                .iter()
                .map(|t| format!("{}={}", t.name, t.times))
                .collect()
        };
        let old = r#"{"schema":1,"value":{"tasks":[{"name":"a"},{"name":"b"},{"name":"c"}]}}"#;
        storage.store.set("headroom.toil", old).expect("set");
        let Loaded::Found(loaded) = storage.load::<ToilInputs>("toil") else {
            panic!("loaded");
        };
        // The other window removed the first row; this one typed in the last.
        let mut theirs = loaded.clone();
        theirs.tasks.remove(0);
        storage.save("toil", &theirs).expect("saved");
        let new = storage.raw("toil");
        let mut mine = loaded;
        mine.tasks[2].times = "4".into();
        let Loaded::Found(merged) = storage.load_changed("toil", Some(old), new.as_deref(), &mine)
        else {
            panic!("merged");
        };
        assert_eq!(names(&merged.tasks), ["b=1", "c=4"]);
        // And the other way round: removed here, typed there.
        let Loaded::Found(merged) =
            storage.load_changed("toil", Some(old), Some(&envelope(&mine)), &theirs)
        else {
            panic!("merged");
        };
        assert_eq!(names(&merged.tasks), ["b=1", "c=4"]);
    }

    #[test]
    fn a_saved_incident_time_with_an_offset_out_of_range_is_backed_up_not_shown() {
        // An offset of -2^31 minutes loaded and gave the time-zone note "UTC-35791394:08".
        let shared = Shared::default();
        let raw = r#"{"schema":1,"value":{"incidents":[{"title":"db","start":{"local":"2026-12-04 03:15","utc_offset_minutes":-2147483648}}]}}"#;
        shared.0.set("headroom.incidents", raw).unwrap();
        let storage = Storage::persistent(Box::new(shared.clone()));
        let loaded = storage.load::<crate::inputs::IncidentsInputs>("incidents");
        let Loaded::Unreadable(notice) = loaded else {
            panic!("an offset out of range must be reported: {loaded:?}");
        };
        assert!(
            notice.message.contains("UTC-18:00 to UTC+18:00"),
            "{}",
            notice.message
        );
        assert_eq!(
            shared
                .0
                .get("headroom.backup.incidents.1")
                .unwrap()
                .as_deref(),
            Some(raw)
        );
    }

    #[test]
    fn a_value_found_damaged_after_it_was_read_is_backed_up_for_download() {
        // A stored capacity series reads as text and is found damaged only when unpacked: it
        // was reported without a copy to download, and storing the series again could replace it.
        let shared = Shared::default();
        let storage = Storage::persistent(Box::new(shared.clone()));
        storage
            .save("series.abc", &"not packed".to_string())
            .unwrap();
        let raw = shared.0.get("headroom.series.abc").unwrap().unwrap();
        assert_eq!(
            storage.load::<String>("series.abc"),
            Loaded::Found("not packed".into())
        );

        let problem = "the saved series is damaged (it does not unpack)";
        let notice = storage.back_up_damaged("series.abc", problem).unwrap();
        let backup = "headroom.backup.series.abc.1";
        assert_eq!(notice.raw_key.as_deref(), Some(backup));
        assert_eq!(storage.raw_at_key(backup).as_deref(), Some(raw.as_str()));
        assert!(notice.message.contains(problem), "{}", notice.message);
        assert!(notice.message.contains(backup), "{}", notice.message);

        // Found damaged again: the same copy, not a second one; nothing saved, no notice.
        assert_eq!(storage.back_up_damaged("series.abc", problem), Some(notice));
        assert_eq!(shared.0.get("headroom.backup.series.abc.2").unwrap(), None);
        assert_eq!(storage.back_up_damaged("series.none", problem), None);

        // Without room for a copy, the original is offered instead, and no save replaces it.
        storage
            .save("series.def", &"not packed".to_string())
            .unwrap();
        let raw = shared.0.get("headroom.series.def").unwrap().unwrap();
        *shared.1.borrow_mut() = true;
        let notice = storage.back_up_damaged("series.def", problem).unwrap();
        assert_eq!(notice.raw_key.as_deref(), Some("headroom.series.def"));
        *shared.1.borrow_mut() = false;
        assert!(storage.save("series.def", &"packed".to_string()).is_err());
        assert_eq!(
            storage.raw_at_key("headroom.series.def").as_deref(),
            Some(raw.as_str())
        );
    }

    #[test]
    fn corrupt_value_is_backed_up_before_anything_overwrites_it() {
        let shared = Shared::default();
        shared.0.set("headroom.budget", "{not json").unwrap();
        let storage = Storage::persistent(Box::new(shared.clone()));

        let Loaded::Unreadable(notice) = storage.load::<Inputs>("budget") else {
            panic!("corrupt data must be reported");
        };
        assert!(
            notice.message.contains("headroom.backup.budget.1"),
            "{}",
            notice.message
        );
        assert_eq!(
            shared.0.get("headroom.backup.budget.1").unwrap().unwrap(),
            "{not json"
        );
        assert_eq!(notice.raw_key.as_deref(), Some("headroom.backup.budget.1"));
        assert_eq!(
            storage.raw_at_key("headroom.backup.budget.1").as_deref(),
            Some("{not json"),
            "the copy can be offered for download"
        );
        assert_eq!(
            storage.raw_at_key("other.app.key"),
            None,
            "only Headroom's own keys"
        );

        // Reading the same corrupt value again does not pile up copies.
        let _ = storage.load::<Inputs>("budget");
        assert_eq!(shared.0.get("headroom.backup.budget.2").unwrap(), None);

        // With the copy made, saving may replace the corrupt value.
        storage.save("budget", &inputs("99.9")).expect("saved");
        assert_eq!(
            storage.load::<Inputs>("budget"),
            Loaded::Found(inputs("99.9"))
        );
        assert_eq!(
            shared.0.get("headroom.backup.budget.1").unwrap().unwrap(),
            "{not json"
        );
    }

    #[test]
    fn a_different_corrupt_value_gets_its_own_backup() {
        let shared = Shared::default();
        shared
            .0
            .set("headroom.backup.budget.1", "older junk")
            .unwrap();
        shared.0.set("headroom.budget", "[1,2,3]").unwrap();
        let storage = Storage::persistent(Box::new(shared.clone()));
        let _ = storage.load::<Inputs>("budget");
        assert_eq!(
            shared.0.get("headroom.backup.budget.1").unwrap().unwrap(),
            "older junk"
        );
        assert_eq!(
            shared.0.get("headroom.backup.budget.2").unwrap().unwrap(),
            "[1,2,3]"
        );
    }

    #[test]
    fn a_list_read_by_position_where_an_object_belongs_is_found() {
        let mut one = crate::inputs::AlertsInputs::default();
        one.rows.truncate(1);
        assert_eq!(
            list_for_object(r#"{"schema":1,"value":{"rows":[["page"]]}}"#, &one).as_deref(),
            Some("the value's rows[0]")
        );
        assert_eq!(
            list_for_object(r#"{"schema":1,"value":["x"]}"#, &one).as_deref(),
            Some("the value")
        );
        // As Headroom writes it: nothing to say.
        let written = format!(
            r#"{{"schema":1,"value":{}}}"#,
            serde_json::to_string(&one).unwrap()
        );
        assert_eq!(list_for_object(&written, &one), None);
    }

    #[test]
    fn newer_schema_and_wrong_shape_are_unreadable() {
        let cases = [
            (r#"{"schema":2,"value":{"target":"99"}}"#, "newer version"),
            (r#"{"schema":0,"value":{"target":"99"}}"#, "old schema"),
            (
                r#"{"schema":1,"value":{"target":99}}"#,
                "it has an unexpected shape: the value's target is the number 99, but must be \
                 text in double quotes.",
            ),
            (
                r#"{"schema":1,"value":{"target":1e300}}"#,
                "it has an unexpected shape: the value's target is the number 1e300, but must \
                 be text in double quotes.",
            ),
            (
                r#"{"schema":1,"value":["99"]}"#,
                "it has an unexpected shape: the value is a list, where an object belongs",
            ),
            (
                r#"{"schema":1}"#,
                "it has an unexpected shape: it has no \"value\", which it must have.",
            ),
            // No field can be named (a key written with an escape, as the person would not
            // find it): the line and column.
            (
                r#"{"schema":1,"value":{"targ\u0065t":99}}"#,
                "it has an unexpected shape: a value is the number 99, but must be text in \
                 double quotes (line 1, column 37)",
            ),
            ("", "not in Headroom's format"),
            // A whole number past 2^64, read as a float, is quoted as typed, not as that
            // float (1.2345678901234568e23).
            (
                r#"{"schema":1,"value":{"target":123456789012345678901234}}"#,
                "it has an unexpected shape: the value's target is the number \
                 123456789012345678901234, but must be text in double quotes.",
            ),
            (
                "{\"schema\":1,\n\"value\":{\"targ\\u0065t\": -123456789012345678901234.50E+3}}",
                "it has an unexpected shape: a value is the number \
                 -123456789012345678901234.50e3, but must be text in double quotes (line 2, \
                 column",
            ),
        ];
        for (raw, expected) in cases {
            let shared = Shared::default();
            shared.0.set("headroom.budget", raw).unwrap();
            let storage = Storage::persistent(Box::new(shared.clone()));
            match storage.load::<Inputs>("budget") {
                Loaded::Unreadable(notice) => {
                    assert!(
                        notice.message.contains(expected),
                        "{raw}: {}",
                        notice.message
                    )
                }
                other => panic!("{raw}: expected unreadable, got {other:?}"),
            }
        }
    }

    /// The problem `load` reports for `value` saved in an envelope as a `T`, or `None` when it
    /// reads.
    fn problem<T: DeserializeOwned + Serialize>(value: &str) -> Option<String> {
        let shared = Shared::default();
        let raw = format!(r#"{{"schema":1,"value":{value}}}"#);
        shared.0.set("headroom.budget", &raw).unwrap();
        let storage = Storage::persistent(Box::new(shared));
        match storage.load::<T>("budget") {
            Loaded::Found(_) => None,
            Loaded::Missing => panic!("{value}: missing"),
            Loaded::Unreadable(notice) => Some(
                notice
                    .message
                    .split_once("because it has an unexpected shape")
                    .and_then(|(_, rest)| rest.split_once(". It was copied"))
                    .map_or(notice.message.clone(), |(problem, _)| problem.to_string()),
            ),
        }
    }

    #[test]
    fn a_wrong_shape_is_named_by_the_fields_path_not_a_line_and_column() {
        use crate::formats::scenario::Scenario;
        use crate::inputs::{AlertsInputs, BudgetInputs, IncidentsInputs, ToilInputs};
        type Read = fn(&str) -> Option<String>;
        let budget: Read = problem::<BudgetInputs>;
        let toil: Read = problem::<ToilInputs>;
        let incidents: Read = problem::<IncidentsInputs>;
        let alerts: Read = problem::<AlertsInputs>;
        let scenario: Read = problem::<Scenario>;
        let cases: &[(Read, &str, Option<&str>)] = &[
            // Budget: wrong types, a value that is not an object, missing keys (defaults).
            (
                budget,
                r#"{"target_percent":99}"#,
                Some(
                    ": the value's target_percent is the number 99, but must be text in double \
                     quotes",
                ),
            ),
            (
                budget,
                r#"{"target_percent":"99.9","include_incidents":"yes"}"#,
                Some(": the value's include_incidents is the text \"yes\", but must be true or false"),
            ),
            (
                budget,
                r#"{"window_days":["30"]}"#,
                Some(": the value's window_days is a list, but must be text in double quotes"),
            ),
            (
                budget,
                r#"{"window_days":{"days":30}}"#,
                Some(": the value's window_days is an object, but must be text in double quotes"),
            ),
            (
                budget,
                r#""99.9""#,
                Some(": the value is the text \"99.9\", but must be an object"),
            ),
            // Text before it holding quotes, brackets and commas, on several lines.
            (
                budget,
                "{\n  \"window_kind\": \"a \\\"b\\\", [{\",\n  \"sli_kind\": \"}]\",\n  \
                 \"observed_hours\": null\n}",
                Some(": the value's observed_hours is null, but must be text in double quotes"),
            ),
            (
                budget,
                r#"{"target_percent":"1","target_percent":"2"}"#,
                Some(": the value has \"target_percent\" twice"),
            ),
            (budget, r#"{"target_percent":"99.95"}"#, None),
            (budget, "{}", None),
            (budget, r#"{"unknown":[1,{"x":2}],"window_days":"28"}"#, None),
            // Toil rows: a field of a row, a row, the list.
            (
                toil,
                r#"{"tasks":[{"name":"a"},{"name":"b","times":3}]}"#,
                Some(": the value's tasks[1].times is the number 3, but must be text in double quotes"),
            ),
            (
                toil,
                r#"{"tasks":[{"name":"a"},7]}"#,
                Some(": the value's tasks[1] is the number 7, but must be an object"),
            ),
            (
                toil,
                r#"{"tasks":"none"}"#,
                Some(": the value's tasks is the text \"none\", but must be a list"),
            ),
            (
                toil,
                r#"{"engineers":"4","tasks":[{"name":"a"},{"name":"b","automatable":"no"}]}"#,
                Some(": the value's tasks[1].automatable is the text \"no\", but must be true or false"),
            ),
            (
                toil,
                r#"{"selected_task":-1}"#,
                Some(
                    ": the value's selected_task is the number -1, but must be a whole number \
                     from 0 to 18446744073709551615",
                ),
            ),
            (toil, r#"{"tasks":[{"id":"x","name":"a"},{}]}"#, None),
            (toil, r#"{"tasks":[]}"#, None),
            // Incidents' timeline entries: lists inside lists.
            (
                incidents,
                r#"{"incidents":[{"title":"x","timeline":[{"message":"a"},{"time":{"local":"2026-12-04 03:15","utc_offset_minutes":"60"}}]}]}"#,
                Some(
                    ": the value's incidents[0].timeline[1].time.utc_offset_minutes is the text \
                     \"60\", but must be an offset from UTC from -1080 to 1080 minutes \
                     (UTC-18:00 to UTC+18:00)",
                ),
            ),
            (
                incidents,
                r#"{"incidents":[{"title":"a"},{"timeline":[{"status":null}]}]}"#,
                Some(": the value's incidents[1].timeline[0].status is null, but must be text in double quotes"),
            ),
            (
                incidents,
                r#"{"incidents":[{"timeline":[{"message":"a"}, "b"]}]}"#,
                Some(": the value's incidents[0].timeline[1] is the text \"b\", but must be an object"),
            ),
            (
                incidents,
                r#"{"incidents":[{"start":"2026-12-04 03:15"}]}"#,
                Some(": the value's incidents[0].start is the text \"2026-12-04 03:15\", but must be an object"),
            ),
            (
                incidents,
                r#"{"incidents":[{"title":"x","timeline":[{"time":{"local":"2026-12-04 03:15","utc_offset_minutes":60}}]}],"selected":0}"#,
                None,
            ),
            // Alerts.
            (
                alerts,
                r#"{"rows":[{"severity":"page"},{"long_window":{"h":1}}]}"#,
                Some(": the value's rows[1].long_window is an object, but must be text in double quotes"),
            ),
            (
                alerts,
                r#"{"use_budget_slo":1}"#,
                Some(": the value's use_budget_slo is the number 1, but must be true or false"),
            ),
            (
                alerts,
                r#"{"rows":[["page"]]}"#,
                Some(": the value's rows[0] is a list, where an object belongs"),
            ),
            (alerts, r#"{"rows":[{"severity":"page","id":[1]}]}"#, None),
            // A saved scenario: keys it must have, and a field deep inside it.
            (
                scenario,
                r#"{"id":"a","created_ms":1,"updated_ms":2,"inputs":{}}"#,
                Some(": the value has no \"name\", which it must have"),
            ),
            (
                scenario,
                r#"{"id":"a","name":"n","created_ms":1,"updated_ms":2,"inputs":{"toil":{"tasks":[{"name":5}]}}}"#,
                Some(": the value's inputs.toil.tasks[0].name is the number 5, but must be text in double quotes"),
            ),
            (
                scenario,
                r#"{"id":"a","name":"n","created_ms":1,"updated_ms":2,"inputs":{}}"#,
                None,
            ),
        ];
        for (read, value, expected) in cases {
            assert_eq!(read(value).as_deref(), *expected, "{value}");
        }
    }

    #[test]
    fn never_overwrites_what_it_could_not_back_up() {
        let shared = Shared::default();
        shared
            .0
            .set("headroom.budget", "precious but unreadable")
            .unwrap();
        *shared.1.borrow_mut() = true; // every write fails, as when the quota is full
        let storage = Storage::persistent(Box::new(shared.clone()));

        let Loaded::Unreadable(notice) = storage.load::<Inputs>("budget") else {
            panic!("corrupt data must be reported");
        };
        assert!(
            notice.message.contains("left untouched"),
            "{}",
            notice.message
        );
        assert_eq!(
            notice.raw_key.as_deref(),
            Some("headroom.budget"),
            "the untouched original is what can be downloaded"
        );

        *shared.1.borrow_mut() = false; // even once writes work again
        let refused = storage.save("budget", &inputs("99.9")).unwrap_err();
        assert!(
            refused.message.contains("left untouched"),
            "{}",
            refused.message
        );
        assert_eq!(
            shared.0.get("headroom.budget").unwrap().unwrap(),
            "precious but unreadable"
        );

        // Once a later read has made the copy, the original may be written over.
        assert!(matches!(
            storage.load::<Inputs>("budget"),
            Loaded::Unreadable(_)
        ));
        assert_eq!(
            shared.0.get("headroom.backup.budget.1").unwrap().as_deref(),
            Some("precious but unreadable")
        );
        storage.save("budget", &inputs("99.9")).unwrap();
        assert!(matches!(storage.load::<Inputs>("budget"), Loaded::Found(_)));
    }

    /// A store whose backup keys cannot be written (a full quota the backup hits first).
    #[derive(Clone, Default)]
    struct NoBackups(Shared);

    impl KeyValueStore for NoBackups {
        fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
            self.0.get(key)
        }

        fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
            if key.starts_with("headroom.backup.") {
                return Err(StoreError::Failed("QuotaExceededError".to_string()));
            }
            self.0.set(key, value)
        }

        fn remove(&self, key: &str) -> Result<(), StoreError> {
            self.0.remove(key)
        }

        fn keys(&self, prefix: &str) -> Result<Vec<String>, StoreError> {
            self.0.keys(prefix)
        }
    }

    #[test]
    fn unreadable_text_written_behind_a_windows_back_is_backed_up_before_a_save_overwrites_it() {
        // Text another tool, a page restored from the back-forward cache or this window's own
        // code left under the key, with no storage event to tell this window: exactly what
        // `load` would back up.
        let cases = [
            ("{not json", "not in Headroom's format"),
            (r#"{"schema":2,"value":{"target":"99"}}"#, "newer version"),
            (
                r#"{"schema":1,"value":{"target":99}}"#,
                "the value's target is the number 99",
            ),
            (r#"{"schema":1,"value":["99"]}"#, "the value is a list"),
        ];
        // This window's last text small (hashed) or large (not hashed as a base).
        let large = "9".repeat(MAX_REMEMBERED_BYTES + 1);
        for (unseen, problem) in cases {
            for before in ["99.5", large.as_str()] {
                let shared = Shared::default();
                let storage = Storage::persistent(Box::new(shared.clone()));
                storage.save("budget", &inputs(before)).expect("saved");
                shared.0.set("headroom.budget", unseen).unwrap();

                let kept = storage.save("budget", &inputs("99.9")).expect("saved");

                let at = format!("{unseen} over {} bytes", before.len());
                assert_eq!(
                    shared.0.get("headroom.backup.budget.1").unwrap().as_deref(),
                    Some(unseen),
                    "{at}"
                );
                let notice = kept.unwrap_or_else(|| panic!("{at}: the page must be told"));
                assert!(notice.message.contains(problem), "{at}: {}", notice.message);
                assert!(
                    notice.message.contains("\"headroom.backup.budget.1\""),
                    "{at}: {}",
                    notice.message
                );
                assert_eq!(
                    notice.raw_key.as_deref(),
                    Some("headroom.backup.budget.1"),
                    "{at}"
                );
                assert_eq!(
                    storage.load::<Inputs>("budget"),
                    Loaded::Found(inputs("99.9")),
                    "{at}"
                );
            }
        }
    }

    #[test]
    fn a_save_backs_up_nothing_over_its_own_text_a_readable_one_or_one_load_backed_up() {
        let large = "9".repeat(MAX_REMEMBERED_BYTES + 1);
        let shared = Shared::default();
        let storage = Storage::persistent(Box::new(shared.clone()));
        // Its own last write, small or large.
        for target in ["99.5", large.as_str(), "99.9"] {
            assert_eq!(storage.save("budget", &inputs(target)), Ok(None));
        }
        // A readable text it did not see (the storage event's merge deals with those).
        shared
            .0
            .set("headroom.budget", r#"{"schema":1,"value":{"target":"90"}}"#)
            .unwrap();
        assert_eq!(storage.save("budget", &inputs("99.9")), Ok(None));
        // Unreadable text `load` has already backed up (and reported).
        shared.0.set("headroom.budget", "{oops").unwrap();
        assert!(matches!(
            storage.load::<Inputs>("budget"),
            Loaded::Unreadable(_)
        ));
        assert_eq!(storage.save("budget", &inputs("99.9")), Ok(None));
        assert_eq!(shared.0.keys("headroom.backup.").unwrap().len(), 1);
        // A key this window never read holding unreadable text is backed up too.
        shared.0.set("headroom.scenario.x", "junk").unwrap();
        let kept = storage.save("scenario.x", &inputs("99")).unwrap();
        assert!(kept.is_some());
        assert_eq!(
            shared
                .0
                .get("headroom.backup.scenario.x.1")
                .unwrap()
                .as_deref(),
            Some("junk")
        );
    }

    #[test]
    fn a_change_with_no_storage_event_is_listed_and_merges_as_that_event_would() {
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        struct Two {
            target: String,
            window: String,
        }
        let two = |target: &str, window: &str| Two {
            target: target.into(),
            window: window.into(),
        };
        let shared = Shared::default();
        let here = Storage::persistent(Box::new(shared.clone()));
        let there = Storage::persistent(Box::new(shared.clone()));
        here.save("budget", &two("99.9", "30")).expect("saved");
        here.save("scenario.a", &two("1", "1")).expect("saved");
        here.save("scenario.b", &two("2", "2")).expect("saved");
        assert_eq!(here.missed_changes(), []);
        let before = shared.get("headroom.budget").unwrap();
        let b = shared.get("headroom.scenario.b").unwrap();
        // The other window changes the window (this one sits in the back-forward cache, say,
        // and gets no storage event), deletes scenario b and saves a new scenario c.
        let _ = there.load::<Two>("budget");
        there.save("budget", &two("99.9", "28")).expect("saved");
        there.remove("scenario.b").expect("removed");
        there.save("scenario.c", &two("3", "3")).expect("saved");
        let after = shared.get("headroom.budget").unwrap();
        let mut missed = here.missed_changes();
        missed.sort_by(|a, b| a.key.cmp(&b.key));
        // c was never this window's: it is found as a new scenario is, by listing them.
        assert_eq!(
            missed,
            [
                MissedChange {
                    key: "headroom.budget".into(),
                    old: before.clone(),
                    new: after.clone(),
                },
                MissedChange {
                    key: "headroom.scenario.b".into(),
                    old: b,
                    new: None,
                },
            ]
        );
        // Given as the event it missed, this window's unsaved edit of the target and the other
        // window's window are both kept, and saved; nothing is missed any more. Before, the
        // save wrote 99.95 and 30 over the 28 without a word.
        let merged = here.load_changed(
            "budget",
            before.as_deref(),
            after.as_deref(),
            &two("99.95", "30"),
        );
        assert_eq!(merged, Loaded::Found(two("99.95", "28")));
        here.save("budget", &two("99.95", "28")).expect("saved");
        assert_eq!(
            here.load::<Two>("budget"),
            Loaded::Found(two("99.95", "28"))
        );
        // A removal by this window itself is not a change it missed.
        here.remove("scenario.a").expect("removed");
        let missed = here.missed_changes();
        assert_eq!(
            missed.iter().map(|m| m.key.as_str()).collect::<Vec<_>>(),
            ["headroom.scenario.b"]
        );
    }

    /// What the Incidents tab saw: every keystroke is saved a moment later, so an entry being
    /// written here is in storage when another window deletes its incident, and the merge takes
    /// the deletion (the row is unchanged here since that write): the typed text went with no
    /// word. `incident_lost` finds it; an edit not written yet keeps the incident, and nothing
    /// is lost then.
    #[test]
    fn an_incident_deleted_elsewhere_while_its_saved_entry_is_written_here_is_found() {
        use crate::calc::incident_lost::{lost_to_deletion, restore, Writing};
        use crate::inputs::{EntryInputs, IncidentInputs, IncidentsInputs, RowId};

        let shared = Shared::default();
        let (here, there) = (
            Storage::persistent(Box::new(shared.clone())),
            Storage::persistent(Box::new(shared)),
        );
        let mut written = IncidentInputs {
            id: RowId(7),
            title: "Checkout down".into(),
            ..IncidentInputs::default()
        };
        written.timeline.push(EntryInputs {
            id: RowId(1),
            message: "rolled back v2".into(),
            ..EntryInputs::default()
        });
        let other = IncidentInputs {
            id: RowId(8),
            ..IncidentInputs::default()
        };
        let mine = IncidentsInputs {
            incidents: vec![written.clone(), other.clone()],
            selected: 0,
        };
        here.save("incidents", &mine).expect("saved");
        let saved_here = here.raw("incidents");
        assert_eq!(there.load("incidents"), Loaded::Found(mine.clone()));
        let deleted = IncidentsInputs {
            incidents: vec![other],
            selected: 0,
        };
        there.save("incidents", &deleted).expect("saved");
        let written_there = there.raw("incidents");
        let writing = Some(Writing {
            incident: RowId(7),
            entry: Some(RowId(1)),
            fields: false,
        });
        // (case, this window's log when the change comes, the incident lost)
        let mut typed_since = mine.clone();
        typed_since.incidents[0].timeline[0].message = "rolled back v2 and v1".into();
        let cases = [
            ("typed text saved", &mine, true),
            ("typed text not saved yet", &typed_since, false),
        ];
        for (case, mine, lost) in cases {
            let Loaded::Found(merged) = here.load_changed(
                "incidents",
                saved_here.as_deref(),
                written_there.as_deref(),
                mine,
            ) else {
                panic!("{case}: merged");
            };
            let kept = merged.incidents.iter().any(|i| i.id == RowId(7));
            assert_eq!(kept, !lost, "{case}");
            let found = lost_to_deletion(mine, &merged, writing);
            assert_eq!(found.is_some(), lost, "{case}");
            if let Some(found) = found {
                let mut restored = merged.clone();
                restore(&mut restored, &found, RowId(9)).expect("restored");
                let back = &restored.incidents[restored.selected];
                assert_eq!(back.timeline, written.timeline, "{case}");
                assert_eq!(back.title, written.title, "{case}");
            }
        }
    }

    /// The same loss for one entry: another window deleted the entry being written here (its
    /// ✕), its typed message already saved, and the merge takes the deletion (the entry is
    /// unchanged here since that write). `incident_lost` finds it and puts it back; an edit not
    /// written yet keeps the entry, and nothing is lost then.
    #[test]
    fn an_entry_deleted_elsewhere_while_its_saved_text_is_written_here_is_found() {
        use crate::calc::incident_lost::{entry_lost_to_deletion, restore_entry, Writing};
        use crate::inputs::{EntryInputs, IncidentInputs, IncidentsInputs, RowId, TimeInputs};

        let shared = Shared::default();
        let (here, there) = (
            Storage::persistent(Box::new(shared.clone())),
            Storage::persistent(Box::new(shared)),
        );
        let mut written = IncidentInputs {
            id: RowId(7),
            title: "Checkout down".into(),
            ..IncidentInputs::default()
        };
        let entries = [
            (1, "2026-03-29 01:50", "rolled back v2"),
            (2, "2026-03-29 02:10", "paged the db team"),
        ];
        for (id, time, message) in entries {
            written.timeline.push(EntryInputs {
                id: RowId(id),
                time: TimeInputs {
                    local: time.into(),
                    utc_offset_minutes: 60,
                },
                message: message.into(),
                ..EntryInputs::default()
            });
        }
        let mine = IncidentsInputs {
            incidents: vec![written.clone()],
            selected: 0,
        };
        here.save("incidents", &mine).expect("saved");
        let saved_here = here.raw("incidents");
        assert_eq!(there.load("incidents"), Loaded::Found(mine.clone()));
        let mut deleted = mine.clone();
        deleted.incidents[0].timeline.remove(0);
        there.save("incidents", &deleted).expect("saved");
        let written_there = there.raw("incidents");
        let writing = Some(Writing {
            incident: RowId(7),
            entry: Some(RowId(1)),
            fields: false,
        });
        // (case, this window's log when the change comes, the entry lost)
        let mut typed_since = mine.clone();
        typed_since.incidents[0].timeline[0].message = "rolled back v2 and v1".into();
        let cases = [
            ("typed text saved", &mine, true),
            ("typed text not saved yet", &typed_since, false),
        ];
        for (case, mine, lost) in cases {
            let Loaded::Found(merged) = here.load_changed(
                "incidents",
                saved_here.as_deref(),
                written_there.as_deref(),
                mine,
            ) else {
                panic!("{case}: merged");
            };
            let kept = merged.incidents[0]
                .timeline
                .iter()
                .any(|e| e.id == RowId(1));
            assert_eq!(kept, !lost, "{case}");
            let found = entry_lost_to_deletion(mine, &merged, writing);
            assert_eq!(found.is_some(), lost, "{case}");
            if let Some(found) = found {
                let mut restored = merged.clone();
                restore_entry(&mut restored, &found, RowId(9)).expect("restored");
                assert_eq!(restored.incidents[0].timeline, written.timeline, "{case}");
            }
        }
    }

    #[test]
    fn a_save_never_overwrites_unseen_unreadable_text_it_could_not_back_up() {
        let shared = Shared::default();
        let storage = Storage::persistent(Box::new(NoBackups(shared.clone())));
        storage.save("budget", &inputs("99.5")).expect("saved");
        shared.0.set("headroom.budget", "precious").unwrap();
        let refused = storage.save("budget", &inputs("99.9")).unwrap_err();
        assert!(
            refused.message.contains("left untouched"),
            "{}",
            refused.message
        );
        assert_eq!(refused.raw_key.as_deref(), Some("headroom.budget"));
        assert_eq!(
            shared.0.get("headroom.budget").unwrap().as_deref(),
            Some("precious")
        );
        // Still refused on the next try, which still offers the text for download (the page
        // shows only the latest refusal).
        let again = storage.save("budget", &inputs("99.9")).unwrap_err();
        assert_eq!(again.raw_key.as_deref(), Some("headroom.budget"));
    }

    #[test]
    fn lists_values_under_a_prefix_and_reports_unreadable_ones() {
        let shared = Shared::default();
        let storage = Storage::persistent(Box::new(shared.clone()));
        storage.save("scenario.b", &inputs("99.9")).unwrap();
        storage.save("scenario.a", &inputs("99.5")).unwrap();
        storage.save("budget", &inputs("90")).unwrap();
        shared.0.set("headroom.scenario.c", "junk").unwrap();
        let (values, notices) = storage.load_all::<Inputs>("scenario.");
        let names: Vec<&str> = values.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, vec!["scenario.a", "scenario.b"]);
        assert_eq!(notices.len(), 1);
        assert_eq!(
            shared
                .0
                .get("headroom.backup.scenario.c.1")
                .unwrap()
                .as_deref(),
            Some("junk")
        );
        let mut names = storage.names("scenario.");
        names.sort();
        assert_eq!(names, vec!["scenario.a", "scenario.b", "scenario.c"]);
        storage.remove("scenario.a").unwrap();
        assert_eq!(storage.load_all::<Inputs>("scenario.").0.len(), 1);
    }

    #[test]
    fn a_failing_write_is_a_sentence_not_a_panic() {
        let shared = Shared::default();
        *shared.1.borrow_mut() = true;
        let storage = Storage::persistent(Box::new(shared));
        let refused = storage.save("budget", &inputs("99.9")).unwrap_err();
        assert!(
            refused.message.contains("QuotaExceededError"),
            "{}",
            refused.message
        );
    }

    #[test]
    fn notices_name_what_was_saved_in_words() {
        assert_eq!(saved_what("budget"), "The Budget tab's saved data");
        assert_eq!(
            lower_first(&saved_what("budget")),
            "the Budget tab's saved data"
        );
        assert_eq!(lower_first(&saved_what("scenario.x")), "a saved scenario");
        assert_eq!(saved_what("scenario.abc"), "A saved scenario");
        assert_eq!(saved_what("series.deadbeef"), "A saved capacity series");
        let notice = backed_up_notice("series.deadbeef", "it is damaged", "headroom.backup.x.1");
        assert!(notice
            .message
            .starts_with("A saved capacity series could not be read"));
        assert!(!notice.message.contains("series.deadbeef"));
        // What the page does instead fits what could not be read.
        assert!(notice
            .message
            .ends_with("and the series can be imported again."));
        let notice = backed_up_notice("scenario.abc", "it is damaged", "headroom.backup.x.1");
        assert!(notice.message.ends_with("and the list leaves it out."));
        let notice = backed_up_notice("budget", "it is damaged", "headroom.backup.x.1");
        assert!(notice.message.ends_with("and defaults are used."));
    }
}
