//! The Toil tab's results in words: the figures as the page shows them and the Markdown summary
//! repeats them. Hours are rounded to 0.01 h, shares to 0.1 %, money to 0.01, only here.

use super::signed_ratio::SignedRatio;
use super::toil::{Automation, Task, Team, Verdict};

/// A share of team time, `12.5%`.
pub fn percent(fraction: SignedRatio) -> String {
    format!(
        "{}%",
        (fraction * SignedRatio::from_int(100)).to_decimal_text(1)
    )
}

/// Hours, `19.38 h`.
pub fn hours(value: SignedRatio) -> String {
    format!("{} h", value.to_decimal_text(2))
}

/// Money beside hours, when an hourly cost is given: `1,825.00 USD`.
pub fn money(team: &Team, hours: SignedRatio) -> Option<String> {
    let cost = team.hourly_cost?;
    let amount = (cost * hours).to_fixed_text(2);
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

/// A task's name, or `Task N` (counting from 1) when it has none.
pub fn task_label(task: &Task, index: usize) -> String {
    if task.name.is_empty() {
        format!("Task {}", index + 1)
    } else {
        task.name.clone()
    }
}

/// What to do about automating a task, in one sentence fragment.
pub fn recommendation(automation: &Automation, threshold: SignedRatio) -> String {
    let limit = threshold.to_decimal_text(2);
    match (automation.verdict, automation.payback_months) {
        (Verdict::Automate, Some(m)) => format!(
            "Automate: pays back in {} months, under the {limit}-month threshold",
            m.to_decimal_text(2)
        ),
        (Verdict::NotYet, Some(m)) => format!(
            "Not yet: pays back in {} months, not under the {limit}-month threshold",
            m.to_decimal_text(2)
        ),
        _ if automation.saved_hours_per_year.is_zero() => {
            "Never pays back: maintenance takes all the time it saves".to_string()
        }
        _ => "Never pays back: maintenance costs more time than it saves".to_string(),
    }
}
