//! The Toil tab's results in words: the figures as the page shows them and the Markdown summary
//! repeats them. Hours are rounded to 0.01 h, shares to 0.1 %, money to 0.01, only here; a
//! figure that is not zero but rounds to it reads `under 0.01 h` (and the like), never `0`.
//! A negative figure (net hours after a year, money with them) is written with the minus sign
//! `−`, as the Capacity and Scenarios tabs write theirs; the CSV export keeps ASCII digits.

use super::signed_ratio::SignedRatio;
use super::toil::{Automation, StartDate, Task, Team, Verdict, WORTH_HORIZON_YEARS};

/// A share of team time, `12.5%`; a share above zero that rounds to nothing is `under 0.1%`,
/// never `0%`.
pub fn percent(fraction: SignedRatio) -> String {
    let text = (fraction * SignedRatio::from_int(100)).to_decimal_text(1);
    if text == "0" && fraction > SignedRatio::from_int(0) {
        return "under 0.1%".to_string();
    }
    format!("{}%", with_minus_sign(text))
}

/// Hours, `19.38 h`; hours that are not zero but round to it are `under 0.01 h` (`above
/// −0.01 h` below zero), never `0 h`.
pub fn hours(value: SignedRatio) -> String {
    format!("{} h", to_hundredths(value, SignedRatio::to_decimal_text))
}

/// Money beside hours, when an hourly cost is given: `1,825.00 USD`; an amount that is not zero
/// but rounds to it is `under 0.01 USD` (`above −0.01 USD`), never `0.00`.
pub fn money(team: &Team, hours: SignedRatio) -> Option<String> {
    let cost = team.hourly_cost?;
    let amount = to_hundredths(cost * hours, SignedRatio::to_fixed_text);
    Some(if team.currency.is_empty() {
        amount
    } else {
        format!("{amount} {}", team.currency)
    })
}

/// `value` to 0.01 by `format` (`to_decimal_text` or `to_fixed_text`, at 2 places) with the
/// minus sign `−`; a value that is not zero but rounds to zero is `under 0.01` (`above −0.01`
/// below zero), so a figure that is there never reads as nothing.
fn to_hundredths(value: SignedRatio, format: fn(SignedRatio, u32) -> String) -> String {
    let zero = SignedRatio::from_int(0);
    let rounds_to_zero = (value * SignedRatio::from_int(100)).round() == 0;
    if rounds_to_zero && value > zero {
        "under 0.01".to_string()
    } else if rounds_to_zero && value < zero {
        "above −0.01".to_string()
    } else {
        with_minus_sign(format(value, 2))
    }
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

/// The on-call sentence: the floor is each rotation member's share of time on call (a primary
/// and a secondary: 2 ÷ rotation size), and "toil plus on-call" adds the team's toil share to
/// it, which is what an engineer of the rotation carries when toil is shared evenly. A rotation
/// larger than the team is said to take in people from outside it.
pub fn on_call_words(team: &Team, floor: SignedRatio, combined: SignedRatio) -> String {
    let size = team.rotation_size.unwrap_or(0);
    let outside = if SignedRatio::from_int(i128::from(size)) > team.engineers {
        " The rotation is larger than the team, so it takes in people from outside it."
    } else {
        ""
    };
    let over = if combined > SignedRatio::from_int(1) {
        " That is more than the whole working time."
    } else {
        ""
    };
    format!(
        "On-call floor: {} of each rotation member's time (a primary and a secondary in a \
         rotation of {size}). Toil plus on-call, for an engineer of the rotation when toil is \
         shared evenly: {}.{over}{outside}",
        percent(floor),
        percent(combined)
    )
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

/// The convention under the "is it worth the time" grid. The cells are shades of one blue, so the
/// shading reads the same in light and dark mode only as "the stronger the blue": in dark mode
/// the strongest cell is the brightest, not the darkest.
pub fn worth_grid_convention() -> String {
    format!(
        "How long you can spend automating a task before you spend more than it saves over \
         {WORTH_HORIZON_YEARS} years: time saved each time × times per year × \
         {WORTH_HORIZON_YEARS}. A day is 24 hours (not a working day), a week 7 days, a year 365 \
         days. The stronger the blue, the more time a cell allows. A cell is empty (—) where the \
         task would take more than the whole day, every day."
    )
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
    fn the_worth_grid_convention_reads_right_in_dark_mode_too() {
        // "Darker cells allow more time" was backwards in dark mode, where more time shows as
        // a brighter blue.
        let text = worth_grid_convention();
        assert!(!text.to_lowercase().contains("dark"), "{text}");
        assert!(
            text.contains("The stronger the blue, the more time"),
            "{text}"
        );
        assert!(text.contains("over 5 years"), "{text}");
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
    fn a_figure_that_is_not_zero_never_reads_as_zero() {
        // A task done once a year for a minute is 1/720 h a month: it read "0 h", and with an
        // hourly cost of 1 its money "0.00 USD". Net hours a hair below zero read "0 h" too.
        let tiny = SignedRatio::new(1, 720);
        let negative_tiny = SignedRatio::new(-1, 1_000);
        // (hours, hours as shown, with the money of 1 USD an hour)
        let cases = [
            (tiny, "under 0.01 h", "under 0.01 h (under 0.01 USD)"),
            (
                negative_tiny,
                "above −0.01 h",
                "above −0.01 h (above −0.01 USD)",
            ),
            (SignedRatio::new(1, 200), "0.01 h", "0.01 h (0.01 USD)"),
            (SignedRatio::new(-1, 200), "−0.01 h", "−0.01 h (−0.01 USD)"),
            (SignedRatio::from_int(0), "0 h", "0 h (0.00 USD)"),
            (SignedRatio::from_int(18), "18 h", "18 h (18.00 USD)"),
        ];
        for (value, shown, with_cost) in cases {
            assert_eq!(hours(value), shown, "{value:?}");
            assert_eq!(
                with_money(&team_costing(Some(1)), value),
                with_cost,
                "{value:?}"
            );
        }
        // Money that rounds to nothing from hours that do not: 0.4 h at 0.01 an hour; at
        // 0.5 h it is 0.005, which rounds half away from zero to 0.01.
        let mut cheap = team_costing(None);
        cheap.hourly_cost = Some(SignedRatio::new(1, 100));
        assert_eq!(
            with_money(&cheap, SignedRatio::new(2, 5)),
            "0.4 h (under 0.01 USD)"
        );
        assert_eq!(
            with_money(&cheap, SignedRatio::new(1, 2)),
            "0.5 h (0.01 USD)"
        );
        // No cost at all is nothing, not a tiny amount.
        assert_eq!(
            with_money(&team_costing(Some(0)), SignedRatio::from_int(3)),
            "3 h (0.00 USD)"
        );
    }

    #[test]
    fn the_on_call_floor_is_a_rotation_members_share_not_the_teams() {
        // 6 engineers, a rotation of 4: each member is on call 2 / 4 of the time; with 1.9% of
        // toil shared evenly, a member carries 51.9%.
        let team = Team {
            engineers: SignedRatio::from_int(6),
            rotation_size: Some(4),
            ..team_costing(None)
        };
        let floor = SignedRatio::new(1, 2);
        let toil = SignedRatio::new(19, 1000);
        assert_eq!(
            on_call_words(&team, floor, floor + toil),
            "On-call floor: 50% of each rotation member's time (a primary and a secondary in a \
             rotation of 4). Toil plus on-call, for an engineer of the rotation when toil is \
             shared evenly: 51.9%."
        );
        // Half an engineer and a rotation of 4: the rotation reaches outside the team, and toil
        // plus on-call is more than the working time.
        let small = Team {
            engineers: SignedRatio::new(1, 2),
            ..team
        };
        let text = on_call_words(&small, floor, floor + SignedRatio::new(575, 1000));
        assert!(
            text.ends_with(
                "shared evenly: 107.5%. That is more than the whole working time. The rotation \
                 is larger than the team, so it takes in people from outside it."
            ),
            "{text}"
        );
    }
}
