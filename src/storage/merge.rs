//! Changes another window saved, applied on top of this window's own.
//!
//! Each tab writes its inputs whole, a moment after the last keystroke. When two windows edit
//! the same tab at nearly the same time, the one that reads the other's write may still hold an
//! edit of its own that is not written yet; taking the other's value whole would undo that edit.
//! So only what the other window changed is taken, and where both changed the same thing this
//! window's edit is kept: it is written after the other's, so it is the later one, and the
//! other window then takes it in turn.

use serde_json::Value;

/// `mine` with the changes that turned `base` into `theirs`, except where `mine` changed the
/// same thing since `base` (then `mine` is kept). Objects are compared field by field, at any
/// depth. Lists of rows with ids (every item an object whose `"id"` is a whole number, unique
/// in its list, as every edited list of the page has) are merged row by row by id
/// ([`merge_rows`]): rows added, removed or moved in one window and rows edited in the other
/// are all kept, and a row is only ever merged with itself. Other lists have no identity to
/// match their items by (a row moved or removed shifts every position after it), so merging
/// them item by item could join one row's name to another's numbers. Such a list is merged
/// place by place only when each side changed items in place and added items at its end, not
/// replacing the list: some item is unchanged (or the one item changed in at most one field),
/// and no changed or added item is one of the list's items before (a row moved, or put back so
/// that the rows after it shift down, would read as edits of the rows it passed). This window's
/// added items come before the other's. Otherwise the list is one value, this window's.
pub fn apply_changes(base: &Value, theirs: &Value, mine: &Value) -> Value {
    if theirs == base {
        return mine.clone();
    }
    if mine == base {
        return theirs.clone();
    }
    match (base, theirs, mine) {
        (Value::Object(base), Value::Object(theirs), Value::Object(mine)) => {
            let mut merged = mine.clone();
            for (field, their_value) in theirs {
                let merged_value = match (base.get(field), mine.get(field)) {
                    (Some(base_value), Some(my_value)) => {
                        apply_changes(base_value, their_value, my_value)
                    }
                    // Added there; or added here too (mine kept).
                    (None, Some(my_value)) => my_value.clone(),
                    // Added there, or removed here: the other window's value.
                    (_, None) => their_value.clone(),
                };
                merged.insert(field.clone(), merged_value);
            }
            // A field the other window removed is removed here too, unless this window changed it.
            for (field, base_value) in base {
                if !theirs.contains_key(field) && mine.get(field) == Some(base_value) {
                    merged.remove(field);
                }
            }
            Value::Object(merged)
        }
        (Value::Array(base), Value::Array(theirs), Value::Array(mine)) => {
            if let Some(merged) = merge_rows(base, theirs, mine) {
                return Value::Array(merged);
            }
            if !edited_in_place(base, theirs) || !edited_in_place(base, mine) {
                return Value::Array(mine.clone());
            }
            let mut merged: Vec<Value> = base
                .iter()
                .zip(theirs)
                .zip(mine)
                .map(|((base, theirs), mine)| apply_changes(base, theirs, mine))
                .collect();
            merged.extend_from_slice(&mine[base.len()..]);
            merged.extend_from_slice(&theirs[base.len()..]);
            Value::Array(merged)
        }
        _ => mine.clone(),
    }
}

/// The id of each item of `list`, when every item is an object with a whole-number `"id"`,
/// not 0, and no two items share one.
fn row_ids(list: &[Value]) -> Option<Vec<u64>> {
    let mut ids = Vec::with_capacity(list.len());
    for item in list {
        let id = item.get("id")?.as_u64().filter(|&id| id != 0)?;
        if ids.contains(&id) {
            return None;
        }
        ids.push(id);
    }
    Some(ids)
}

/// Three versions of a list of rows with ids ([`row_ids`]) merged row by row; `None` when one
/// of them is not such a list.
/// - A row on all three sides is merged with [`apply_changes`].
/// - A row one side added is kept. A row one side removed is removed, unless the other side
///   changed it: an edit is never dropped, so the edited row stays (it can be removed again).
/// - The order is the other window's, unless this window moved rows (then this window's), and
///   each row only the other side has is put before the row it precedes there (at the end if
///   it was last); rows both added at one place are grouped by window ([`agree_on_added`]).
fn merge_rows(base: &[Value], theirs: &[Value], mine: &[Value]) -> Option<Vec<Value>> {
    let (base_ids, their_ids, my_ids) = (row_ids(base)?, row_ids(theirs)?, row_ids(mine)?);
    let find = |ids: &[u64], list: &'_ [Value], id: u64| {
        ids.iter().position(|&i| i == id).map(|at| list[at].clone())
    };
    let merged_row = |id: u64| -> Option<Value> {
        let base_row = find(&base_ids, base, id);
        match (
            base_row,
            find(&their_ids, theirs, id),
            find(&my_ids, mine, id),
        ) {
            (Some(b), Some(t), Some(m)) => Some(apply_changes(&b, &t, &m)),
            // Removed on one side: kept only if the other side changed it.
            (Some(b), Some(kept), None) | (Some(b), None, Some(kept)) => {
                (kept != b).then_some(kept)
            }
            (Some(_), None, None) => None,
            // Added on one side (or, by chance, on both with one id: this window's).
            (None, _, Some(m)) => Some(m),
            (None, Some(t), None) => Some(t),
            (None, None, None) => None,
        }
    };
    // This window moved rows when the rows it shares with the base are in another order.
    let moved = |ids: &[u64]| {
        let kept_order: Vec<u64> = ids
            .iter()
            .copied()
            .filter(|id| base_ids.contains(id))
            .collect();
        let base_order: Vec<u64> = base_ids
            .iter()
            .copied()
            .filter(|id| ids.contains(id))
            .collect();
        kept_order != base_order
    };
    let (leading, other) = if moved(&my_ids) {
        (&my_ids, &their_ids)
    } else {
        (&their_ids, &my_ids)
    };
    let mut order: Vec<u64> = leading.clone();
    let mut before: Option<usize> = None;
    for &id in other.iter().rev() {
        match order.iter().position(|&o| o == id) {
            Some(at) => before = Some(at),
            None => {
                let at = before.unwrap_or(order.len());
                order.insert(at, id);
                before = Some(at);
            }
        }
    }
    agree_on_added(&mut order, &base_ids, &my_ids);
    Some(order.into_iter().filter_map(merged_row).collect())
}

/// Rows both windows added at one place (a run of ids not in the base) would be in another
/// order in each window (the other window's rows first, or this one's), and each would then
/// take the other's order in turn: such a run is put as the rows of one window, then the rows
/// of the other, each in its own order, the window whose first row has the lower id first.
fn agree_on_added(order: &mut [u64], base_ids: &[u64], my_ids: &[u64]) {
    let mut at = 0;
    while at < order.len() {
        let start = at;
        while at < order.len() && !base_ids.contains(&order[at]) {
            at += 1;
        }
        let run = &mut order[start..at];
        let (mine, theirs): (Vec<u64>, Vec<u64>) = run.iter().partition(|id| my_ids.contains(id));
        if let (Some(my_first), Some(their_first)) = (mine.first(), theirs.first()) {
            let grouped = if my_first < their_first {
                [mine, theirs].concat()
            } else {
                [theirs, mine].concat()
            };
            run.copy_from_slice(&grouped);
        }
        at += 1;
    }
}

/// Whether `list` is `base` with items changed in place and items added at its end: no changed
/// or added item is equal to one of `base`'s items (a row moved or put back, shifting the rows
/// after it), and the list was not replaced: some item is unchanged, or the one item there is
/// changed in one field only. Typing in one window, even in several fields or rows before its
/// write, changes rows in place; an import or a reset of as many rows replaces every row.
fn edited_in_place(base: &[Value], list: &[Value]) -> bool {
    if list.len() < base.len() {
        return false;
    }
    let changed: Vec<(&Value, &Value)> = base
        .iter()
        .zip(list)
        .filter(|(was, now)| was != now)
        .collect();
    let not_replaced = changed.is_empty()
        || changed.len() < base.len()
        || matches!(changed[..], [(was, now)] if fields_changed(was, now) <= 1);
    let new_items = changed
        .iter()
        .map(|(_, now)| *now)
        .chain(&list[base.len()..])
        .all(|item| !base.contains(item));
    not_replaced && new_items
}

/// How many fields differ between two objects (a field missing on one side differs); 1 for
/// two different values that are not both objects.
fn fields_changed(was: &Value, now: &Value) -> usize {
    match (was, now) {
        (Value::Object(was), Value::Object(now)) => {
            let changed_or_removed = was.iter().filter(|(k, v)| now.get(*k) != Some(*v)).count();
            let added = now.keys().filter(|k| !was.contains_key(*k)).count();
            changed_or_removed + added
        }
        _ => usize::from(was != now),
    }
}

/// [`apply_changes`] on three JSON texts; `None` when one of them is not JSON.
pub fn apply_text_changes(base: &str, theirs: &str, mine: &str) -> Option<String> {
    let read = |text: &str| serde_json::from_str::<Value>(text).ok();
    let merged = apply_changes(&read(base)?, &read(theirs)?, &read(mine)?);
    serde_json::to_string(&merged).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn with_no_change_on_one_side_the_other_side_is_taken() {
        let base = json!({"target": "99.9", "window": "30"});
        let changed = json!({"target": "99.95", "window": "30"});
        assert_eq!(apply_changes(&base, &base, &changed), changed);
        assert_eq!(apply_changes(&base, &changed, &base), changed);
    }

    #[test]
    fn edits_to_different_fields_are_both_kept() {
        let base =
            json!({"target": "99.9", "window": "30", "slo": {"kind": "requests", "bad": ""}});
        let theirs =
            json!({"target": "99.9", "window": "28", "slo": {"kind": "requests", "bad": "5"}});
        let mine = json!({"target": "99.95", "window": "30", "slo": {"kind": "time", "bad": ""}});
        assert_eq!(
            apply_changes(&base, &theirs, &mine),
            json!({"target": "99.95", "window": "28", "slo": {"kind": "time", "bad": "5"}})
        );
    }

    #[test]
    fn the_same_field_edited_in_both_keeps_the_edit_here() {
        // This window writes after the other one did, so its edit is the later write.
        let base = json!({"target": "99.9", "window": "30"});
        let theirs = json!({"target": "99.5", "window": "30"});
        let mine = json!({"target": "99.95", "window": "30"});
        assert_eq!(apply_changes(&base, &theirs, &mine), mine);
    }

    #[test]
    fn a_list_changed_on_one_side_is_taken_whole_and_changed_on_both_keeps_this_windows() {
        let base = json!({"rows": [{"name": "a", "m": 1}, {"name": "b", "m": 2}], "team": "4"});
        // Moved there, a field edited here: the move is taken with the field.
        let moved = json!({"rows": [{"name": "b", "m": 2}, {"name": "a", "m": 1}], "team": "4"});
        let team_here =
            json!({"rows": [{"name": "a", "m": 1}, {"name": "b", "m": 2}], "team": "5"});
        assert_eq!(
            apply_changes(&base, &moved, &team_here),
            json!({"rows": [{"name": "b", "m": 2}, {"name": "a", "m": 1}], "team": "5"})
        );
        // Moved there while a row is edited here: rows are never joined across positions.
        let edited_here =
            json!({"rows": [{"name": "a2", "m": 1}, {"name": "b", "m": 2}], "team": "4"});
        assert_eq!(apply_changes(&base, &moved, &edited_here), edited_here);
        // Added there while a row is edited here (or the other way round): both kept.
        let added = json!({"rows": [{"name": "a", "m": 1}, {"name": "b", "m": 2}, {"name": "c"}], "team": "4"});
        assert_eq!(
            apply_changes(&base, &added, &edited_here)["rows"],
            json!([{"name": "a2", "m": 1}, {"name": "b", "m": 2}, {"name": "c"}])
        );
        assert_eq!(
            apply_changes(&base, &edited_here, &added)["rows"],
            json!([{"name": "a2", "m": 1}, {"name": "b", "m": 2}, {"name": "c"}])
        );
        // Removed there, untouched here: removed.
        let removed = json!({"rows": [{"name": "b", "m": 2}], "team": "4"});
        assert_eq!(
            apply_changes(&base, &removed, &team_here)["rows"],
            removed["rows"]
        );
    }

    #[test]
    fn rows_edited_in_place_in_both_windows_are_merged_row_by_row() {
        let base = json!([{"name": "a", "m": 1}, {"name": "b", "m": 2}, {"name": "c", "m": 3}]);
        // Different rows: both edits kept.
        let theirs = json!([{"name": "a", "m": 10}, {"name": "b", "m": 2}, {"name": "c", "m": 3}]);
        let mine = json!([{"name": "a", "m": 1}, {"name": "b", "m": 2}, {"name": "c3", "m": 3}]);
        assert_eq!(
            apply_changes(&base, &theirs, &mine),
            json!([{"name": "a", "m": 10}, {"name": "b", "m": 2}, {"name": "c3", "m": 3}])
        );
        // One row, different fields: both kept; the same field: this window's.
        let mine = json!([{"name": "a2", "m": 1}, {"name": "b", "m": 2}, {"name": "c", "m": 3}]);
        assert_eq!(
            apply_changes(&base, &theirs, &mine)[0],
            json!({"name": "a2", "m": 10})
        );
        let mine = json!([{"name": "a", "m": 11}, {"name": "b", "m": 2}, {"name": "c", "m": 3}]);
        assert_eq!(
            apply_changes(&base, &theirs, &mine)[0],
            json!({"name": "a", "m": 11})
        );
        // Several fields of one row in one write (a value typed, then a choice picked), and
        // two rows: still edits in place.
        let theirs = json!([{"name": "a", "m": 10, "per": "week"}, {"name": "b", "m": 2}, {"name": "c", "m": 3}]);
        let mine = json!([{"name": "a", "m": 1}, {"name": "b2", "m": 2}, {"name": "c3", "m": 30}]);
        assert_eq!(
            apply_changes(&base, &theirs, &mine),
            json!([{"name": "a", "m": 10, "per": "week"}, {"name": "b2", "m": 2}, {"name": "c3", "m": 30}])
        );
        // Rows added to an empty list on both sides: both kept.
        assert_eq!(
            apply_changes(&json!([]), &json!([{"name": "t"}]), &json!([{"name": "m"}])),
            json!([{"name": "m"}, {"name": "t"}])
        );
        // Rows added at the end on both sides come after the merged rows, this window's first.
        let theirs_added = json!([{"name": "a", "m": 10}, {"name": "b", "m": 2}, {"name": "c", "m": 3}, {"name": "t"}]);
        let mine_added = json!([{"name": "a", "m": 1}, {"name": "b2", "m": 2}, {"name": "c", "m": 3}, {"name": "m"}]);
        assert_eq!(
            apply_changes(&base, &theirs_added, &mine_added),
            json!([
                {"name": "a", "m": 10},
                {"name": "b2", "m": 2},
                {"name": "c", "m": 3},
                {"name": "m"},
                {"name": "t"}
            ])
        );
    }

    #[test]
    fn a_row_that_became_another_rows_value_is_a_move_and_the_list_is_one_value() {
        let base = json!([{"name": "a"}, {"name": "b"}, {"name": "c"}]);
        let mine = json!([{"name": "a2"}, {"name": "b"}, {"name": "c"}]);
        // The first row removed there and a row added in the same write: every row shifted up.
        let shifted = json!([{"name": "b"}, {"name": "c"}, {"name": "d"}]);
        assert_eq!(apply_changes(&base, &shifted, &mine), mine);
        // A row put back between two rows there (an Undo): the rows after it shift down, and the
        // last one past the end, which must not read as an edit of the row it pushed down plus
        // an added row (the row typed in here would get the put-back row's numbers).
        let base2 = json!([{"name": "r", "m": 1}, {"name": "g", "m": 2}]);
        let put_back = json!([{"name": "r", "m": 1}, {"name": "t", "m": 9}, {"name": "g", "m": 2}]);
        let typed = json!([{"name": "r", "m": 1}, {"name": "g2", "m": 2}]);
        assert_eq!(apply_changes(&base2, &put_back, &typed), typed);
        assert_eq!(apply_changes(&base2, &typed, &put_back), put_back);
        // A list replaced there (an import of as many rows): not edits of every row.
        let imported = json!([{"name": "p", "m": 5}, {"name": "q", "m": 6}]);
        assert_eq!(apply_changes(&base2, &imported, &typed), typed);
        // Even of one row: a row whose every field changed in one write was replaced.
        let one = json!([{"name": "r", "m": 1}]);
        assert_eq!(
            apply_changes(
                &one,
                &json!([{"name": "p", "m": 5}]),
                &json!([{"name": "r2", "m": 1}])
            ),
            json!([{"name": "r2", "m": 1}])
        );
        // An entry added to a nested list that sorts before its last entry: the same.
        let log = |timeline: Value| json!({"incidents": [{"title": "db", "timeline": timeline}]});
        let entries = json!([{"at": "1", "text": "x"}, {"at": "9", "text": "y"}]);
        let inserted =
            json!([{"at": "1", "text": "x"}, {"at": "5", "text": ""}, {"at": "9", "text": "y"}]);
        let edited = json!([{"at": "1", "text": "x"}, {"at": "9", "text": "y2"}]);
        assert_eq!(
            apply_changes(&log(entries), &log(inserted), &log(edited.clone())),
            log(edited)
        );
        // The last two rows swapped there.
        let swapped = json!([{"name": "a"}, {"name": "c"}, {"name": "b"}]);
        assert_eq!(apply_changes(&base, &swapped, &mine), mine);
        // A row removed there: the list is one value (this window's, the later write).
        let removed = json!([{"name": "a"}, {"name": "c"}]);
        assert_eq!(apply_changes(&base, &removed, &mine), mine);
        // Lists of plain values follow the same rule.
        assert_eq!(
            apply_changes(&json!([1, 2, 3]), &json!([1, 5, 3]), &json!([1, 2, 4])),
            json!([1, 5, 4])
        );
        assert_eq!(
            apply_changes(&json!([1, 2, 3]), &json!([1, 3, 3]), &json!([1, 2, 4])),
            json!([1, 2, 4])
        );
    }

    /// Rows with ids: `row(1, "a", 1)` is `{"id": 1, "name": "a", "m": 1}`.
    fn row(id: u64, name: &str, m: u64) -> Value {
        json!({"id": id, "name": name, "m": m})
    }

    #[test]
    fn rows_with_ids_removed_there_and_edited_here_are_both_kept() {
        let base = json!([row(1, "a", 1), row(2, "b", 2), row(3, "c", 3)]);
        let removed = json!([row(2, "b", 2), row(3, "c", 3)]);
        let edited = json!([row(1, "a", 1), row(2, "b", 2), row(3, "c", 30)]);
        let both = json!([row(2, "b", 2), row(3, "c", 30)]);
        assert_eq!(apply_changes(&base, &removed, &edited), both);
        assert_eq!(apply_changes(&base, &edited, &removed), both);
        // The row removed is the one edited on the other side: the edit stays.
        let first_edited = json!([row(1, "a2", 1), row(2, "b", 2), row(3, "c", 3)]);
        assert_eq!(
            apply_changes(&base, &removed, &first_edited),
            json!([row(1, "a2", 1), row(2, "b", 2), row(3, "c", 3)])
        );
        assert_eq!(
            apply_changes(&base, &first_edited, &removed),
            json!([row(1, "a2", 1), row(2, "b", 2), row(3, "c", 3)])
        );
        // Removed on both sides: removed.
        assert_eq!(apply_changes(&base, &removed, &removed), removed);
    }

    #[test]
    fn rows_with_ids_moved_put_back_or_added_keep_every_edit_in_its_own_row() {
        let base = json!([row(1, "r", 1), row(2, "g", 2)]);
        // A row put back between two rows there (an Undo) while the last row is typed in here:
        // the put-back row is its own row, the typing stays in row 2.
        let put_back = json!([row(1, "r", 1), row(9, "t", 9), row(2, "g", 2)]);
        let typed = json!([row(1, "r", 1), row(2, "g2", 2)]);
        let expected = json!([row(1, "r", 1), row(9, "t", 9), row(2, "g2", 2)]);
        assert_eq!(apply_changes(&base, &put_back, &typed), expected);
        assert_eq!(apply_changes(&base, &typed, &put_back), expected);
        // Moved there, edited here: the other window's order with this window's edit.
        let moved = json!([row(2, "g", 2), row(1, "r", 1)]);
        let edited = json!([row(1, "r", 10), row(2, "g", 2)]);
        assert_eq!(
            apply_changes(&base, &moved, &edited),
            json!([row(2, "g", 2), row(1, "r", 10)])
        );
        // Moved here: this window's order, with an edit and a row added there.
        let edited_and_added = json!([row(1, "r", 1), row(2, "g", 20), row(5, "new", 0)]);
        assert_eq!(
            apply_changes(&base, &edited_and_added, &moved),
            json!([row(2, "g", 20), row(1, "r", 1), row(5, "new", 0)])
        );
        // Rows added at once on both sides (two "Add" clicks): both, each with its own typing,
        // in the same order in both windows (the lower id first).
        let mine = json!([row(1, "r", 1), row(2, "g", 2), row(7, "mine", 0)]);
        let theirs = json!([row(1, "r", 1), row(2, "g", 2), row(8, "theirs", 0)]);
        assert_eq!(
            apply_changes(&base, &theirs, &mine),
            json!([
                row(1, "r", 1),
                row(2, "g", 2),
                row(7, "mine", 0),
                row(8, "theirs", 0)
            ])
        );
        assert_eq!(
            apply_changes(&base, &mine, &theirs),
            apply_changes(&base, &theirs, &mine)
        );
        // A row added there at the start goes before the rows it preceded.
        let first = json!([row(6, "first", 0), row(1, "r", 1), row(2, "g", 2)]);
        assert_eq!(
            apply_changes(&base, &first, &typed),
            json!([row(6, "first", 0), row(1, "r", 1), row(2, "g2", 2)])
        );
        // A list replaced there (new rows, new ids) while a row is typed in here: the new rows,
        // and the row typed in (an edit is never dropped).
        let replaced = json!([row(11, "p", 5), row(12, "q", 6)]);
        assert_eq!(
            apply_changes(&base, &replaced, &typed),
            json!([row(11, "p", 5), row(12, "q", 6), row(2, "g2", 2)])
        );
    }

    #[test]
    fn rows_with_ids_in_nested_lists_are_merged_by_id_too() {
        let log = |timeline: Value| json!({"incidents": [{"id": 4, "title": "db", "timeline": timeline}]});
        let entries = json!([{"id": 1, "at": "1", "text": "x"}, {"id": 2, "at": "9", "text": "y"}]);
        let inserted = json!([
            {"id": 1, "at": "1", "text": "x"},
            {"id": 3, "at": "5", "text": ""},
            {"id": 2, "at": "9", "text": "y"}
        ]);
        let edited = json!([{"id": 1, "at": "1", "text": "x"}, {"id": 2, "at": "9", "text": "y2"}]);
        assert_eq!(
            apply_changes(&log(entries), &log(inserted), &log(edited)),
            log(json!([
                {"id": 1, "at": "1", "text": "x"},
                {"id": 3, "at": "5", "text": ""},
                {"id": 2, "at": "9", "text": "y2"}
            ]))
        );
    }

    #[test]
    fn lists_whose_ids_are_missing_repeated_or_zero_are_merged_by_place() {
        let base = json!([row(1, "a", 1), row(2, "b", 2)]);
        let moved_repeated = json!([row(2, "b", 2), row(2, "a", 1)]);
        let edited = json!([row(1, "a2", 1), row(2, "b", 2)]);
        // Not rows with ids: the rule by place, which keeps this window's list whole here.
        assert_eq!(apply_changes(&base, &moved_repeated, &edited), edited);
        let zero = json!([row(0, "b", 2), row(1, "a", 1)]);
        assert_eq!(apply_changes(&base, &zero, &edited), edited);
        let no_id = json!([{"name": "b", "m": 2}, {"name": "a", "m": 1}]);
        assert_eq!(apply_changes(&base, &no_id, &edited), edited);
        let text_id = json!([{"id": "1", "name": "b"}, {"id": "2", "name": "a"}]);
        assert_eq!(apply_changes(&base, &text_id, &edited), edited);
    }

    #[test]
    fn fields_added_or_removed_there_are_added_or_removed_here() {
        let base = json!({"a": 1, "b": 2, "e": 5});
        let theirs = json!({"a": 1, "c": 3, "e": 6});
        let mine = json!({"a": 5, "b": 2, "d": 4, "e": 5});
        assert_eq!(
            apply_changes(&base, &theirs, &mine),
            json!({"a": 5, "c": 3, "d": 4, "e": 6})
        );
        // A field removed there but changed here stays.
        let mine = json!({"a": 1, "b": 9, "e": 5});
        assert_eq!(
            apply_changes(&base, &theirs, &mine),
            json!({"a": 1, "b": 9, "c": 3, "e": 6})
        );
        // Values of different kinds changed on both sides: this window's.
        assert_eq!(
            apply_changes(&json!(null), &json!({"a": 1}), &json!(7)),
            json!(7)
        );
    }

    #[test]
    fn texts_are_merged_as_their_json() {
        assert_eq!(
            apply_text_changes(r#"{"a":1,"b":2}"#, r#"{"a":1,"b":3}"#, r#"{"a":4,"b":2}"#),
            Some(r#"{"a":4,"b":3}"#.to_string())
        );
        assert_eq!(apply_text_changes("{", "{}", "{}"), None);
    }
}
