//! Changes another window saved, applied on top of this window's own.
//!
//! Each tab writes its inputs whole, a moment after the last keystroke. When two windows edit
//! the same tab at nearly the same time, the one that reads the other's write still holds an
//! edit of its own that is not written yet; taking the other's value whole would undo that edit.
//! So only what the other window changed is taken.

use serde_json::Value;

/// `mine` with the changes that turned `base` into `theirs`: where `theirs` differs from `base`,
/// `theirs` wins; everywhere else `mine` is kept. Objects are compared field by field, at any
/// depth; anything else (a number, a text, a list) is one value.
pub fn apply_changes(base: &Value, theirs: &Value, mine: &Value) -> Value {
    if theirs == base {
        return mine.clone();
    }
    match (base, theirs, mine) {
        (Value::Object(base), Value::Object(theirs), Value::Object(mine)) => {
            let mut merged = mine.clone();
            for (field, their_value) in theirs {
                let merged_value = match (base.get(field), mine.get(field)) {
                    (Some(base_value), Some(my_value)) => {
                        apply_changes(base_value, their_value, my_value)
                    }
                    _ => their_value.clone(),
                };
                merged.insert(field.clone(), merged_value);
            }
            // A field the other window removed is removed here too, unless it was not there
            // before (then this window added it).
            for field in base.keys() {
                if !theirs.contains_key(field) {
                    merged.remove(field);
                }
            }
            Value::Object(merged)
        }
        _ => theirs.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nothing_changed_there_keeps_everything_here() {
        let base = json!({"target": "99.9", "window": "30"});
        let mine = json!({"target": "99.95", "window": "30"});
        assert_eq!(apply_changes(&base, &base, &mine), mine);
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
    fn the_same_field_edited_in_both_takes_the_later_write() {
        let base = json!({"target": "99.9"});
        let theirs = json!({"target": "99.5"});
        let mine = json!({"target": "99.95"});
        assert_eq!(apply_changes(&base, &theirs, &mine), theirs);
    }

    #[test]
    fn lists_are_taken_whole() {
        let base = json!({"rows": [{"name": "a"}, {"name": "b"}], "team": "4"});
        let theirs = json!({"rows": [{"name": "a"}], "team": "4"});
        let mine = json!({"rows": [{"name": "a"}, {"name": "b"}, {"name": "c"}], "team": "5"});
        assert_eq!(
            apply_changes(&base, &theirs, &mine),
            json!({"rows": [{"name": "a"}], "team": "5"})
        );
    }

    #[test]
    fn fields_added_or_removed_there_are_added_or_removed_here() {
        let base = json!({"a": 1, "b": 2});
        let theirs = json!({"a": 1, "c": 3});
        let mine = json!({"a": 5, "b": 2, "d": 4});
        assert_eq!(
            apply_changes(&base, &theirs, &mine),
            json!({"a": 5, "c": 3, "d": 4})
        );
        // Values of different kinds: the other window's change wins.
        assert_eq!(
            apply_changes(&json!(null), &json!({"a": 1}), &json!(7)),
            json!({"a": 1})
        );
        assert_eq!(
            apply_changes(&json!({"a": 1}), &json!(null), &json!({"a": 2})),
            json!(null)
        );
    }
}
