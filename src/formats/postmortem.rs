//! The postmortem draft of an incident, as Markdown (CommonMark).
//!
//! The draft holds a summary (date, duration, severity, commander), the impact with the budget
//! figures filled in, the timeline as `HH:MM` entries (`HH:MM:SS` when a time has seconds)
//! grouped by day, with lines of their own for when impact started and ended (the start and the
//! resolution), an entry more than a day outside the incident noted as the page warns of it,
//! and the sections the team writes afterwards (root cause, resolution, action items with owner
//! and due date, what went well, what could be improved, lessons learned), left empty. Every time
//! is shown in one offset from UTC, stated at the top. Text typed by people is escaped so that it
//! reads as text: it can neither start a heading, list or quote nor make a link, emphasis or
//! HTML, and a control of text direction shows as `<U+202E>` instead of reordering the line it is
//! on; a character that cannot mean anything where it stands (a parenthesis, `#` inside a line)
//! is left as typed.

use crate::calc::budget_sheet::WindowKind;
use crate::calc::budget_words::{percent, traffic_percent};
use crate::calc::date::CalendarPeriod;
use crate::calc::duration::format_duration;
use crate::calc::incident::{
    offset_text, responder_names, BudgetContext, Impact, IncidentSheet, Moment, Severity, WallClock,
};
use crate::calc::ratio::Ratio;
use crate::formats::show_bidi_controls;
use crate::inputs::IncidentInputs;

/// Everything the draft is written from.
#[derive(Debug, Clone, Copy)]
pub struct Draft<'a> {
    pub incident: &'a IncidentInputs,
    pub sheet: &'a IncidentSheet,
    /// The incident's id, `None` while its start is not a valid time.
    pub id: Option<&'a str>,
    /// The budget the impact is counted against, or why there is none (in words).
    pub budget: Result<&'a BudgetContext, &'a str>,
    /// The incident's cost, when it can be computed.
    pub impact: Option<&'a Impact>,
    /// The offset every time is shown in, minutes east of UTC.
    pub utc_offset_minutes: i32,
    /// The time zone's name, such as `Europe/Berlin`, when the browser gives one.
    pub zone_name: Option<&'a str>,
    /// When the draft is written, milliseconds since 1970 UTC.
    pub now_ms: i64,
}

/// The file name of the draft: `INC-20261204-031500-postmortem.md`.
pub fn file_name(id: Option<&str>) -> String {
    match id {
        Some(id) => format!("{id}-postmortem.md"),
        None => "incident-postmortem.md".to_string(),
    }
}

/// Where a piece of typed text goes in a line of the draft, which decides what in it could be
/// read as Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// At the start of a line or of a list item's text, where it could begin a block: a
    /// heading, list item, quote, thematic break or heading underline.
    Start,
    /// After other text on the line, where only inline Markdown applies.
    Inside,
    /// After other text in a heading, to its end, where a closing run of `#` would be dropped.
    Heading,
}

/// A character that needs a backslash before it only where it could begin a block.
fn begins_block(chars: &[char]) -> Option<usize> {
    let first = *chars.first()?;
    let gap_or_end = |at: usize| chars.get(at).is_none_or(|c| c.is_whitespace());
    let only = |marks: &str| {
        chars
            .iter()
            .all(|&c| marks.contains(c) || c == ' ' || c == '\t')
    };
    match first {
        // A thematic break, a heading underline or a table's delimiter row (`:-: | ---`).
        _ if only("=") || (only("-:|") && chars.contains(&'-')) => Some(0),
        // A quote needs nothing after it; a list item, a space or the end of the line.
        '>' => Some(0),
        '-' | '+' if gap_or_end(1) => Some(0),
        '#' => {
            let run = chars.iter().take_while(|&&c| c == '#').count();
            (run <= 6 && gap_or_end(run)).then_some(0)
        }
        '0'..='9' => {
            // A numbered item, `12.` or `3)`: the mark gets the backslash.
            let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
            (digits <= 9 && matches!(chars.get(digits), Some('.' | ')')) && gap_or_end(digits + 1))
                .then_some(digits)
        }
        _ => None,
    }
}

/// Whether `&` at `at` starts a character reference (`&copy;`, `&#169;`, `&#x41;`), which
/// Markdown would show as the character.
fn starts_reference(chars: &[char], at: usize) -> bool {
    let name = chars[at + 1..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name > 0 && chars.get(at + 1 + name) == Some(&';')
}

/// Whether the run of `*` or `_` from `from` to `to` (exclusive) could open or close emphasis:
/// it cannot with white space on both sides within the text, and `_` cannot inside a word. The
/// ends of the text count as neither, since the draft's own text is next to them.
fn may_emphasise(chars: &[char], from: usize, to: usize) -> bool {
    let before = from.checked_sub(1).and_then(|i| chars.get(i));
    let after = chars.get(to);
    let both = |test: fn(&char) -> bool| before.is_some_and(test) && after.is_some_and(test);
    let spaced = both(|c| c.is_whitespace());
    let in_word = chars[from] == '_' && both(|c| c.is_alphanumeric());
    !(spaced || in_word)
}

/// Escapes one line of typed text for the draft's Markdown (CommonMark, with GitHub's tables
/// and strikethrough), without the white space around it: a backslash or an entity goes only
/// where a character could otherwise mean something in `place`, so the raw text stays readable
/// (`(2% in 1 hour)` stays as it is; `[` always gets one, so no link can start). Controls of text
/// direction show as `<U+202E>`; other control characters are dropped, tabs and line breaks read
/// as spaces.
fn escape_line(line: &str, place: Place) -> String {
    let chars: Vec<char> = show_bidi_controls(line)
        .chars()
        .filter_map(|c| match c {
            '\r' | '\n' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect::<String>()
        .trim()
        .chars()
        .collect();
    let block_mark = if place == Place::Start {
        begins_block(&chars)
    } else {
        None
    };
    // A closing run of `#` in a heading: one the title ends with, after a space.
    let closing = chars.iter().rev().take_while(|&&c| c == '#').count();
    let closing_at = (place == Place::Heading
        && closing > 0
        && (closing == chars.len() || chars[chars.len() - closing - 1] == ' '))
        .then(|| chars.len() - closing);

    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '*' || c == '_' {
            let run = chars[i..].iter().take_while(|&&r| r == c).count();
            let escape = may_emphasise(&chars, i, i + run);
            for _ in 0..run {
                if escape {
                    out.push('\\');
                }
                out.push(c);
            }
            i += run;
            continue;
        }
        let next = chars.get(i + 1);
        match c {
            // Code spans and fences, links and images, table cells, strikethrough.
            '`' | '[' | '|' | '~' => out.push('\\'),
            // A backslash escapes the punctuation after it, and one at the end would escape
            // what the draft writes next (or break the line).
            '\\' if next.is_none_or(char::is_ascii_punctuation) => out.push('\\'),
            _ if Some(i) == block_mark || Some(i) == closing_at => out.push('\\'),
            _ => {}
        }
        match c {
            // An HTML tag, comment or declaration, or an autolink.
            '<' if next
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')) =>
            {
                out.push_str("&lt;")
            }
            '&' if starts_reference(&chars, i) => out.push_str("&amp;"),
            c => out.push(c),
        }
        i += 1;
    }
    out
}

/// Typed text on one line (line breaks become spaces).
fn inline(text: &str, place: Place) -> String {
    escape_line(
        &text.split(['\n', '\r']).collect::<Vec<_>>().join(" "),
        place,
    )
}

/// Typed text whose line breaks are kept as hard breaks; blank lines are dropped. The first line
/// goes in `first`; continuation lines start a line, indented by `indent` so they stay inside a
/// list item.
fn lines(text: &str, first: Place, indent: &str) -> String {
    text.lines()
        .filter(|line| line.chars().any(|c| !c.is_whitespace() && !c.is_control()))
        .enumerate()
        .map(|(n, line)| escape_line(line, if n == 0 { first } else { Place::Start }))
        .collect::<Vec<_>>()
        .join(&format!("\\\n{indent}"))
}

fn or_not_given(text: &str) -> String {
    let escaped = inline(text, Place::Inside);
    if escaped.is_empty() {
        "_not given_".to_string()
    } else {
        escaped
    }
}

fn window_words(context: &BudgetContext, impact: &Impact) -> String {
    let days = impact.window.days_text();
    match (context.window.kind, impact.calendar_start) {
        (WindowKind::Calendar(period), Some(first)) => {
            let name = match period {
                CalendarPeriod::Month => "calendar month",
                CalendarPeriod::Quarter => "calendar quarter",
                CalendarPeriod::Year => "calendar year",
            };
            format!("the {name} from {first} ({days} days)")
        }
        _ => format!("{days} days"),
    }
}

/// A line of the draft's timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Event {
    /// The incident's start (impact began).
    Start,
    /// The timeline entry stored at this index.
    Entry(usize),
    /// The incident's resolution (impact ended).
    End,
}

impl Event {
    fn time(self, sheet: &IncidentSheet) -> Option<Moment> {
        match self {
            Event::Start => sheet.start,
            Event::Entry(i) => sheet.entry_times.get(i).copied().flatten(),
            Event::End => sheet.resolved_at,
        }
    }
}

/// The timeline's lines in time order: the start when it is valid, the entries (in
/// `IncidentSheet::timeline_order`), and the resolution when the incident is resolved at a valid
/// time. At the same instant the start comes before the entries and the resolution after them;
/// entries whose times are not valid come last, after the resolution.
fn timeline_events(sheet: &IncidentSheet) -> Vec<Event> {
    let start = sheet.start.map(|_| Event::Start);
    let end = sheet.resolved_at.map(|_| Event::End);
    let entries = sheet.timeline_order().into_iter().map(Event::Entry);
    let mut events: Vec<Event> = start.into_iter().chain(entries).chain(end).collect();
    // A stable sort: entries at the same instant keep the order `timeline_order` gave them.
    events.sort_by_key(|&event| {
        let rank = match event {
            Event::Start => 0,
            Event::Entry(_) => 1,
            Event::End => 2,
        };
        match event.time(sheet) {
            Some(moment) => (false, moment.utc_ms, rank),
            None => (true, 0, rank),
        }
    });
    events
}

/// The postmortem draft.
pub fn markdown(draft: &Draft) -> String {
    let Draft {
        incident,
        sheet,
        id,
        utc_offset_minutes: offset,
        now_ms,
        ..
    } = *draft;
    let at = |utc_ms: i64| WallClock::at(utc_ms, offset);
    let zone = match draft.zone_name {
        Some(name) if !name.trim().is_empty() => {
            format!("{} ({})", offset_text(offset), inline(name, Place::Inside))
        }
        _ => offset_text(offset),
    };
    let title = inline(&incident.title, Place::Heading);
    let title = if title.is_empty() {
        "Untitled incident".to_string()
    } else {
        title
    };
    let mut md = String::new();
    let mut line = |text: &str| {
        md.push_str(text);
        md.push('\n');
    };

    line(&format!("# Postmortem: {title}"));
    line("");
    line(&format!(
        "Draft written by Headroom on {}. All times are {zone}.",
        at(now_ms).minutes_text()
    ));
    line("");

    line("## Summary");
    line("");
    line(&format!(
        "- **Incident:** {}",
        id.unwrap_or("_no id yet: the start time is not valid_")
    ));
    let start = sheet.start.map(|m| at(m.utc_ms));
    line(&format!(
        "- **Date:** {}",
        start.map_or("_not known_".to_string(), |w| w.date.to_string())
    ));
    line(&format!(
        "- **Started:** {}",
        start.map_or("_not known_".to_string(), |w| w.text())
    ));
    let resolved = match (sheet.ongoing, sheet.resolved_at) {
        (true, _) => format!("_not yet: ongoing at {}_", at(now_ms).minutes_text()),
        (false, Some(end)) => at(end.utc_ms).text(),
        (false, None) => "_not known_".to_string(),
    };
    line(&format!("- **Resolved:** {resolved}"));
    let duration = match sheet.duration_ms {
        Some(ms) if sheet.ongoing => format!("{} so far", format_duration(ms)),
        Some(ms) => format_duration(ms),
        None => "_not known_".to_string(),
    };
    line(&format!("- **Duration:** {duration}"));
    let severity = match sheet.severity {
        Some(s) => format!("{} ({})", s.slug(), s.meaning()),
        None => format!("_not valid: {}_", inline(&incident.severity, Place::Inside)),
    };
    line(&format!("- **Severity:** {severity}"));
    line(&format!(
        "- **Incident commander:** {}",
        or_not_given(&incident.commander)
    ));
    line(&format!(
        "- **Detected by:** {}",
        or_not_given(&incident.detected_by)
    ));
    line(&format!(
        "- **Responders:** {}",
        or_not_given(&responder_names(&incident.responders).join(", "))
    ));
    line("");

    line("## Impact");
    line("");
    let affected = match sheet.affected {
        Some(share) if incident.full_outage || share == Ratio::ONE => {
            "100% (full outage)".to_string()
        }
        Some(share) => traffic_percent(share),
        None => "_not known_".to_string(),
    };
    line(&format!("- **Traffic affected:** {affected}"));
    match (draft.budget, draft.impact) {
        (Ok(context), Some(impact)) => {
            let so_far = if impact.ongoing { " so far" } else { "" };
            line(&format!(
                "- **Error budget consumed{so_far}:** {} of the budget for {}% over {} ({} of \
                 full-outage time of the {} allowed)",
                percent(impact.impact.consumed),
                context.target.percent_text(),
                window_words(context, impact),
                format_duration(impact.impact.equivalent_downtime_ms),
                format_duration(impact.allowed_downtime_ms),
            ));
            if let Some(note) = impact.past_window_note() {
                line(&format!("  {note}"));
            }
            line(&format!(
                "- **Budget left afterwards:** {}",
                impact.left_text()
            ));
            let decision = impact.decision_text();
            line(&format!("- **Deploy decision:** {decision}"));
            line("");
            line(
                "Budget consumed = duration × share of traffic affected ÷ allowed downtime of \
                 the window. Budget left = 100% − the logged incidents of the window up to this \
                 one; failures not logged as incidents are not counted.",
            );
        }
        (Err(reason), _) => line(&format!("- **Error budget:** _not computed: {reason}_")),
        (Ok(_), None) => line(
            "- **Error budget:** _not computed: the start, resolution or traffic affected is \
             not valid_",
        ),
    }
    line("");

    line("## Timeline");
    line("");
    let mut day = None;
    let mut open_list = false;
    for event in timeline_events(sheet) {
        let wall = event.time(sheet).map(|m| at(m.utc_ms));
        let heading = wall.map_or("Time not valid".to_string(), |w| w.date.to_string());
        if day.as_ref() != Some(&heading) {
            if open_list {
                line("");
            }
            line(&format!("**{heading}**"));
            line("");
            day = Some(heading);
            open_list = true;
        }
        let Event::Entry(i) = event else {
            let what = if event == Event::Start {
                "Impact started"
            } else {
                "Impact ended"
            };
            let time = wall.map_or_else(String::new, |w| w.clock_text());
            line(&format!("- {time} — **{what}**"));
            continue;
        };
        let Some(entry) = incident.timeline.get(i) else {
            continue;
        };
        let time = wall.map_or_else(
            || inline(&entry.time.local, Place::Start),
            |w| w.clock_text(),
        );
        let status = sheet.entry_statuses.get(i).copied().flatten().map_or_else(
            || inline(&entry.status, Place::Inside),
            |s| s.label().to_string(),
        );
        let message = lines(&entry.message, Place::Inside, "  ");
        // The page's warning of an entry far outside the incident, as a short note.
        let note = sheet
            .far_off(i)
            .map_or_else(String::new, |far_off| format!(" _({})_", far_off.note()));
        if message.is_empty() {
            line(&format!("- {time} — {status}{note}"));
        } else {
            line(&format!("- {time} — {status}: {message}{note}"));
        }
    }
    if open_list {
        line("");
    }
    if incident.timeline.is_empty() {
        line("_No timeline entries._");
        line("");
    }

    line("## Root cause");
    line("");
    line("## Resolution");
    line("");
    let resolution = lines(&incident.resolution, Place::Start, "");
    if !resolution.is_empty() {
        line(&resolution);
        line("");
    }
    line("## Action items");
    line("");
    line("| Action | Owner | Due date |");
    line("| --- | --- | --- |");
    line("|  |  |  |");
    line("");
    line("## What went well");
    line("");
    line("## What could be improved");
    line("");
    line("## Lessons learned");
    md
}

/// Severity levels with their meanings, one a line, for the page's help text.
pub fn severity_help() -> String {
    Severity::ALL
        .iter()
        .map(|s| format!("{}: {}", s.slug(), s.meaning()))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::budget_sheet;
    use crate::calc::date::CivilDate;
    use crate::calc::incident::{self, read_all};
    use crate::inputs::{BudgetInputs, EntryInputs, TimeInputs};

    /// The fixed clock: 2026-12-06 12:00 UTC (Unix time 1,796,558,400 by GNU `date -u -d`).
    const NOW: i64 = 1_796_558_400_000;
    const BERLIN: i32 = 60;

    fn time(local: &str) -> TimeInputs {
        TimeInputs {
            local: local.to_string(),
            utc_offset_minutes: BERLIN,
        }
    }

    fn entry(local: &str, status: &str, message: &str) -> EntryInputs {
        EntryInputs {
            id: Default::default(),
            time: time(local),
            status: status.to_string(),
            message: message.to_string(),
        }
    }

    fn example() -> IncidentInputs {
        IncidentInputs {
            id: Default::default(),
            title: "Checkout errors after deploy".into(),
            severity: "SEV2".into(),
            detected_by: "Burn-rate page (2% in 1 hour)".into(),
            commander: "Ada Lovelace".into(),
            responders: "Grace Hopper, Alan Turing".into(),
            start: time("2026-12-04 23:40"),
            affected_percent: "25".into(),
            full_outage: false,
            // Stored out of order, and across midnight.
            timeline: vec![
                entry("2026-12-05 00:05", "mitigating", "Rolled back to v41"),
                entry(
                    "2026-12-04 23:44",
                    "investigating",
                    "Page fired; error rate 3%",
                ),
                entry(
                    "2026-12-04 23:58",
                    "identified",
                    "Bad config in v42\nSee the deploy log",
                ),
                entry("2026-12-05 00:30", "resolved", ""),
            ],
            resolution: "Rolled back to v41.".into(),
            resolved_at: time("2026-12-05 00:30"),
        }
    }

    fn draft_of(incident: &IncidentInputs, budget: &BudgetInputs, zone: Option<&str>) -> String {
        let today = CivilDate::parse("2026-12-06").unwrap();
        let context = incident::BudgetContext::from_sheet(&budget_sheet::read(budget, today));
        let incidents = [incident.clone()];
        let (sheets, ids) = read_all(&incidents, NOW);
        let impacts = context
            .as_ref()
            .map(|c| incident::impacts(&sheets, c))
            .unwrap_or_default();
        markdown(&Draft {
            incident,
            sheet: &sheets[0],
            id: ids[0].as_deref(),
            budget: context.as_ref().map_err(String::as_str),
            impact: impacts.first().and_then(Option::as_ref),
            utc_offset_minutes: BERLIN,
            zone_name: zone,
            now_ms: NOW,
        })
    }

    #[test]
    fn snapshot_of_a_resolved_incident() {
        // 50 minutes at 25% is 12m 30s of full outage; 99.9% over 30 days allows 43m 12s, so
        // 750 / 2,592 = 28.94% of the budget (by hand: 12.5 / 43.2).
        let expected = "\
# Postmortem: Checkout errors after deploy

Draft written by Headroom on 2026-12-06 13:00. All times are UTC+01:00 (Europe/Berlin).

## Summary

- **Incident:** INC-20261204-234000
- **Date:** 2026-12-04
- **Started:** 2026-12-04 23:40
- **Resolved:** 2026-12-05 00:30
- **Duration:** 50m 0s
- **Severity:** SEV2 (partial degradation)
- **Incident commander:** Ada Lovelace
- **Detected by:** Burn-rate page (2% in 1 hour)
- **Responders:** Grace Hopper, Alan Turing

## Impact

- **Traffic affected:** 25%
- **Error budget consumed:** ≈28.94% of the budget for 99.9% over 30 days (12m 30s of full-outage time of the 43m 12s allowed)
- **Budget left afterwards:** ≈71.06% (100% before; no earlier logged incident in this window)
- **Deploy decision:** unchanged: deploys allowed

Budget consumed = duration × share of traffic affected ÷ allowed downtime of the window. Budget left = 100% − the logged incidents of the window up to this one; failures not logged as incidents are not counted.

## Timeline

**2026-12-04**

- 23:40 — **Impact started**
- 23:44 — Investigating: Page fired; error rate 3%
- 23:58 — Identified: Bad config in v42\\
  See the deploy log

**2026-12-05**

- 00:05 — Mitigating: Rolled back to v41
- 00:30 — Resolved
- 00:30 — **Impact ended**

## Root cause

## Resolution

Rolled back to v41.

## Action items

| Action | Owner | Due date |
| --- | --- | --- |
|  |  |  |

## What went well

## What could be improved

## Lessons learned
";
        let actual = draft_of(&example(), &BudgetInputs::default(), Some("Europe/Berlin"));
        assert_eq!(actual, expected, "\n{actual}");
    }

    #[test]
    fn an_ongoing_incident_says_so_and_a_changed_decision_is_named() {
        let mut incident = example();
        incident.resolved_at = TimeInputs::default();
        incident.full_outage = true;
        incident.start = time("2026-12-06 12:30");
        incident.timeline.clear();
        let text = draft_of(&incident, &BudgetInputs::default(), None);
        assert!(text.contains("All times are UTC+01:00.\n"), "{text}");
        assert!(text.contains("- **Resolved:** _not yet: ongoing at 2026-12-06 13:00_"));
        assert!(text.contains("- **Duration:** 30m 0s so far"));
        assert!(text.contains("- **Traffic affected:** 100% (full outage)"));
        // 30 / 43.2 = 69.44%: 30.56% left, below the 50% warning line.
        assert!(text.contains("- **Error budget consumed so far:** ≈69.44% of the budget"));
        assert!(text.contains(
            "- **Deploy decision:** changed from deploys allowed to deploys allowed, with care"
        ));
        assert!(text.contains("_No timeline entries._"));
    }

    #[test]
    fn an_incident_longer_than_the_window_says_what_its_figure_means() {
        // A year-long outage (25% of traffic) against a 30-day window read "≈304,166.67% of the
        // budget" with
        // no word that it is set whole against one window's budget; the page's note follows it.
        let mut incident = example();
        incident.start = time("2025-12-06 10:00");
        incident.resolved_at = time("2026-12-06 10:00");
        incident.timeline.clear();
        let text = draft_of(&incident, &BudgetInputs::default(), None);
        assert!(
            text.contains(
                "≈304,166.67% of the budget for 99.9% over 30 days (91d 6h 0m 0s of \
                 full-outage time of the 43m 12s allowed)\n  Longer than the window (30 days): \
                 this figure counts all of it against one window's budget"
            ),
            "{text}"
        );
        let inside = draft_of(&example(), &BudgetInputs::default(), None);
        assert!(!inside.contains("Longer than"), "{inside}");
    }

    #[test]
    fn times_with_seconds_keep_them_so_they_agree_with_the_duration() {
        let mut incident = example();
        incident.start = time("2026-12-01 10:00:00");
        incident.resolved_at = time("2026-12-01 10:21:36");
        let text = draft_of(&incident, &BudgetInputs::default(), None);
        assert!(text.contains("- **Started:** 2026-12-01 10:00\n"), "{text}");
        assert!(
            text.contains("- **Resolved:** 2026-12-01 10:21:36\n"),
            "{text}"
        );
        assert!(text.contains("- **Duration:** 21m 36s\n"), "{text}");
    }

    #[test]
    fn a_tiny_share_of_traffic_is_echoed_as_typed_and_its_cost_never_reads_as_zero() {
        // 50 minutes at 0.0001% is 3 ms of a 43m 12s budget: 0.0001%, written "under 0.01%".
        let incident = IncidentInputs {
            affected_percent: "0.0001".into(),
            ..example()
        };
        let text = draft_of(&incident, &BudgetInputs::default(), None);
        assert!(text.contains("- **Traffic affected:** 0.0001%\n"), "{text}");
        assert!(
            text.contains("- **Error budget consumed:** under 0.01% of the budget"),
            "{text}"
        );
    }

    #[test]
    fn no_budget_figures_without_a_valid_slo() {
        let budget = BudgetInputs {
            target_percent: "100".into(),
            ..BudgetInputs::default()
        };
        let text = draft_of(&example(), &budget, None);
        assert!(text.contains(
            "- **Error budget:** _not computed: The Budget tab's SLO target is not valid_"
        ));
        let mut broken = example();
        broken.start.local = "yesterday".into();
        let text = draft_of(&broken, &BudgetInputs::default(), None);
        assert!(text.contains("- **Incident:** _no id yet: the start time is not valid_"));
        assert!(text.contains("_not computed: the start, resolution or traffic affected"));
    }

    #[test]
    fn typed_text_reads_as_text_with_no_escape_it_does_not_need() {
        // (typed, escaped where it starts a line or list item, escaped after other text on the
        // line). Parentheses were escaped everywhere: "Burn-rate page \(2% in 1 hour\)".
        let cases: &[(&str, &str, &str)] = &[
            (
                "Burn-rate page (2% in 1 hour)",
                "Burn-rate page (2% in 1 hour)",
                "=",
            ),
            (
                "rolled back (v41) [see log]",
                r"rolled back (v41) \[see log]",
                "=",
            ),
            ("[click](http://x)", r"\[click](http://x)", "="),
            ("![img](x.png)", r"!\[img](x.png)", "="),
            (
                "<script>alert(1)</script>",
                "&lt;script>alert(1)&lt;/script>",
                "=",
            ),
            (
                "<http://x> <!-- c --> <?php",
                "&lt;http://x> &lt;!-- c --> &lt;?php",
                "=",
            ),
            ("a < b > c", "a < b > c", "="),
            ("**bold** _it_ `code`", r"\*\*bold\*\* \_it\_ \`code\`", "="),
            ("2*3*4 and a * b", r"2\*3\*4 and a * b", "="),
            (
                "http_requests_total __x__",
                r"http_requests_total \_\_x\_\_",
                "=",
            ),
            ("_private snake_ a _ b", r"\_private snake\_ a _ b", "="),
            ("~x~ ~~y~~", r"\~x\~ \~\~y\~\~", "="),
            (
                "R&D AT&T &copy; &#169; &#x41;",
                "R&D AT&T &amp;copy; &amp;#169; &amp;#x41;",
                "=",
            ),
            ("a | b", r"a \| b", "="),
            (r"C:\path \* x\", r"C:\path \\\* x\\", "="),
            ("Fix #12 #", "Fix #12 #", "="),
            ("# heading", r"\# heading", "# heading"),
            ("###### six", r"\###### six", "###### six"),
            ("####### seven", "####### seven", "="),
            ("#hashtag", "#hashtag", "="),
            ("- item", r"\- item", "- item"),
            ("-1 degrees", "-1 degrees", "="),
            ("+ item", r"\+ item", "+ item"),
            ("* item", r"\* item", r"\* item"),
            ("> quote", r"\> quote", "> quote"),
            ("===", r"\===", "==="),
            ("---", r"\---", "---"),
            ("- - -", r"\- - -", "- - -"),
            (":-: | --", r"\:-: \| --", r":-: \| --"),
            ("***", r"\*\*\*", r"\*\*\*"),
            ("12. twelfth", r"12\. twelfth", "12. twelfth"),
            ("3) third", r"3\) third", "3) third"),
            ("3)third 4.5", "3)third 4.5", "="),
            ("```rust", r"\`\`\`rust", "="),
            ("~~~", r"\~\~\~", "="),
            ("    code block?", "code block?", "="),
            ("a\u{0}b\u{1b}[31m", r"ab\[31m", "="),
            ("\u{0} - x", r"\- x", "- x"),
        ];
        for (typed, at_start, inside) in cases {
            let inside = if *inside == "=" { at_start } else { inside };
            assert_eq!(
                escape_line(typed, Place::Start),
                *at_start,
                "{typed:?} at the start"
            );
            assert_eq!(
                escape_line(typed, Place::Inside),
                *inside,
                "{typed:?} inside a line"
            );
        }
        // In the title's heading, a closing run of # would be dropped from the title.
        let headings: &[(&str, &str)] = &[
            ("Fix #12 #", r"Fix #12 \#"),
            ("Fix ##", r"Fix \##"),
            ("C#", "C#"),
            ("#12", "#12"),
        ];
        for (typed, escaped) in headings {
            assert_eq!(escape_line(typed, Place::Heading), *escaped, "{typed:?}");
        }
        assert_eq!(
            inline("two\nlines\r\n# no heading", Place::Inside),
            "two lines  # no heading"
        );
        assert_eq!(
            lines("one\n\n- two\n", Place::Inside, "  "),
            "one\\\n  \\- two"
        );
        assert_eq!(
            lines("- one\n2. two", Place::Start, ""),
            "\\- one\\\n2\\. two"
        );

        // Hostile text in every field never adds a heading or list item of its own.
        let hostile =
            "x\n# Root cause\n- [a](b) <img src=x onerror=alert(1)>\n> quote\n1. one\n---\n:-: |";
        let incident = IncidentInputs {
            title: hostile.into(),
            severity: hostile.into(),
            detected_by: hostile.into(),
            commander: hostile.into(),
            responders: hostile.into(),
            timeline: vec![entry("2026-12-04 23:50", hostile, hostile)],
            resolution: hostile.into(),
            ..example()
        };
        let text = draft_of(&incident, &BudgetInputs::default(), Some(hostile));
        let headings = text.lines().filter(|l| l.starts_with('#')).count();
        assert_eq!(headings, 10, "{text}");
        assert!(!text.contains('<'), "{text}");
        let unescaped = |c: char| {
            text.match_indices(c)
                .any(|(at, _)| !text[..at].ends_with('\\'))
        };
        assert!(!unescaped('['), "{text}");
        let items = text.lines().filter(|l| l.starts_with("- ")).count();
        // The summary's, the impact's, the entry's, and the start's and resolution's in the timeline.
        assert_eq!(items, 9 + 4 + 1 + 2, "{text}");
        // Nor a quote, numbered item, rule or table of its own, on any line or continuation.
        for line in text.lines().map(str::trim_start) {
            let digits = line.bytes().take_while(u8::is_ascii_digit).count();
            let numbered = digits > 0 && line[digits..].starts_with(['.', ')']);
            let rule = line.starts_with(['-', ':']) && line.chars().all(|c| "-:| ".contains(c));
            assert!(!line.starts_with('>') && !numbered, "{line}\n{text}");
            assert!(!rule || line == "| --- | --- | --- |", "{line}\n{text}");
        }
    }

    /// `alice, bob,, ,carol` in the responders went into the draft as typed, empty names and
    /// all: the draft lists the names, trimmed, and says none were given when none are.
    #[test]
    fn empty_responder_names_are_left_out_of_the_draft() {
        let cases = [
            ("alice, bob,, ,carol", "alice, bob, carol"),
            (" Grace Hopper ,Alan Turing, ", "Grace Hopper, Alan Turing"),
            (", ,", "_not given_"),
            // Each name is escaped as before: no emphasis, no link.
            ("*alice*, [bob](x)", "\\*alice\\*, \\[bob](x)"),
        ];
        for (typed, listed) in cases {
            let incident = IncidentInputs {
                responders: typed.into(),
                ..example()
            };
            let text = draft_of(&incident, &BudgetInputs::default(), None);
            let line = format!("\n- **Responders:** {listed}\n");
            assert!(text.contains(&line), "{typed:?}: {text}");
        }
    }

    #[test]
    fn an_entry_more_than_a_day_outside_the_incident_is_noted_in_the_timeline() {
        // The page warned of it; the draft listed it as if nothing were wrong.
        let mut incident = example();
        incident.timeline = vec![
            entry("2026-12-03 23:40", "investigating", "Deploy of v42"),
            entry(
                "2026-12-03 23:39:30",
                "investigating",
                "Canary (1%) started",
            ),
            entry("2026-12-06 00:30:30", "resolved", ""),
        ];
        let text = draft_of(&incident, &BudgetInputs::default(), None);
        let expected = "\
**2026-12-03**

- 23:39:30 — Investigating: Canary (1%) started _(1d 0h 0m 30s before the incident's start: check the date)_
- 23:40 — Investigating: Deploy of v42

**2026-12-04**

- 23:40 — **Impact started**

**2026-12-05**

- 00:30 — **Impact ended**

**2026-12-06**

- 00:30:30 — Resolved _(1d 0h 0m 30s after the incident was resolved: check the date)_
";
        assert!(text.contains(expected), "{text}");
    }

    /// The draft's timeline section, from its first day (or note) to the next heading.
    fn timeline_of(text: &str) -> &str {
        let from = text.find("## Timeline\n\n").expect("a timeline") + "## Timeline\n\n".len();
        let to = text[from..].find("## ").expect("a heading after it") + from;
        &text[from..to]
    }

    #[test]
    fn the_timeline_shows_when_impact_started_and_ended_among_the_entries() {
        // The entries were listed with no line of the start or the resolution, so a reader of
        // the timeline could not see when impact began or ended. (start, resolved at, entries,
        // the timeline expected): the start goes before an entry at the same time, the
        // resolution after one; an entry whose time is not valid stays last.
        // (time, status) of each entry, in the order stored.
        type Entries = &'static [(&'static str, &'static str)];
        let cases: &[(&str, &str, Entries, &str)] = &[
            (
                "2026-12-04 23:40",
                "2026-12-05 00:30",
                &[
                    ("2026-12-05 00:30", "resolved"),
                    ("2026-12-04 23:40", "investigating"),
                ],
                "**2026-12-04**\n\n\
                 - 23:40 — **Impact started**\n\
                 - 23:40 — Investigating: e1\n\n\
                 **2026-12-05**\n\n\
                 - 00:30 — Resolved: e0\n\
                 - 00:30 — **Impact ended**\n\n",
            ),
            (
                // Seconds where a time has them, as the entries have theirs; an entry before
                // the start and one after the resolution keep their places in time.
                "2026-12-04 23:40:15",
                "2026-12-04 23:50:45",
                &[
                    ("2026-12-04 23:55", "monitoring"),
                    ("not a time", "monitoring"),
                    ("2026-12-04 23:39", "investigating"),
                ],
                "**2026-12-04**\n\n\
                 - 23:39 — Investigating: e2\n\
                 - 23:40:15 — **Impact started**\n\
                 - 23:50:45 — **Impact ended**\n\
                 - 23:55 — Monitoring: e0\n\n\
                 **Time not valid**\n\n\
                 - not a time — Monitoring: e1\n\n",
            ),
            (
                // Ongoing: no end yet.
                "2026-12-06 12:30",
                "",
                &[("2026-12-06 12:45", "identified")],
                "**2026-12-06**\n\n\
                 - 12:30 — **Impact started**\n\
                 - 12:45 — Identified: e0\n\n",
            ),
            (
                // No entries: the start and the resolution, and the note that none were logged.
                "2026-12-04 23:40",
                "2026-12-05 00:30",
                &[],
                "**2026-12-04**\n\n\
                 - 23:40 — **Impact started**\n\n\
                 **2026-12-05**\n\n\
                 - 00:30 — **Impact ended**\n\n\
                 _No timeline entries._\n\n",
            ),
            (
                // A start and a resolution that are not valid have no line.
                "yesterday",
                "today",
                &[("2026-12-04 23:50", "identified")],
                "**2026-12-04**\n\n\
                 - 23:50 — Identified: e0\n\n",
            ),
            ("yesterday", "", &[], "_No timeline entries._\n\n"),
        ];
        for (start, resolved_at, entries, expected) in cases {
            let incident = IncidentInputs {
                start: time(start),
                resolved_at: time(resolved_at),
                timeline: entries
                    .iter()
                    .enumerate()
                    .map(|(n, (local, status))| entry(local, status, &format!("e{n}")))
                    .collect(),
                ..example()
            };
            let text = draft_of(&incident, &BudgetInputs::default(), None);
            assert_eq!(
                timeline_of(&text),
                *expected,
                "{start} to {resolved_at}:\n{text}"
            );
        }
    }

    #[test]
    fn direction_controls_typed_into_the_log_are_shown_not_obeyed() {
        // "Trojan Source": an override in a title or message would show the rest of its line
        // reversed in a Markdown viewer.
        let incident = IncidentInputs {
            title: "Payments \u{202E}nwod\u{202C} at night".into(),
            commander: "\u{2067}Dana\u{2069}".into(),
            timeline: vec![entry(
                "2026-12-04 23:50",
                "investigating",
                "rolled back\u{200F} \u{061C}v41\u{200E}",
            )],
            resolution: "fixed \u{202D}x\u{202A}y\u{202B}".into(),
            ..example()
        };
        let text = draft_of(&incident, &BudgetInputs::default(), None);
        for c in crate::formats::BIDI_CONTROLS {
            assert!(!text.contains(c), "{c:?} in {text}");
        }
        for shown in [
            "Payments &lt;U+202E>nwod&lt;U+202C> at night",
            "&lt;U+2067>Dana&lt;U+2069>",
            "rolled back&lt;U+200F> &lt;U+061C>v41&lt;U+200E>",
            "fixed &lt;U+202D>x&lt;U+202A>y&lt;U+202B>",
        ] {
            assert!(text.contains(shown), "{shown}:\n{text}");
        }
    }

    #[test]
    fn file_names() {
        assert_eq!(
            file_name(Some("INC-20261204-234000")),
            "INC-20261204-234000-postmortem.md"
        );
        assert_eq!(file_name(None), "incident-postmortem.md");
        assert!(severity_help().starts_with("SEV1: critical customer impact; SEV2"));
    }
}
