//! Burn rate, remaining budget, the deploy decision and incident impact, in exact fractions.
//!
//! Conventions (shown in the UI next to each figure):
//! - error ratio = bad / total over the observation (bad minutes / observed minutes for a
//!   time-based SLI; bad timeslices / whole timeslices in the observation for a timeslice SLI);
//! - burn rate = error ratio / (1 - target): 1 spends the budget exactly over the window;
//! - the highest possible burn rate is 1 / (1 - target) (every event fails);
//! - share of the window's budget an observation consumed = burn rate x observation / window;
//! - time to exhaust the whole budget at a burn rate = window / burn rate.

use std::cmp::Ordering;
use std::fmt;

use super::ratio::Ratio;
use super::slo::{
    allowed_downtime_exact_ms, allowed_downtime_ms, SloTarget, WindowDays, MICRO_DAYS_PER_DAY,
    TARGET_PARTS,
};

/// The largest event count accepted in a field: a quadrillion. Larger inputs are refused so that
/// every fraction below stays exact.
pub const MAX_EVENTS: u64 = 1_000_000_000_000_000;

/// How the SLI counts failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SliKind {
    /// Good or bad events out of total events.
    Requests,
    /// Bad minutes out of the minutes observed.
    BadMinutes,
    /// Bad timeslices of the given length out of the whole timeslices observed.
    Timeslices { slice_ms: u64 },
}

/// Why an observation cannot give an error ratio.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ObservationError {
    /// Zero total events: the burn rate is not defined.
    NoTraffic,
    /// More bad than total.
    BadAboveTotal,
    /// The observation is shorter than one timeslice, or has no length.
    TooShort,
    /// A count beyond [`MAX_EVENTS`].
    TooLarge,
}

impl fmt::Display for ObservationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ObservationError::NoTraffic => {
                "No traffic: with zero total events the burn rate is not defined"
            }
            ObservationError::BadAboveTotal => "Bad cannot be more than total",
            ObservationError::TooShort => "The observation must cover at least one timeslice",
            ObservationError::TooLarge => "Counts above 10^15 are not supported",
        })
    }
}

/// The error ratio of `bad` out of `total` events.
pub fn event_error_ratio(bad: u64, total: u64) -> Result<Ratio, ObservationError> {
    if bad > MAX_EVENTS || total > MAX_EVENTS {
        return Err(ObservationError::TooLarge);
    }
    if total == 0 {
        return Err(ObservationError::NoTraffic);
    }
    if bad > total {
        return Err(ObservationError::BadAboveTotal);
    }
    Ratio::new(u128::from(bad), u128::from(total)).ok_or(ObservationError::NoTraffic)
}

/// The error ratio of `bad_ms` bad time out of `observed_ms`.
pub fn time_error_ratio(bad_ms: u64, observed_ms: u64) -> Result<Ratio, ObservationError> {
    if observed_ms == 0 {
        return Err(ObservationError::TooShort);
    }
    if bad_ms > observed_ms {
        return Err(ObservationError::BadAboveTotal);
    }
    Ratio::new(u128::from(bad_ms), u128::from(observed_ms)).ok_or(ObservationError::TooShort)
}

/// The error ratio of `bad_slices` out of the whole timeslices of `slice_ms` in `observed_ms`.
pub fn timeslice_error_ratio(
    bad_slices: u64,
    slice_ms: u64,
    observed_ms: u64,
) -> Result<Ratio, ObservationError> {
    let whole_slices = observed_ms.checked_div(slice_ms).unwrap_or(0);
    if whole_slices == 0 {
        return Err(ObservationError::TooShort);
    }
    event_error_ratio(bad_slices, whole_slices)
}

/// The error budget (1 - target) as a fraction.
pub fn budget_fraction(target: SloTarget) -> Ratio {
    Ratio::new(u128::from(target.budget_parts()), u128::from(TARGET_PARTS)).unwrap_or(Ratio::ONE)
}

/// The highest burn rate possible at `target`: 1 / (1 - target), when every event fails.
pub fn max_burn_rate(target: SloTarget) -> Ratio {
    Ratio::new(u128::from(TARGET_PARTS), u128::from(target.budget_parts())).unwrap_or(Ratio::ONE)
}

/// The burn rate of an error ratio: error ratio / (1 - target).
pub fn burn_rate(target: SloTarget, error_ratio: Ratio) -> Ratio {
    error_ratio
        .checked_div(budget_fraction(target))
        .unwrap_or(Ratio::ZERO)
}

/// The time the whole budget of `window` lasts at `burn`, in milliseconds: window / burn.
/// `None` when nothing burns (the budget lasts for ever at this rate).
pub fn time_to_exhaustion_ms(window: WindowDays, burn: Ratio) -> Option<u64> {
    let window_ms = Ratio::new(u128::from(window.length_ms()), 1)?;
    Some(window_ms.checked_div(burn)?.scaled_round(1))
}

/// What one observation says about the budget.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BurnReport {
    pub error_ratio: Ratio,
    pub burn_rate: Ratio,
    /// Share of the whole window's budget this observation consumed.
    pub budget_consumed: Ratio,
    /// Time until the whole budget is gone at this rate; `None` when nothing burns.
    pub exhaustion_ms: Option<u64>,
    pub max_burn_rate: Ratio,
}

/// Burn rate and its consequences for an error ratio observed over `observed_ms`.
pub fn burn_report(
    target: SloTarget,
    window: WindowDays,
    error_ratio: Ratio,
    observed_ms: u64,
) -> BurnReport {
    let burn = burn_rate(target, error_ratio);
    let share_of_window =
        Ratio::new(u128::from(observed_ms), u128::from(window.length_ms())).unwrap_or(Ratio::ZERO);
    BurnReport {
        error_ratio,
        burn_rate: burn,
        budget_consumed: burn.checked_mul(share_of_window).unwrap_or(Ratio::ZERO),
        exhaustion_ms: time_to_exhaustion_ms(window, burn),
        max_burn_rate: max_burn_rate(target),
    }
}

/// How far into the current window we are and what failed so far.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// Time elapsed since the window started, in millionths of a day; at most the window.
    pub elapsed_micro_days: u64,
    /// The part of it the error ratio covers, when not all of it: the whole timeslices (a part
    /// slice at the end is neither good nor bad yet, and spends no budget).
    pub counted_micro_days: Option<u64>,
    /// Error ratio so far (over the time counted).
    pub error_ratio: Ratio,
    /// For request-based SLIs: bad events so far and the events expected over the whole
    /// window (given, or projected from the traffic so far).
    pub events: Option<EventsSoFar>,
}

/// Bad events so far and the events the whole window is expected to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventsSoFar {
    pub bad: u64,
    pub expected_in_window: u64,
    /// Whether `expected_in_window` is the traffic so far projected over the window (rounded
    /// down to whole events), not a number given: the budget consumed is then the error
    /// ratio's, exactly, and only the bad events still allowed count the projection.
    pub projected: bool,
}

/// Why the progress figures do not fit together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgressError {
    ElapsedBeyondWindow,
}

impl fmt::Display for ProgressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProgressError::ElapsedBeyondWindow => {
                f.write_str("The time elapsed cannot be longer than the window")
            }
        }
    }
}

/// The budget spent and left so far in the window.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RemainingReport {
    /// Share of the window's budget consumed so far (may exceed 1).
    pub consumed: Ratio,
    /// Share left, never below 0.
    pub remaining: Ratio,
    /// How far past the budget we are, when consumed > 1.
    pub overspent_by: Option<Ratio>,
    pub remaining_downtime_ms: u64,
    /// Bad events still allowed in the window (request-based SLIs).
    pub remaining_events: Option<u64>,
    /// Share consumed by the end of the window if the measured pace continues: consumed so
    /// far plus the pace over the rest of the window.
    pub projected_at_end: Ratio,
    /// The measured pace, in shares of the budget per window (the burn rate so far). Logged
    /// incidents added to the consumed share are one-off costs, not part of the pace.
    pub pace: Ratio,
    /// When the budget is gone at the measured pace.
    pub run_out: RunOut,
}

/// When the budget runs out (or ran out) at the measured pace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunOut {
    /// Nothing is failing at a measured pace and the budget is not spent.
    Never,
    /// This long after the window's start.
    AfterMs(u64),
    /// It is spent, logged incidents included: when it ran out depends on when they happened,
    /// which the pace does not tell.
    SpentWithIncidents,
}

/// Budget consumed and left so far. Consumed = error ratio so far / (1 - target) x elapsed /
/// window; for request-based SLIs with an expected event count, bad / ((1 - target) x expected).
pub fn remaining_report(
    target: SloTarget,
    window: WindowDays,
    progress: Progress,
) -> Result<RemainingReport, ProgressError> {
    remaining_report_adding(target, window, progress, Ratio::ZERO)
}

/// [`remaining_report`] with `added` of the window's budget also consumed (the logged incidents
/// of the window): consumed = consumed so far + added, and everything that follows from
/// consumed (remaining, overspend, bad events still allowed, the pace) includes it.
pub fn remaining_report_adding(
    target: SloTarget,
    window: WindowDays,
    progress: Progress,
    added: Ratio,
) -> Result<RemainingReport, ProgressError> {
    if progress.elapsed_micro_days > window.micro_days() {
        return Err(ProgressError::ElapsedBeyondWindow);
    }
    let budget = budget_fraction(target);
    let burn = burn_rate(target, progress.error_ratio);
    let elapsed_share = Ratio::new(
        u128::from(progress.elapsed_micro_days),
        u128::from(window.micro_days()),
    )
    .unwrap_or(Ratio::ZERO);
    // The time the figures so far cover: all of it elapsed, but for a part timeslice at its
    // end, which the pace goes on over with the rest of the window.
    let counted_share = progress
        .counted_micro_days
        .filter(|&c| c < progress.elapsed_micro_days)
        .and_then(|c| Ratio::new(u128::from(c), u128::from(window.micro_days())))
        .unwrap_or(elapsed_share);

    let (measured, remaining_events) = match progress.events {
        Some(events) if events.expected_in_window > 0 => {
            let allowed = budget
                .checked_mul(
                    Ratio::new(u128::from(events.expected_in_window), 1).unwrap_or(Ratio::ZERO),
                )
                .unwrap_or(Ratio::ZERO);
            // A projection keeps the rate so far: bad ÷ the projected allowance would be the
            // error ratio's figure but for the projection's rounding (an exact 2× burn ran
            // out 2 s early).
            let measured = if events.projected {
                burn.checked_mul(counted_share).unwrap_or(Ratio::ZERO)
            } else {
                Ratio::new(u128::from(events.bad), 1)
                    .and_then(|bad| bad.checked_div(allowed))
                    .unwrap_or(Ratio::ZERO)
            };
            // floor(allowed x (1 - consumed)), which is floor(allowed) - bad when nothing is
            // added and the expected events are given, since bad is a whole number.
            let left = allowed
                .checked_mul(Ratio::ONE.saturating_sub(measured.saturating_add(added)))
                .map_or(0, |r| r.scaled_floor(1));
            (measured, Some(left))
        }
        _ => (burn.checked_mul(counted_share).unwrap_or(Ratio::ZERO), None),
    };
    let consumed = measured.saturating_add(added);

    let remaining = Ratio::ONE.saturating_sub(consumed);
    let overspent_by = (consumed.cmp_exact(Ratio::ONE) == Ordering::Greater)
        .then(|| consumed.saturating_sub(Ratio::ONE));
    let remaining_downtime_ms = share_of_budget_ms(remaining, target, window);
    // The burn rate so far; with expected events, the bad events' share of the window's
    // allowance, spread over the time elapsed.
    let pace = match progress.events {
        Some(events)
            if events.expected_in_window > 0
                && !events.projected
                && progress.elapsed_micro_days > 0 =>
        {
            measured.checked_div(elapsed_share).unwrap_or(burn)
        }
        _ => burn,
    };
    // Consumed so far, and the pace over the rest of the window.
    let projected_at_end = consumed.saturating_add(
        pace.checked_mul(Ratio::ONE.saturating_sub(counted_share))
            .unwrap_or(Ratio::ZERO),
    );
    let window_ms = Ratio::new(u128::from(window.length_ms()), 1).unwrap_or(Ratio::ZERO);
    let spent = consumed.cmp_exact(Ratio::ONE) != Ordering::Less;
    // Spent with nothing measured failing can only be the incidents' doing.
    let run_out = if spent && (added.numerator() > 0 || pace.numerator() == 0) {
        RunOut::SpentWithIncidents
    } else if pace.numerator() == 0 {
        RunOut::Never
    } else if spent {
        // Spent at the pace alone: window / pace after the start.
        window_ms
            .checked_div(pace)
            .map_or(RunOut::Never, |r| RunOut::AfterMs(r.scaled_round(1)))
    } else {
        // What is left, at the pace, from now: elapsed + (1 - consumed) / pace x window (with
        // nothing added, window / pace).
        let elapsed = counted_share.checked_mul(window_ms).unwrap_or(Ratio::ZERO);
        Ratio::ONE
            .saturating_sub(consumed)
            .checked_div(pace)
            .and_then(|share| share.checked_mul(window_ms))
            .map_or(RunOut::Never, |rest| {
                RunOut::AfterMs(elapsed.saturating_add(rest).scaled_round(1))
            })
    };

    Ok(RemainingReport {
        consumed,
        remaining,
        overspent_by,
        remaining_downtime_ms,
        remaining_events,
        projected_at_end,
        pace,
        run_out,
    })
}

/// An error budget policy: deploys freeze below `freeze_below` of the budget remaining, and
/// need care below `warn_below`. Both are shares of the budget in parts per 10^8, as targets
/// are ([`TARGET_PARTS`]: a percentage with up to 6 decimals), so 20% is 20,000,000.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    pub freeze_below_parts: u64,
    pub warn_below_parts: u64,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            freeze_below_parts: 20_000_000,
            warn_below_parts: 50_000_000,
        }
    }
}

/// Why a policy's thresholds do not make sense.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyError {
    WarnBelowFreeze,
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("The warning threshold must be at or above the freeze threshold")
    }
}

impl Policy {
    /// A checked policy (both thresholds at most 100%, warning at or above freeze).
    pub fn new(freeze_below_parts: u64, warn_below_parts: u64) -> Result<Policy, PolicyError> {
        if warn_below_parts < freeze_below_parts {
            return Err(PolicyError::WarnBelowFreeze);
        }
        Ok(Policy {
            freeze_below_parts: freeze_below_parts.min(TARGET_PARTS),
            warn_below_parts: warn_below_parts.min(TARGET_PARTS),
        })
    }

    /// The freeze line as a share of the budget.
    pub fn freeze_below(self) -> Ratio {
        share_of_parts(self.freeze_below_parts)
    }

    /// The warning line as a share of the budget.
    pub fn warn_below(self) -> Ratio {
        share_of_parts(self.warn_below_parts)
    }
}

/// What the policy says about deploying now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Deploys go ahead as usual.
    Allowed,
    /// Deploys are allowed, with care: the budget is in the warning zone.
    Warning,
    /// Only fixes for reliability or security go out.
    Freeze,
}

/// The decision, and the budget left before the next threshold down.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decision {
    pub verdict: Verdict,
    /// The threshold the budget would cross next, as a share of the budget, if any.
    pub next_threshold: Option<Ratio>,
    /// Remaining share above that threshold.
    pub margin: Option<Ratio>,
}

fn share_of_parts(parts: u64) -> Ratio {
    Ratio::new(u128::from(parts), u128::from(TARGET_PARTS)).unwrap_or(Ratio::ZERO)
}

/// Applies `policy` to the remaining share. Exactly at a threshold counts as above it: with 20%
/// remaining and a freeze below 20%, deploys are still allowed.
pub fn decide(policy: Policy, remaining: Ratio) -> Decision {
    let (freeze, warn) = (policy.freeze_below(), policy.warn_below());
    let (verdict, next) = if remaining.cmp_exact(freeze) == Ordering::Less {
        (Verdict::Freeze, None)
    } else if remaining.cmp_exact(warn) == Ordering::Less {
        (Verdict::Warning, Some(freeze))
    } else {
        (Verdict::Allowed, Some(warn))
    };
    Decision {
        verdict,
        next_threshold: next,
        margin: next.map(|threshold| remaining.saturating_sub(threshold)),
    }
}

/// What one incident cost.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IncidentImpact {
    /// Share of the window's budget the incident consumed.
    pub consumed: Ratio,
    /// The incident as full-outage time: duration x share of traffic affected, to the nearest
    /// millisecond, and at least 1 ms when it is above zero.
    pub equivalent_downtime_ms: u64,
}

/// `share` of the budget `target` allows over `window`, as downtime rounded to the millisecond:
/// a share of the exact budget (of the budget rounded to the millisecond only if that product
/// does not fit). A share above zero is at least 1 ms, so it reads "under 0.1s", never "0s".
pub fn share_of_budget_ms(share: Ratio, target: SloTarget, window: WindowDays) -> u64 {
    let ms = share
        .checked_mul(allowed_downtime_exact_ms(target, window))
        .or_else(|| {
            Ratio::new(u128::from(allowed_downtime_ms(target, window)), 1)
                .and_then(|budget| share.checked_mul(budget))
        })
        .map_or(0, |ms| ms.scaled_round(1));
    if ms == 0 && share.numerator() > 0 {
        1
    } else {
        ms
    }
}

/// The budget an incident of `duration_ms` affecting `affected` of the traffic consumed:
/// duration x affected / ((1 - target) x window).
pub fn incident_impact(
    target: SloTarget,
    window: WindowDays,
    duration_ms: u64,
    affected: Ratio,
) -> IncidentImpact {
    let bad_time = Ratio::new(u128::from(duration_ms), 1)
        .and_then(|d| d.checked_mul(affected))
        .unwrap_or(Ratio::ZERO);
    // Of the exact budget, as the burn rate's share is; of the budget rounded to the millisecond
    // only if the exact quotient does not fit.
    let consumed = bad_time
        .checked_div(allowed_downtime_exact_ms(target, window))
        .or_else(|| {
            Ratio::new(u128::from(allowed_downtime_ms(target, window)), 1)
                .and_then(|allowed| bad_time.checked_div(allowed))
        })
        .unwrap_or(Ratio::ZERO);
    // A bad time above zero but under half a millisecond is kept as 1 ms, so that it reads
    // "under 0.1s", as any duration that rounds to nothing does, not "0s".
    let rounded = bad_time.scaled_round(1);
    let equivalent_downtime_ms = if rounded == 0 && bad_time != Ratio::ZERO {
        1
    } else {
        rounded
    };
    IncidentImpact {
        consumed,
        equivalent_downtime_ms,
    }
}

/// Days (as a fraction) in `micro_days`.
pub fn micro_days_ratio(micro_days: u64) -> Ratio {
    Ratio::new(u128::from(micro_days), u128::from(MICRO_DAYS_PER_DAY)).unwrap_or(Ratio::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::duration::MS_PER_HOUR;

    fn target(text: &str) -> SloTarget {
        SloTarget::parse(text).unwrap()
    }

    fn window(days: u64) -> WindowDays {
        WindowDays::from_days(days).unwrap()
    }

    fn r(num: u128, den: u128) -> Ratio {
        Ratio::new(num, den).unwrap()
    }

    #[test]
    fn burn_rates_match_references() {
        // (target, bad, total, expected burn rate, source)
        let cases: &[(&str, u64, u64, &str, &str)] = &[
            // Google SRE workbook, "Alerting on SLOs": burn rate 1 means consuming the budget
            // exactly over the window; 0.1% errors at 99.9% is that rate.
            (
                "99.9",
                100,
                100_000,
                "1.00",
                "SRE workbook: 0.1% errors at 99.9% = burn 1",
            ),
            // 1.44% errors at 99.9% is the workbook's 14.4x page threshold.
            (
                "99.9",
                1_440,
                100_000,
                "14.40",
                "SRE workbook table 5-8: burn 14.4",
            ),
            ("99.9", 0, 100_000, "0.00", "no failures, no burn"),
            ("99", 5, 100, "5.00", "5% errors / 1% budget"),
            (
                "99.9",
                100_000,
                100_000,
                "1000.00",
                "every request fails: 1 / 0.001",
            ),
        ];
        for (t, bad, total, expected, source) in cases {
            let ratio = event_error_ratio(*bad, *total).unwrap();
            let burn = burn_rate(target(t), ratio);
            assert_eq!(burn.format_fixed(2), *expected, "{source}");
        }
    }

    #[test]
    fn highest_burn_rates() {
        // 1 / (1 - 0.999) = 1000 and 1 / (1 - 0.5) = 2 (SRE workbook definition of burn rate).
        assert_eq!(max_burn_rate(target("99.9")), r(1000, 1));
        assert_eq!(max_burn_rate(target("50")), r(2, 1));
    }

    #[test]
    fn exhaustion_at_burn_rates() {
        // SRE workbook: at burn rate 14.4 a 30-day budget is gone in 30 d / 14.4 = 50 hours.
        assert_eq!(
            time_to_exhaustion_ms(window(30), r(144, 10)),
            Some(50 * MS_PER_HOUR)
        );
        // Burn 1 lasts exactly the window; burn 0 lasts for ever.
        assert_eq!(
            time_to_exhaustion_ms(window(30), Ratio::ONE),
            Some(30 * 24 * MS_PER_HOUR)
        );
        assert_eq!(time_to_exhaustion_ms(window(30), Ratio::ZERO), None);
    }

    #[test]
    fn observation_consumes_a_share_of_the_budget() {
        // Burn 14.4 for one hour of a 30-day window uses 14.4 / 720 = 2% of the budget (the
        // workbook's "2% of budget in 1 hour" page).
        let report = burn_report(
            target("99.9"),
            window(30),
            event_error_ratio(1_440, 100_000).unwrap(),
            MS_PER_HOUR,
        );
        assert_eq!(report.budget_consumed, r(2, 100));
        assert_eq!(report.exhaustion_ms, Some(50 * MS_PER_HOUR));
        assert_eq!(report.max_burn_rate, r(1000, 1));
    }

    #[test]
    fn observation_errors() {
        assert_eq!(event_error_ratio(0, 0), Err(ObservationError::NoTraffic));
        assert_eq!(event_error_ratio(5, 0), Err(ObservationError::NoTraffic));
        assert_eq!(
            event_error_ratio(11, 10),
            Err(ObservationError::BadAboveTotal)
        );
        assert_eq!(
            event_error_ratio(1, MAX_EVENTS + 1),
            Err(ObservationError::TooLarge)
        );
        assert_eq!(
            time_error_ratio(61, 60),
            Err(ObservationError::BadAboveTotal)
        );
        assert_eq!(time_error_ratio(0, 0), Err(ObservationError::TooShort));
        // 4 minutes observed in 5-minute slices: no whole slice.
        assert_eq!(
            timeslice_error_ratio(0, 300_000, 240_000),
            Err(ObservationError::TooShort)
        );
        assert_eq!(
            timeslice_error_ratio(1, 0, 240_000),
            Err(ObservationError::TooShort)
        );
        // One hour in 5-minute slices is 12 slices; 3 bad is a quarter.
        assert_eq!(timeslice_error_ratio(3, 300_000, MS_PER_HOUR), Ok(r(1, 4)));
        assert_eq!(time_error_ratio(6, 60), Ok(r(1, 10)));
    }

    fn availability_progress(availability_parts: u64, elapsed_days: u64) -> Progress {
        Progress {
            elapsed_micro_days: elapsed_days * MICRO_DAYS_PER_DAY,
            counted_micro_days: None,
            error_ratio: r(
                u128::from(TARGET_PARTS - availability_parts),
                u128::from(TARGET_PARTS),
            ),
            events: None,
        }
    }

    #[test]
    fn exactly_eighty_percent_consumed_is_still_allowed() {
        // 99.92% observed over a whole 30-day window at 99.9%: 0.08% / 0.1% = 80% consumed,
        // exactly; 20% remains, and "freeze below 20%" does not freeze.
        let report = remaining_report(
            target("99.9"),
            window(30),
            availability_progress(99_920_000, 30),
        )
        .unwrap();
        assert_eq!(report.consumed, r(4, 5));
        assert_eq!(report.remaining, r(1, 5));
        let decision = decide(Policy::default(), report.remaining);
        assert_eq!(decision.verdict, Verdict::Warning);
        assert_eq!(decision.margin, Some(Ratio::ZERO));
        // 43.2 min x 20% = 8m 38.4s left.
        assert_eq!(report.remaining_downtime_ms, 518_400);
    }

    #[test]
    fn decisions_at_and_around_boundaries() {
        let policy = Policy::default();
        // (remaining, verdict, margin to the next threshold)
        let cases: &[(Ratio, Verdict, Option<Ratio>)] = &[
            (Ratio::ONE, Verdict::Allowed, Some(r(1, 2))),
            (r(1, 2), Verdict::Allowed, Some(Ratio::ZERO)),
            (
                r(4_999_999, 10_000_000),
                Verdict::Warning,
                Some(r(2_999_999, 10_000_000)),
            ),
            (r(1, 5), Verdict::Warning, Some(Ratio::ZERO)),
            (r(1_999_999, 10_000_000), Verdict::Freeze, None),
            (Ratio::ZERO, Verdict::Freeze, None),
        ];
        for (remaining, verdict, margin) in cases {
            let decision = decide(policy, *remaining);
            assert_eq!(decision.verdict, *verdict, "{remaining:?}");
            assert_eq!(decision.margin, *margin, "{remaining:?}");
        }
        assert_eq!(
            Policy::new(50_000_000, 20_000_000),
            Err(PolicyError::WarnBelowFreeze)
        );
        let strict = Policy::new(0, 0).unwrap();
        assert_eq!(decide(strict, Ratio::ZERO).verdict, Verdict::Allowed);
    }

    #[test]
    fn overspent_budgets_never_go_negative() {
        // 99.7% over 15 of 30 days at 99.9%: 0.3% / 0.1% x 1/2 = 150% consumed.
        let report = remaining_report(
            target("99.9"),
            window(30),
            availability_progress(99_700_000, 15),
        )
        .unwrap();
        assert_eq!(report.consumed, r(3, 2));
        assert_eq!(report.remaining, Ratio::ZERO);
        assert_eq!(report.overspent_by, Some(r(1, 2)));
        assert_eq!(report.remaining_downtime_ms, 0);
        // Burn 3 exhausts a 30-day budget after 10 days.
        assert_eq!(report.projected_at_end, r(3, 1));
        assert_eq!(report.run_out, RunOut::AfterMs(10 * 24 * MS_PER_HOUR));
    }

    #[test]
    fn remaining_with_expected_events() {
        // 1,000,000 events expected at 99.9% allow 1,000 bad; 250 so far is 25% consumed.
        let progress = Progress {
            elapsed_micro_days: 10 * MICRO_DAYS_PER_DAY,
            counted_micro_days: None,
            error_ratio: event_error_ratio(250, 300_000).unwrap(),
            events: Some(EventsSoFar {
                bad: 250,
                expected_in_window: 1_000_000,
                projected: false,
            }),
        };
        let report = remaining_report(target("99.9"), window(30), progress).unwrap();
        assert_eq!(report.consumed, r(1, 4));
        assert_eq!(report.remaining_events, Some(750));
        // 25% in a third of the window: 75% by its end.
        assert_eq!(report.projected_at_end, r(3, 4));
        assert_eq!(report.run_out, RunOut::AfterMs(40 * 24 * MS_PER_HOUR));
    }

    #[test]
    fn added_incident_budget_counts_as_consumed() {
        // 99.92% over 15 of 30 days at 99.9%: 0.08% / 0.1% x 1/2 = 40% consumed; a logged
        // incident that used 30% more leaves 30%. The incident is a one-off cost: the pace is
        // the measured 80% a window, so 70% + 80% x 1/2 = 110% by the end, and the 30% left
        // lasts 0.375 of the window (11.25 days) from now: 26.25 days in. (Spread as a pace,
        // the incident read 140% by the end, and a run-out 21.43 days in.)
        let report = remaining_report_adding(
            target("99.9"),
            window(30),
            availability_progress(99_920_000, 15),
            r(3, 10),
        )
        .unwrap();
        assert_eq!(report.consumed, r(7, 10));
        assert_eq!(report.remaining, r(3, 10));
        assert_eq!(report.pace, r(4, 5));
        assert_eq!(report.projected_at_end, r(11, 10));
        assert_eq!(report.run_out, RunOut::AfterMs((26 * 24 + 6) * MS_PER_HOUR));
        // 43.2 min x 30% = 12m 57.6s.
        assert_eq!(report.remaining_downtime_ms, 777_600);
        // Nothing failing besides an incident: the budget left lasts.
        let report = remaining_report_adding(
            target("99.9"),
            window(30),
            availability_progress(TARGET_PARTS, 20),
            r(6_944, 10_000),
        )
        .unwrap();
        assert_eq!(report.projected_at_end, r(6_944, 10_000));
        assert_eq!(report.run_out, RunOut::Never);
        // With expected events: 1,000 bad allowed, 250 so far (25%) and 10% added leave 650.
        let progress = Progress {
            elapsed_micro_days: 10 * MICRO_DAYS_PER_DAY,
            counted_micro_days: None,
            error_ratio: event_error_ratio(250, 300_000).unwrap(),
            events: Some(EventsSoFar {
                bad: 250,
                expected_in_window: 1_000_000,
                projected: false,
            }),
        };
        let report =
            remaining_report_adding(target("99.9"), window(30), progress, r(1, 10)).unwrap();
        assert_eq!(report.consumed, r(35, 100));
        assert_eq!(report.remaining_events, Some(650));
        // Adding nothing is the plain report.
        assert_eq!(
            remaining_report_adding(target("99.9"), window(30), progress, Ratio::ZERO),
            remaining_report(target("99.9"), window(30), progress)
        );
        // Overspending by incidents alone: 40% + 80% is 20% over.
        let report = remaining_report_adding(
            target("99.9"),
            window(30),
            availability_progress(99_920_000, 15),
            r(4, 5),
        )
        .unwrap();
        assert_eq!(report.remaining, Ratio::ZERO);
        assert_eq!(report.overspent_by, Some(r(1, 5)));
        // When it ran out depends on when the incident happened: no date from the pace.
        assert_eq!(report.run_out, RunOut::SpentWithIncidents);
    }

    #[test]
    fn nothing_failed_means_no_run_out_date() {
        let report = remaining_report(
            target("99.9"),
            window(30),
            availability_progress(TARGET_PARTS, 3),
        )
        .unwrap();
        assert_eq!(report.consumed, Ratio::ZERO);
        assert_eq!(report.run_out, RunOut::Never);
        assert_eq!(
            remaining_report(
                target("99.9"),
                window(30),
                availability_progress(TARGET_PARTS, 31)
            ),
            Err(ProgressError::ElapsedBeyondWindow)
        );
    }

    #[test]
    fn incident_impact_matches_hand_computation() {
        // A 30-minute full outage at 99.9% over 30 days: 30 / 43.2 min = 69.44% of the budget.
        let full = incident_impact(target("99.9"), window(30), 30 * 60_000, Ratio::ONE);
        assert_eq!(full.consumed.format_percent(2), "69.44");
        assert_eq!(full.equivalent_downtime_ms, 1_800_000);
        // The same incident hitting 10% of traffic: 3 minutes of full-outage time, 6.94%.
        let partial = incident_impact(target("99.9"), window(30), 30 * 60_000, r(1, 10));
        assert_eq!(partial.equivalent_downtime_ms, 180_000);
        // A minute at 0.0001% is 0.06 ms of full outage: above zero, so "under 0.1s", not "0s".
        let tiny = incident_impact(
            target("99.9"),
            window(30),
            60_000,
            Ratio::new(1, 1_000_000).unwrap(),
        );
        assert_eq!(tiny.equivalent_downtime_ms, 1);
        assert_eq!(
            crate::calc::duration::format_duration(tiny.equivalent_downtime_ms),
            "under 0.1s"
        );
        let none = incident_impact(target("99.9"), window(30), 60_000, Ratio::ZERO);
        assert_eq!(none.equivalent_downtime_ms, 0);
        assert_eq!(partial.consumed.format_percent(2), "6.94");
    }

    #[test]
    fn shares_of_a_budget_that_is_not_a_whole_number_of_milliseconds_are_exact() {
        // 99.99999% over 30 days allows 0.2592 s (shown as 259 ms): a 3-minute outage is
        // 180 / 0.2592 = 694.44 budgets, as the same outage counted in events says, not
        // 180 / 0.259 = 694.98.
        let outage = incident_impact(target("99.99999"), window(30), 180_000, Ratio::ONE);
        assert_eq!(outage.consumed.format_percent(2), "69444.44");
        // 99.9999% over a day allows 86.4 ms (shown as 86 ms).
        let day = incident_impact(target("99.9999"), window(1), 180_000, Ratio::ONE);
        assert_eq!(day.consumed.format_percent(2), "208333.33");
        // A thousand such budgets are 259.2 s, not 259 s.
        let thousand = Ratio::new(1000, 1).unwrap();
        assert_eq!(
            share_of_budget_ms(thousand, target("99.99999"), window(30)),
            259_200
        );
        assert_eq!(
            share_of_budget_ms(Ratio::ONE, target("99.9"), window(30)),
            2_592_000
        );
        // 45% of 99.9999% over a thousandth of a day (0.0864 ms) is 0.04 ms: above zero, so
        // "under 0.1s", not "0s"; nothing is 0.
        let share = Ratio::new(45, 100).unwrap();
        let tiny = WindowDays::from_micro_days(1_000).unwrap();
        assert_eq!(share_of_budget_ms(share, target("99.9999"), tiny), 1);
        assert_eq!(share_of_budget_ms(Ratio::ZERO, target("99.9999"), tiny), 0);
    }

    #[test]
    fn no_finite_valid_input_gives_a_non_finite_output() {
        // A deterministic sweep over extremes of every input (the property the UI relies on).
        let targets = ["0.000001", "50", "99.9", "99.999999"];
        let windows = [
            WindowDays::from_micro_days(1).unwrap(),
            window(30),
            window(36_525),
        ];
        let counts = [0, 1, 7, 1_000_000, MAX_EVENTS];
        for t in targets {
            for w in windows {
                for bad in counts {
                    for total in counts {
                        let Ok(ratio) = event_error_ratio(bad, total) else {
                            continue;
                        };
                        let report = burn_report(target(t), w, ratio, w.length_ms());
                        for value in [
                            report.burn_rate,
                            report.budget_consumed,
                            report.max_burn_rate,
                        ] {
                            assert!(value.to_f64().is_finite(), "{t} {w:?} {bad}/{total}");
                            assert!(!value.format_fixed(2).contains("NaN"));
                        }
                        let progress = Progress {
                            elapsed_micro_days: w.micro_days() / 2,
                            counted_micro_days: None,
                            error_ratio: ratio,
                            events: Some(EventsSoFar {
                                bad,
                                expected_in_window: total,
                                projected: false,
                            }),
                        };
                        let remaining = remaining_report(target(t), w, progress).unwrap();
                        assert!(remaining.remaining.to_f64().is_finite());
                        assert!(remaining.remaining.to_f64() <= 1.0);
                        let _ = decide(Policy::default(), remaining.remaining);
                    }
                }
            }
        }
    }
}
