//! Calculators: plain Rust, no web dependencies (see ARCHITECTURE.md).
//!
//! Everything here takes validated, typed inputs and returns typed results; text from the page
//! is turned into those inputs by the `parse` functions, which return errors a person can act on.

pub mod alerts;
pub mod budget_sheet;
pub mod budget_words;
pub mod burn;
pub mod capacity;
pub mod date;
pub mod decimal;
pub mod duration;
pub mod incident;
pub mod incident_lost;
pub mod prom_duration;
pub mod ratio;
pub mod signed_ratio;
pub mod slo;
pub mod summary;
pub mod toil;
pub mod toil_words;

/// `text` with its first letter in lower case, to go on in the middle of a sentence (after a
/// colon, or "because"); the rest, a tab's name say, is left as it is. ASCII only: the messages
/// this is for start with an English word, and Unicode's case tables would add kilobytes to
/// the page for them.
pub fn lower_first(text: &str) -> String {
    let mut text = text.to_string();
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_lowercase();
    }
    text
}

/// The option a drop-down shows, selected, while its saved value (`saved`, changed by hand or
/// damaged in saved data) is none of its options: the value as saved and that it is unknown
/// (`fortnight (unknown)`), so the field shows what is saved beside its message, never a blank
/// or an option it was guessed to mean.
pub fn unknown_option_label(saved: &str) -> String {
    match saved.trim() {
        "" => "nothing saved (unknown)".to_string(),
        saved => format!("{saved} (unknown)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_saved_choice_is_shown_as_saved() {
        for (saved, label) in [
            ("fortnight", "fortnight (unknown)"),
            (" magic ", "magic (unknown)"),
            ("", "nothing saved (unknown)"),
        ] {
            assert_eq!(unknown_option_label(saved), label, "{saved:?}");
        }
    }
}
