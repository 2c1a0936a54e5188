//! Durations as people read them: `43m 12s`, `8h 45m 36s`, `3d 15h 36m 0s`.
//!
//! Rounding rule (shown in the UI next to every table of durations): a duration under one hour
//! is rounded half up to the nearest tenth of a second (`1m 26.4s`); one hour or longer, to the
//! nearest second. A day is 24 hours; larger units (weeks, months) are never used, because
//! their length is a convention of its own.

/// Milliseconds in a second, minute, hour and day.
pub const MS_PER_SECOND: u64 = 1_000;
pub const MS_PER_MINUTE: u64 = 60 * MS_PER_SECOND;
pub const MS_PER_HOUR: u64 = 60 * MS_PER_MINUTE;
pub const MS_PER_DAY: u64 = 24 * MS_PER_HOUR;

/// The rounding rule of [`format_duration`], in words, for the page.
pub const ROUNDING_RULE: &str =
    "Durations under an hour are rounded to the nearest 0.1 s, longer ones to the nearest second.";

/// Formats a duration given in milliseconds; see the module doc for the rounding rule.
///
/// A duration that is above zero but rounds to nothing is shown as `under 0.1s`, never as `0s`,
/// so that a tiny budget is not mistaken for none.
pub fn format_duration(ms: u64) -> String {
    if ms == 0 {
        return "0s".to_string();
    }

    let tenths = ms / 100 + u64::from(ms % 100 >= 50);
    if tenths == 0 {
        return "under 0.1s".to_string();
    }
    if tenths < 36_000 {
        let minutes = tenths / 600;
        let second_tenths = tenths % 600;
        let seconds = format_tenths(second_tenths);
        return if minutes > 0 {
            format!("{minutes}m {seconds}s")
        } else {
            format!("{seconds}s")
        };
    }

    let total_seconds = ms / MS_PER_SECOND + u64::from(ms % MS_PER_SECOND >= 500);
    let days = total_seconds / 86_400;
    let hours = total_seconds % 86_400 / 3_600;
    let minutes = total_seconds % 3_600 / 60;
    let seconds = total_seconds % 60;
    if days > 0 {
        format!("{days}d {hours}h {minutes}m {seconds}s")
    } else {
        format!("{hours}h {minutes}m {seconds}s")
    }
}

/// Formats a duration as a plain number of minutes with at most three decimals and no
/// trailing zeros (`43.2 min`), for tooltips that show the value behind [`format_duration`].
pub fn format_minutes(ms: u64) -> String {
    // Thousandths of a minute, rounded half up.
    let milli_minutes =
        u64::try_from((u128::from(ms) * 1000 + 30_000) / 60_000).unwrap_or(u64::MAX);
    if ms > 0 && milli_minutes == 0 {
        return "under 0.001 min".to_string();
    }
    let whole = milli_minutes / 1000;
    let fraction = milli_minutes % 1000;
    if fraction == 0 {
        format!("{whole} min")
    } else {
        let digits = format!("{fraction:03}");
        format!("{whole}.{} min", digits.trim_end_matches('0'))
    }
}

fn format_tenths(tenths: u64) -> String {
    if tenths.is_multiple_of(10) {
        (tenths / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_durations() {
        let cases: &[(u64, &str)] = &[
            (0, "0s"),
            (49, "under 0.1s"),
            (50, "0.1s"),
            (864, "0.9s"),
            (60_480, "1m 0.5s"),
            (86_400, "1m 26.4s"),
            (604_800, "10m 4.8s"),
            (2_592_000, "43m 12s"),
            (2_419_200, "40m 19.2s"),
            (3_599_949, "59m 59.9s"),
            (3_599_950, "1h 0m 0s"),
            (3_600_000, "1h 0m 0s"),
            (31_536_000, "8h 45m 36s"),
            (31_536_499, "8h 45m 36s"),
            (31_536_500, "8h 45m 37s"),
            (315_360_000, "3d 15h 36m 0s"),
        ];
        for (ms, expected) in cases {
            assert_eq!(format_duration(*ms), *expected, "{ms} ms");
        }
    }

    #[test]
    fn formats_minutes() {
        assert_eq!(format_minutes(2_592_000), "43.2 min");
        assert_eq!(format_minutes(2_419_200), "40.32 min");
        assert_eq!(format_minutes(60_000), "1 min");
        assert_eq!(format_minutes(60_480), "1.008 min");
        // 99.999999% of 30 days is 25.92 ms: not "0 min".
        assert_eq!(format_minutes(26), "under 0.001 min");
        assert_eq!(format_minutes(30), "0.001 min");
        assert_eq!(format_minutes(0), "0 min");
    }
}
