//! Timestamps in metric exports: ISO 8601 with or without an offset (`2014-02-14T14:27:00Z`,
//! `2014-02-14T14:27:00+02:00`, `2014-02-14 14:27:00.5`, a bare date), and Unix epoch numbers in
//! seconds or milliseconds (`1392388020`, `1392388020.781`, `1392388020781`).
//!
//! Epoch numbers below 10^11 are seconds (10^11 seconds is the year 5138) and larger ones are
//! milliseconds. Fractions of a millisecond are rounded half up. A time without an offset is a
//! wall-clock time taken as written; one with an offset, or an epoch number, is absolute and
//! kept in UTC.

use crate::calc::capacity::series::{MAX_TIME_MS, MIN_TIME_MS, MS_PER_DAY};
use crate::calc::date::CivilDate;

/// A timestamp read: wall-clock or UTC milliseconds since 1970-01-01 00:00.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stamp {
    Wall(i64),
    Utc(i64),
}

/// Epoch numbers at or above this are milliseconds.
pub const EPOCH_MS_FROM: u64 = 100_000_000_000;

/// Text shortened for a message: at most 40 characters, with `…` when cut.
pub fn shorten(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        out.push('…');
    }
    out
}

fn not_a_timestamp(text: &str) -> String {
    format!(
        "“{}” is not a timestamp (use ISO 8601, YYYY-MM-DD HH:MM:SS, or Unix seconds or \
         milliseconds)",
        shorten(text)
    )
}

/// Reads one timestamp; the error is a reason for a row message.
pub fn parse(text: &str) -> Result<Stamp, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("no timestamp".to_string());
    }
    let bytes = text.as_bytes();
    if bytes.iter().all(|b| b.is_ascii_digit() || *b == b'.') {
        return parse_epoch(text).ok_or_else(|| not_a_timestamp(text));
    }
    parse_iso(bytes).ok_or_else(|| not_a_timestamp(text))?
}

/// Why `text`, shaped like an ISO 8601 timestamp, cannot be read (`the UTC offset “+05:3” is not
/// written as …`, `no such date`), or a date written without dashes ([`compact_date`]); `None`
/// when it reads, or is not shaped like one.
pub fn flaw(text: &str) -> Option<String> {
    if let Some(date) = compact_date(text) {
        return Some(format!(
            "a date written without dashes (YYYYMMDD) is not read; write it as {date}"
        ));
    }
    parse_iso(text.trim().as_bytes())?.err()
}

/// The date of `text` when it is eight digits that name a real date from 1900 to 2199
/// (`20240101`): a date written without dashes, which as Unix seconds would be a time in 1970.
pub fn compact_date(text: &str) -> Option<CivilDate> {
    let b = text.trim().as_bytes();
    if b.len() != 8 {
        return None;
    }
    let (year, month, day) = (number(&b[0..4])?, number(&b[4..6])?, number(&b[6..8])?);
    if !(1900..=2199).contains(&year) {
        return None;
    }
    CivilDate::new(year as i32, month as u32, day as u32).ok()
}

/// Digits with an optional fraction: seconds below 10^11, else milliseconds.
pub fn parse_epoch(text: &str) -> Option<Stamp> {
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, f),
        None => (text, ""),
    };
    if whole.is_empty() || whole.len() > 16 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !fraction.bytes().all(|b| b.is_ascii_digit()) || fraction.contains('.') {
        return None;
    }
    let whole: u64 = whole.parse().ok()?;
    // The fraction to 4 digits, enough to round to a millisecond (or to a whole millisecond).
    let digits = |n: usize| -> u64 {
        let mut value = 0u64;
        for i in 0..n {
            value = value * 10
                + fraction
                    .as_bytes()
                    .get(i)
                    .map_or(0, |b| u64::from(b - b'0'));
        }
        value
    };
    let ms = if whole < EPOCH_MS_FROM {
        whole * 1_000 + (digits(4) + 5) / 10
    } else {
        whole + u64::from(digits(1) >= 5)
    };
    let ms = i64::try_from(ms).ok()?;
    (ms <= MAX_TIME_MS).then_some(Stamp::Utc(ms))
}

fn number(bytes: &[u8]) -> Option<i64> {
    if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(bytes.iter().fold(0i64, |n, b| n * 10 + i64::from(b - b'0')))
}

/// `YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|±HH[:MM]|±HHMM]`. `None` when it is not shaped like one;
/// `Some(Err)` when it is but names no real time, or its offset is cut (`+05:3`).
fn parse_iso(b: &[u8]) -> Option<Result<Stamp, String>> {
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (year, month, day) = (number(&b[0..4])?, number(&b[5..7])?, number(&b[8..10])?);
    let mut rest = &b[10..];
    let mut ms_in_day = 0i64;
    if let [sep, tail @ ..] = rest {
        if *sep == b'T' || *sep == b't' || *sep == b' ' {
            if tail.len() < 5 || tail[2] != b':' {
                return None;
            }
            let hour = number(&tail[0..2])?;
            let minute = number(&tail[3..5])?;
            let mut second = 0;
            let mut millis = 0;
            rest = &tail[5..];
            if let [b':', more @ ..] = rest {
                if more.len() < 2 {
                    return None;
                }
                second = number(&more[0..2])?;
                rest = &more[2..];
                if let [b'.' | b',', frac @ ..] = rest {
                    let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
                    if n == 0 {
                        return None;
                    }
                    let mut value = 0;
                    for i in 0..4 {
                        value = value * 10
                            + frac
                                .get(i)
                                .filter(|_| i < n)
                                .map_or(0, |c| i64::from(c - b'0'));
                    }
                    millis = (value + 5) / 10;
                    rest = &frac[n..];
                }
            }
            if hour > 23 || minute > 59 || second > 60 {
                return Some(Err("the time of day is out of range".to_string()));
            }
            // A leap second (:60) is read as the last millisecond of its minute.
            ms_in_day = ((hour * 60 + minute) * 60 + second.min(59)) * 1_000
                + if second == 60 { 999 } else { millis };
        }
    }
    let date = match CivilDate::new(year as i32, month as u32, day as u32) {
        Ok(date) => date,
        Err(_) => return Some(Err("no such date".to_string())),
    };
    let local_ms = date.days_since_epoch() * MS_PER_DAY + ms_in_day;
    let stamp = match rest {
        [] => Stamp::Wall(local_ms),
        [b'Z' | b'z'] => Stamp::Utc(local_ms),
        [b' ', b'U', b'T', b'C'] | [b'U', b'T', b'C'] => Stamp::Utc(local_ms),
        [sign @ (b'+' | b'-'), offset @ ..] => {
            let two = |a: u8, b: u8| number(&[a, b]);
            let read = match offset {
                [h1, h2] => two(*h1, *h2).map(|h| (h, 0)),
                [h1, h2, b':', m1, m2] | [h1, h2, m1, m2] => two(*h1, *h2).zip(two(*m1, *m2)),
                _ => None,
            };
            // A cut offset (`+05:3`, `+5:30`) is refused, never read as another one.
            let Some((h, m)) = read else {
                return Some(Err(format!(
                    "the UTC offset “{}” is not written as ±HH:MM, ±HHMM or ±HH (two digits \
                     each)",
                    shorten(&String::from_utf8_lossy(&rest[..rest.len().min(40)]))
                )));
            };
            if h > 14 || m > 59 {
                return Some(Err("the UTC offset is out of range".to_string()));
            }
            let offset_ms = (h * 60 + m) * 60_000;
            Stamp::Utc(if *sign == b'+' {
                local_ms - offset_ms
            } else {
                local_ms + offset_ms
            })
        }
        _ => return None,
    };
    let ms = match stamp {
        Stamp::Wall(ms) | Stamp::Utc(ms) => ms,
    };
    if !(MIN_TIME_MS..=MAX_TIME_MS).contains(&ms) {
        return Some(Err("the time is out of range".to_string()));
    }
    Some(Ok(stamp))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_supported_form() {
        // Expected values from Python: datetime(2014, 2, 14, 14, 27, tzinfo=utc).timestamp().
        let t = 1_392_388_020_000;
        const OFFSET: &str = "is not written as ±HH:MM, ±HHMM or ±HH (two digits each)";
        let cases: &[(&str, Result<Stamp, &str>)] = &[
            ("2014-02-14 14:27:00", Ok(Stamp::Wall(t))),
            ("2014-02-14T14:27:00", Ok(Stamp::Wall(t))),
            ("2014-02-14T14:27", Ok(Stamp::Wall(t))),
            ("2014-02-14 14:27:00.25", Ok(Stamp::Wall(t + 250))),
            ("2014-02-14T14:27:00.1235", Ok(Stamp::Wall(t + 124))),
            ("2014-02-14", Ok(Stamp::Wall(t - (14 * 60 + 27) * 60_000))),
            ("2014-02-14T14:27:00Z", Ok(Stamp::Utc(t))),
            ("2014-02-14T16:27:00+02:00", Ok(Stamp::Utc(t))),
            ("2014-02-14T09:27:00-0500", Ok(Stamp::Utc(t))),
            ("2014-02-14T20:27:00+06", Ok(Stamp::Utc(t))),
            ("2014-02-14 14:27:00 UTC", Ok(Stamp::Utc(t))),
            ("1392388020", Ok(Stamp::Utc(t))),
            ("1392388020.781", Ok(Stamp::Utc(t + 781))),
            ("1392388020.7815", Ok(Stamp::Utc(t + 782))),
            ("1392388020781", Ok(Stamp::Utc(t + 781))),
            ("  1392388020  ", Ok(Stamp::Utc(t))),
            ("", Err("no timestamp")),
            ("yesterday", Err("is not a timestamp")),
            ("2014-02-30 10:00:00", Err("no such date")),
            ("2014-02-14 25:00:00", Err("out of range")),
            ("2014-02-14T10:00:00+15:00", Err("offset is out of range")),
            ("2014-02-14T19:57:00+05:30", Ok(Stamp::Utc(t))),
            ("2014-02-14T19:57:00+0530", Ok(Stamp::Utc(t))),
            ("2014-02-14T10:00:00+2:00", Err(OFFSET)),
            // Minutes are two digits: +05:3 is not +05:03 (nor +05:30).
            ("2014-02-14T19:57:00+05:3", Err(OFFSET)),
            ("2014-02-14T19:57:00+5:30", Err(OFFSET)),
            ("2014-02-14T19:57:00+053", Err(OFFSET)),
            ("2014-02-14T19:57:00+05:", Err(OFFSET)),
            ("2014-02-14T19:57:00+", Err(OFFSET)),
            ("14/02/2014 10:00", Err("is not a timestamp")),
            ("1.2.3", Err("is not a timestamp")),
            ("99999999999999999999", Err("is not a timestamp")),
        ];
        for (text, expected) in cases {
            match (parse(text), expected) {
                (Ok(got), Ok(want)) => assert_eq!(got, *want, "{text:?}"),
                (Err(got), Err(want)) => assert!(got.contains(want), "{text:?}: {got}"),
                (got, want) => panic!("{text:?}: got {got:?}, want {want:?}"),
            }
        }
        assert_eq!(
            parse("2014-02-14T19:57:00+05:3"),
            Err(
                "the UTC offset “+05:3” is not written as ±HH:MM, ±HHMM or ±HH (two digits each)"
                    .to_string()
            )
        );
    }
}
