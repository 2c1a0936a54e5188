//! The Toil tab's results in words: the figures as the page shows them and the Markdown summary
//! repeats them. Hours are rounded to 0.01 h, shares to 0.1 %, money to 0.01, only here.
//! A negative figure (net hours after a year, money with them) is written with the minus sign
//! `−`, as the Capacity and Scenarios tabs write theirs; the CSV export keeps ASCII digits.

use super::signed_ratio::SignedRatio;
use super::toil::{Automation, StartDate, Task, Team, Verdict};

/// A share of team time, `12.5%`; a share above zero that rounds to nothing is `under 0.1%`,
/// never `0%`.
pub fn percent(fraction: SignedRatio) -> String {
    let text = (fraction * SignedRatio::from_int(100)).to_decimal_text(1);
    if text == "0" && fraction > SignedRatio::from_int(0) {
        return "under 0.1%".to_string();
    }
    format!("{}%", with_minus_sign(text))
}

/// Hours, `19.38 h`.
pub fn hours(value: SignedRatio) -> String {
    format!("{} h", with_minus_sign(value.to_decimal_text(2)))
}

/// Money beside hours, when an hourly cost is given: `1,825.00 USD`.
pub fn money(team: &Team, hours: SignedRatio) -> Option<String> {
    let cost = team.hourly_cost?;
    let amount = with_minus_sign((cost * hours).to_fixed_text(2));
    Some(if team.currency.is_empty() {
        amount
    } else {
        format!("{amount} {}", team.currency)
    })
}

/// Hours, with their cost in brackets when an hourly cost is given.
pub fn with_money(team: &Team, value: SignedRatio) -> String {
    match money(team, value) {
        Some(m) => format!("{} ({m})", hours(value)),
        None => hours(value),
    }
}

/// `text` with its leading ASCII hyphen, if any, made the minus sign `−`. The signed ratio's
/// text has a hyphen only when the rounded value is not zero, so `0` never gets a sign.
fn with_minus_sign(text: String) -> String {
    match text.strip_prefix('-') {
        Some(magnitude) => format!("−{magnitude}"),
        None => text,
    }
}

/// A task's name, or `Task N` (counting from 1) when it has none.
pub fn task_label(task: &Task, index: usize) -> String {
    if task.name.is_empty() {
        format!("Task {}", index + 1)
    } else {
        task.name.clone()
    }
}

/// The help under the start-date field (`None` while the field holds no valid date): what
/// break-even dates count from, and for an empty field that it is today's date, which moves on
/// with each day.
pub fn start_date_help(start: Option<StartDate>) -> String {
    match start {
        Some(StartDate::Today(today)) => format!(
            "Empty: break-even dates count from today, {today}, and move on with each day. Type \
             a date (YYYY-MM-DD) to keep them fixed."
        ),
        Some(StartDate::Typed(_)) | None => "Break-even dates count from this day.".to_string(),
    }
}

/// A payback time in months to 0.01: `1.05 months`; one above zero that rounds to nothing is
/// `under 0.01 months`, never `0 months`.
pub fn months(value: SignedRatio) -> String {
    let text = value.to_decimal_text(2);
    if text == "0" && value > SignedRatio::from_int(0) {
        "under 0.01 months".to_string()
    } else {
        format!("{text} months")
    }
}

/// What to do about automating a task, in one sentence fragment.
pub fn recommendation(automation: &Automation, threshold: SignedRatio) -> String {
    let limit = threshold.to_decimal_text(2);
    match (automation.verdict, automation.payback_months) {
        (Verdict::Automate, Some(m)) => format!(
            "Automate: pays back in {}, under the {limit}-month threshold",
            months(m)
        ),
        (Verdict::NotYet, Some(m)) => format!(
            "Not yet: pays back in {}, not under the {limit}-month threshold",
            months(m)
        ),
        _ if automation.saved_hours_per_year.is_zero() => {
            "Never pays back: maintenance takes all the time it saves".to_string()
        }
        _ => "Never pays back: maintenance costs more time than it saves".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn team_costing(hourly_cost: Option<i128>) -> Team {
        Team {
            engineers: SignedRatio::from_int(4),
            hours_per_week: SignedRatio::from_int(40),
            working_days_per_year: SignedRatio::from_int(260),
            rotation_size: None,
            hourly_cost: hourly_cost.map(SignedRatio::from_int),
            currency: "USD".to_string(),
        }
    }

    #[test]
    fn negative_hours_and_money_use_the_minus_sign_like_the_other_tabs() {
        let net = SignedRatio::new(-1_838, 100);
        assert_eq!(hours(net), "−18.38 h");
        assert_eq!(
            with_money(&team_costing(Some(100)), net),
            "−18.38 h (−1,838.00 USD)"
        );
        assert_eq!(percent(SignedRatio::new(-1, 8)), "−12.5%");
    }

    #[test]
    fn a_payback_above_zero_never_reads_as_zero_months() {
        assert_eq!(months(SignedRatio::new(1, 1_000)), "under 0.01 months");
        assert_eq!(months(SignedRatio::new(105, 100)), "1.05 months");
        assert_eq!(months(SignedRatio::from_int(0)), "0 months");
    }

    #[test]
    fn a_share_above_zero_never_reads_as_zero() {
        // 0.125 h a month of 731.25 team hours is 0.017%: it read "0%".
        let share = SignedRatio::new(125, 731_250);
        assert_eq!(percent(share), "under 0.1%");
        assert_eq!(percent(SignedRatio::new(1, 2_000)), "0.1%");
        assert_eq!(percent(SignedRatio::from_int(0)), "0%");
    }

    #[test]
    fn an_empty_start_date_says_today_is_used_and_which_day_that_is() {
        let date = |text: &str| crate::calc::date::CivilDate::parse(text).unwrap();
        let cases = [
            (
                Some(StartDate::Today(date("2026-12-06"))),
                "Empty: break-even dates count from today, 2026-12-06, and move on with each \
                 day. Type a date (YYYY-MM-DD) to keep them fixed.",
            ),
            (
                Some(StartDate::Typed(date("2025-01-01"))),
                "Break-even dates count from this day.",
            ),
            (None, "Break-even dates count from this day."),
        ];
        for (start, expected) in cases {
            assert_eq!(start_date_help(start), expected, "{start:?}");
        }
    }

    #[test]
    fn a_negative_figure_that_rounds_to_zero_has_no_sign() {
        let tiny = SignedRatio::new(-1, 1_000);
        assert_eq!(hours(tiny), "0 h");
        assert_eq!(with_money(&team_costing(Some(1)), tiny), "0 h (0.00 USD)");
        assert_eq!(hours(SignedRatio::from_int(18)), "18 h");
    }
}
