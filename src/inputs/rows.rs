//! Row ids. Every row of a list the person edits (a toil task, an alert, an incident, a timeline
//! entry) carries an id, unique within its list, so that a change another window made to the
//! list can be matched row by row even when rows were added, removed or moved there
//! (`storage::merge`). Without ids, a row removed above another would make every row after it
//! look edited.

use std::collections::BTreeSet;

use serde::{Deserialize, Deserializer, Serialize};

use crate::formats::fnv1a;

/// A row's id within its list. 0 means none yet: a list read from JSON gives such rows one
/// (see [`number_rows`]), and the page gives a new row a random one. Ids are Headroom's own, not
/// something a person types, so an id that is not a whole number from 1 to 2^53 − 1 (text, a
/// fraction, a negative or huge number, null, anything else) is read as none and replaced,
/// rather than making the whole saved inventory or file unreadable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(transparent)]
pub struct RowId(pub u64);

impl<'de> Deserialize<'de> for RowId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<RowId, D::Error> {
        struct AnyId;
        impl<'de> serde::de::Visitor<'de> for AnyId {
            type Value = RowId;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a row id")
            }
            fn visit_u64<E>(self, id: u64) -> Result<RowId, E> {
                Ok(RowId(if id <= ID_MASK { id } else { 0 }))
            }
            fn visit_i64<E>(self, id: i64) -> Result<RowId, E> {
                Ok(RowId(u64::try_from(id).unwrap_or(0)).min_valid())
            }
            fn visit_f64<E>(self, _: f64) -> Result<RowId, E> {
                Ok(RowId::NONE)
            }
            fn visit_bool<E>(self, _: bool) -> Result<RowId, E> {
                Ok(RowId::NONE)
            }
            fn visit_str<E>(self, _: &str) -> Result<RowId, E> {
                Ok(RowId::NONE)
            }
            fn visit_unit<E>(self) -> Result<RowId, E> {
                Ok(RowId::NONE)
            }
            fn visit_none<E>(self) -> Result<RowId, E> {
                Ok(RowId::NONE)
            }
            fn visit_some<D: Deserializer<'de>>(self, inner: D) -> Result<RowId, D::Error> {
                RowId::deserialize(inner)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<RowId, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(RowId::NONE)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RowId, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(RowId::NONE)
            }
        }
        deserializer.deserialize_any(AnyId)
    }
}

/// Ids have at most 53 bits, so a JSON reader that holds numbers as doubles keeps them exactly.
const ID_MASK: u64 = (1 << 53) - 1;

impl RowId {
    /// No id yet.
    pub const NONE: RowId = RowId(0);

    /// An id above 53 bits is none.
    fn min_valid(self) -> RowId {
        if self.0 <= ID_MASK {
            self
        } else {
            RowId::NONE
        }
    }

    /// An id from random bits (the page's new rows): two windows that add a row at the same
    /// moment give them different ids.
    pub fn from_random(bits: u64) -> RowId {
        RowId((bits & ID_MASK).max(1))
    }
}

/// A row of an edited list.
pub trait Row: Serialize {
    fn id(&self) -> RowId;
    fn set_id(&mut self, id: RowId);
}

/// [`Row`] for each edited list's row type, whose id is its `id` field.
macro_rules! rows_with_id_field {
    ($($row:ty),*) => {$(
        impl Row for $row {
            fn id(&self) -> RowId {
                self.id
            }
            fn set_id(&mut self, id: RowId) {
                self.id = id;
            }
        }
    )*};
}

rows_with_id_field!(
    super::TaskInputs,
    super::AlertRowInputs,
    super::IncidentInputs,
    super::EntryInputs
);

/// Gives an id to every row that has none (0), one beyond 53 bits, or one an earlier row of the
/// list already has. The id is made from the row's content, so the same saved list gets the
/// same ids in every window that reads it, and rows that differ get different ones.
pub fn number_rows<T: Row>(rows: &mut [T]) {
    let mut used = BTreeSet::new();
    for row in rows.iter_mut() {
        let RowId(id) = row.id();
        if id != 0 && id <= ID_MASK && used.insert(id) {
            continue;
        }
        row.set_id(RowId::NONE);
        let content = serde_json::to_vec(row).unwrap_or_default();
        let mut candidate = fnv1a(&content) & ID_MASK;
        while candidate == 0 || used.contains(&candidate) {
            candidate = fnv1a(&candidate.to_le_bytes()) & ID_MASK;
        }
        used.insert(candidate);
        row.set_id(RowId(candidate));
    }
}

/// Reads a list and numbers its rows ([`number_rows`]): `#[serde(deserialize_with)]` on every
/// list of rows, so no list read from storage, a file or a link is without ids.
pub fn numbered<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Row + Deserialize<'de>,
{
    let mut rows = Vec::<T>::deserialize(deserializer)?;
    number_rows(&mut rows);
    Ok(rows)
}

/// `rows` numbered ([`number_rows`]), for lists built in code.
pub fn with_ids<T: Row>(mut rows: Vec<T>) -> Vec<T> {
    number_rows(&mut rows);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    struct Item {
        #[serde(default)]
        id: RowId,
        name: String,
    }

    impl Row for Item {
        fn id(&self) -> RowId {
            self.id
        }
        fn set_id(&mut self, id: RowId) {
            self.id = id;
        }
    }

    #[derive(Debug, Deserialize)]
    struct List {
        #[serde(deserialize_with = "numbered")]
        items: Vec<Item>,
    }

    fn read(json: &str) -> Vec<Item> {
        serde_json::from_str::<List>(json).unwrap().items
    }

    #[test]
    fn rows_read_without_ids_get_ids_from_their_content() {
        let items = read(r#"{"items":[{"name":"a"},{"name":"b"},{"name":"a"}]}"#);
        let ids: Vec<u64> = items.iter().map(|i| i.id.0).collect();
        assert!(ids.iter().all(|&id| id != 0 && id <= ID_MASK));
        assert_eq!(
            ids.iter().collect::<BTreeSet<_>>().len(),
            3,
            "unique: {ids:?}"
        );
        // The same text read again (another window) gives the same ids.
        assert_eq!(
            read(r#"{"items":[{"name":"a"},{"name":"b"},{"name":"a"}]}"#),
            items
        );
        // A row's id does not depend on the rows around it, only on an earlier twin.
        assert_eq!(read(r#"{"items":[{"name":"b"}]}"#)[0].id, items[1].id);
        assert_eq!(read(r#"{"items":[{"name":"a"}]}"#)[0].id, items[0].id);
    }

    #[test]
    fn ids_read_are_kept_unless_repeated_zero_or_too_large() {
        let items = read(
            r#"{"items":[{"id":7,"name":"a"},{"id":7,"name":"b"},{"id":0,"name":"c"},
                {"id":9007199254740992,"name":"d"},{"id":9007199254740991,"name":"e"}]}"#,
        );
        assert_eq!(items[0].id, RowId(7));
        assert_ne!(items[1].id, RowId(7), "a repeated id is replaced");
        assert_ne!(items[2].id, RowId(0));
        assert_ne!(items[3].id, RowId(1 << 53), "over 53 bits is replaced");
        assert_eq!(items[4].id, RowId(ID_MASK));
        let ids: BTreeSet<_> = items.iter().map(|i| i.id).collect();
        assert_eq!(ids.len(), items.len());
    }

    #[test]
    fn an_id_of_any_other_kind_is_replaced_not_an_error() {
        let items = read(
            r#"{"items":[{"id":"7","name":"a"},{"id":-3,"name":"b"},{"id":1.5,"name":"c"},
                {"id":1e30,"name":"d"},{"id":null,"name":"e"},{"id":[1],"name":"f"},
                {"id":{"x":1},"name":"g"},{"id":true,"name":"h"},{"id":5,"name":"i"},
                {"id":18446744073709551615,"name":"j"}]}"#,
        );
        assert_eq!(items.len(), 10);
        assert_eq!(items[8].id, RowId(5));
        let ids: BTreeSet<_> = items.iter().map(|i| i.id).collect();
        assert_eq!(ids.len(), items.len());
        assert!(items
            .iter()
            .all(|i| i.id != RowId::NONE && i.id.0 <= ID_MASK));
        // The same text, the same ids.
        assert_eq!(
            read(
                r#"{"items":[{"id":"7","name":"a"},{"id":-3,"name":"b"},{"id":1.5,"name":"c"},
                {"id":1e30,"name":"d"},{"id":null,"name":"e"},{"id":[1],"name":"f"},
                {"id":{"x":1},"name":"g"},{"id":true,"name":"h"},{"id":5,"name":"i"},
                {"id":18446744073709551615,"name":"j"}]}"#
            ),
            items
        );
    }

    #[test]
    fn random_ids_fit_53_bits_and_are_never_none() {
        assert_eq!(RowId::from_random(0), RowId(1));
        assert_eq!(RowId::from_random(u64::MAX), RowId(ID_MASK));
        assert_eq!(RowId::from_random(12345), RowId(12345));
    }

    #[test]
    fn ids_are_written_as_plain_numbers() {
        let item = Item {
            id: RowId(42),
            name: "a".into(),
        };
        assert_eq!(
            serde_json::to_string(&item).unwrap(),
            r#"{"id":42,"name":"a"}"#
        );
    }
}
