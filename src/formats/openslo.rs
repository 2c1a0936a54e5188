//! OpenSLO v1 export of the SLO and its burn-rate alerts, and import of an OpenSLO v1 `SLO` or a
//! Sloth `prometheus/v1` spec into the Alerts tab's target, window, name and queries, and of
//! Headroom's own alert policies into its alert table.
//!
//! Export conventions: the target is written as a fraction (`0.999`), the window and alert
//! windows as OpenSLO duration shorthands (`30d`, `1h`); each alert row becomes an inline
//! `AlertPolicy` with one `burnrate` condition on its long window (rounded up to whole minutes
//! if need be), and its long and short windows, exact, and budget share go in
//! `metadata.annotations` (`headroom/long-window`, `headroom/short-window`,
//! `headroom/budget-share-percent`; OpenSLO v1 has no field for a second window). Import reads
//! those policies back into the alert table, replacing its rows, only when every policy is one
//! (see `alert_row`): another tool's policies leave the table as it is, and are listed. What a
//! policy read as a row holds beyond what the export writes for that row (an edited threshold,
//! lookbackWindow or alertAfter, a notification target) is listed too, as the table works it out.
//! Queries keep the `{{.window}}` placeholder, as Sloth's OpenSLO reader expects. The budgeting
//! method is always `Occurrences` (the ratio of bad events, which the alerts are computed on):
//! when the Budget tab's SLI counts bad minutes or timeslices, a comment and the description say
//! that it is not carried over, as OpenSLO's `Timeslices` needs a `timeSliceTarget` (the share
//! of good events that makes a slice good) that Headroom has no figure for.
//!
//! Names: `metadata.name` is an RFC 1123 label (see `dns_name`: lower case, other characters as
//! `-`, at most 63 characters), the SLO's name as typed is its `displayName`, which import gives
//! back when `metadata.name` is written from it. The SLO's `displayName`, `description` and
//! `service` are listed as not imported only when they differ from what the export writes for
//! the SLO imported, as its alert policies are.
//!
//! Import reads the window's duration as the Alerts tab reads a duration (`1y` as 365 days,
//! `2w2d`), a superset of OpenSLO's one-unit shorthand, rounded to the nearest millionth of a
//! day (the window field's unit), which is listed; OpenSLO's calendar units `M`, `Q` and `Y` are
//! named and not read. Export writes the one-unit shorthand, exact (`365d`, `36h`, `90m`): its
//! finest unit is the minute (no `s` or `ms`, which OpenSLO's own validation refuses), so a
//! window that is not a whole number of minutes (not a multiple of 0.00625 days) is not written,
//! and [`WindowNotWritable`] says why, with the nearest windows that are.
//!
//! Import is of untrusted text: size and nesting are bounded (see `yaml_tree`), nothing panics,
//! and whatever the Alerts tab cannot hold (others' alert policies, labels, calendar windows, other
//! objectives, non-Prometheus sources, ...) is listed by its path, never dropped silently.

use std::fmt::Write as _;

use super::prometheus_rules::{self, quote, write_block, RulesSpec};
use super::yaml_tree::{self, Node};
use super::{encoding, lower_first, show_bidi_controls};
use crate::calc::alerts::{
    self, default_short, format_number, format_percent, parse_row, terminating_places,
    AlertFigures, Slo, MAX_ROWS,
};
use crate::calc::burn::SliKind;
use crate::calc::decimal::{self, days_phrase};
use crate::calc::duration::{format_duration, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE};
use crate::calc::prom_duration::PromDuration;
use crate::calc::slo::{SloTarget, WindowDays, TARGET_PLACES};
use crate::inputs::{with_ids, AlertRowInputs, AlertsInputs, RowId};

/// An OpenSLO duration shorthand for `ms` (`90m`, `6h`, `3d`, `28d`: days, not weeks, as SLO
/// windows are written), if it is whole minutes.
pub fn duration_shorthand(ms: u64) -> Option<String> {
    let units = [(MS_PER_DAY, "d"), (MS_PER_HOUR, "h"), (MS_PER_MINUTE, "m")];
    units
        .into_iter()
        .find(|(length, _)| ms > 0 && ms.is_multiple_of(*length))
        .map(|(length, unit)| format!("{}{unit}", ms / length))
}

/// A window of whole minutes, OpenSLO's finest unit, is a whole number of these millionths of a
/// day: 9 minutes are 0.00625 days, and a millionth of a day is 86.4 s ÷ 1,000, so no shorter
/// window of whole minutes is a whole number of millionths.
const MICRO_DAYS_PER_NINE_MINUTES: u64 = 6_250;

/// Why the OpenSLO document is not written for an SLO: its window is not a whole number of
/// minutes, so OpenSLO's shorthand (whole minutes at the finest, no seconds) cannot hold it, and
/// any duration written would be another window than the one the page works with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WindowNotWritable {
    window: WindowDays,
}

impl std::fmt::Display for WindowNotWritable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let micro_days = self.window.micro_days();
        let below = micro_days - micro_days % MICRO_DAYS_PER_NINE_MINUTES;
        let nearest: Vec<String> = [below, below + MICRO_DAYS_PER_NINE_MINUTES]
            .into_iter()
            .filter_map(|micro_days| WindowDays::from_micro_days(micro_days).ok())
            .map(|window| decimal::grouped(&window.days_text()))
            .collect();
        let nearest = match nearest.as_slice() {
            [one] => format!("the nearest is {one} days"),
            [below, above] => format!("the nearest are {below} and {above} days"),
            _ => "none is near".to_string(),
        };
        write!(
            f,
            "The OpenSLO document is not written: OpenSLO writes a window in whole minutes at the \
             finest (its durations have no seconds), and {} is not a whole number of minutes, so \
             the file would hold another window. A window of whole minutes is a multiple of \
             0.00625 days (9 minutes): {nearest}.",
            days_phrase(&self.window.days_text())
        )
    }
}

/// The window as an OpenSLO duration shorthand, exact (`30d`, `180h`, `90m`: the largest of
/// days, hours and minutes that divides it), or why it has none.
pub fn window_shorthand(window: WindowDays) -> Result<String, WindowNotWritable> {
    if !window
        .micro_days()
        .is_multiple_of(MICRO_DAYS_PER_NINE_MINUTES)
    {
        return Err(WindowNotWritable { window });
    }
    // Whole minutes, so whole milliseconds: `length_ms` did not round.
    duration_shorthand(window.length_ms()).ok_or(WindowNotWritable { window })
}

/// The longest `metadata.name` OpenSLO takes: an RFC 1123 label, as Kubernetes names are.
const MAX_LABEL_CHARS: usize = 63;
/// The `metadata.name` of an SLO whose name leaves nothing of a label.
const FALLBACK_NAME: &str = "slo";

/// `name` as OpenSLO takes it in `metadata.name`, an RFC 1123 label: letters A to Z lowered,
/// every run of other characters (a space, `_`, `.`, a letter such as `ü`) one `-`, none at
/// either end, at most 63 characters; `slo` when nothing is left. The name as typed goes in
/// `displayName`.
fn dns_name(name: &str) -> String {
    let mut label = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' => label.push(c.to_ascii_lowercase()),
            _ if label.is_empty() || label.ends_with('-') => {}
            _ => label.push('-'),
        }
    }
    // ASCII only, so any length is a character boundary.
    label.truncate(MAX_LABEL_CHARS);
    match label.trim_end_matches('-') {
        "" => FALLBACK_NAME.to_string(),
        label => label.to_string(),
    }
}

/// The `metadata.name` of an object of the SLO `name`, `{name}-{suffix}` as a label
/// ([`dns_name`]), `name` cut short where the whole would be longer than 63 characters.
fn dns_name_with(name: &str, suffix: &str) -> String {
    let suffix = dns_name(suffix);
    let name = dns_name(name);
    let room = MAX_LABEL_CHARS.saturating_sub(suffix.len() + 1);
    match name[..name.len().min(room)].trim_end_matches('-') {
        "" => suffix,
        name => format!("{name}-{suffix}"),
    }
}

/// What the SLO's `spec.description` says: its target and window, and, when the Budget tab's
/// SLI counts bad minutes or timeslices (`counted`), that this is not carried over.
fn description(slo: Slo, counted: Option<&str>) -> String {
    let target = slo.target.percent_text();
    let mut text = format!(
        "{target}% of requests succeed over a rolling {}",
        days_phrase(&slo.window.days_text())
    );
    if let Some(counted) = counted {
        let _ = write!(
            text,
            " (the burn-rate alerts' reading of a {target}% SLO of good {counted}, which is not \
             carried over)"
        );
    }
    text
}

/// Whether `found` is the `spec.description` the export writes for `slo`, whatever the Budget
/// tab's SLI counts (timeslices of any length, as [`format_duration`] writes it).
fn is_exported_description(found: &str, slo: Slo) -> bool {
    if [None, Some("minutes")]
        .into_iter()
        .any(|counted| found == description(slo, counted))
    {
        return true;
    }
    let template = description(slo, Some("timeslices of \u{1}"));
    let Some((before, after)) = template.split_once('\u{1}') else {
        return false;
    };
    let slice = found
        .strip_prefix(before)
        .and_then(|rest| rest.strip_suffix(after));
    slice.is_some_and(|slice| {
        written_duration_ms(slice).is_some_and(|ms| format_duration(ms) == slice)
    })
}

/// The length of a duration as [`format_duration`] writes it (`5m 0s`, `1d 1h 1m 1s`), if the
/// text is one.
fn written_duration_ms(text: &str) -> Option<u64> {
    let mut ms = 0u64;
    for part in text.split(' ') {
        let unit = match part.chars().last()? {
            'd' => MS_PER_DAY,
            'h' => MS_PER_HOUR,
            'm' => MS_PER_MINUTE,
            's' => 1_000,
            _ => return None,
        };
        let tenths = decimal::parse_scaled(&part[..part.len() - 1], 1).ok()?;
        ms = ms.checked_add(tenths.checked_mul(unit)? / 10)?;
    }
    Some(ms)
}

/// The OpenSLO v1 document: one `SLO` with its indicator and inline alert policies; `Err` when
/// the SLO's window has no exact OpenSLO duration ([`window_shorthand`]).
pub fn export(spec: &RulesSpec, sli: SliKind) -> Result<String, WindowNotWritable> {
    let window = window_shorthand(spec.slo.window)?;
    let name = dns_name(spec.slo_name);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# OpenSLO v1 document for the SLO {}, written by Headroom.",
        spec.slo_name
    );
    out.push_str(
        "# Each burn-rate alert is an AlertPolicy on its long window (alertAfter 0m: it fires as\n\
         # soon as the burn rate is above the threshold); its windows, exactly as Headroom\n\
         # writes them, and its budget share are in metadata.annotations (OpenSLO v1 has no field\n\
         # for a second window), which Headroom's import reads back into its alert table.\n\
         # Queries keep the {{.window}} placeholder (Sloth's convention) for the window.\n",
    );
    // OpenSLO's Timeslices method needs a timeSliceTarget, the share of good events that makes
    // a slice good; the Budget tab's SLI of bad minutes or timeslices has no such figure (a
    // slice is counted bad by hand), so the document stays Occurrences and says so.
    let counted = match sli {
        SliKind::Requests => None,
        SliKind::BadMinutes => Some("minutes".to_string()),
        SliKind::Timeslices { slice_ms } => {
            Some(format!("timeslices of {}", format_duration(slice_ms)))
        }
    };
    if let Some(counted) = &counted {
        let _ = writeln!(
            out,
            "# The Budget tab's SLI counts bad {counted}; that is not carried over:\n\
             # OpenSLO's Timeslices method needs a timeSliceTarget (the share of good events that\n\
             # makes a slice good), which Headroom has no figure for. The objective below is the\n\
             # ratio of bad events to all events, which the burn-rate alerts are computed on."
        );
    }
    out.push_str("apiVersion: openslo/v1\nkind: SLO\nmetadata:\n");
    let _ = writeln!(out, "  name: {name}");
    let _ = writeln!(out, "  displayName: {}", quote(spec.slo_name));
    out.push_str("spec:\n");
    let _ = writeln!(
        out,
        "  description: {}",
        quote(&description(spec.slo, counted.as_deref()))
    );
    let _ = writeln!(out, "  service: {name}");
    out.push_str("  budgetingMethod: Occurrences\n  timeWindow:\n");
    let _ = writeln!(out, "    - duration: {window}\n      isRolling: true");
    out.push_str("  objectives:\n");
    let _ = writeln!(
        out,
        "    - displayName: {}\n      target: {}",
        quote(&format!("{}% good", spec.slo.target.percent_text())),
        decimal::format_scaled(spec.slo.target.parts(), TARGET_PLACES + 2)
    );
    out.push_str("  indicator:\n    metadata:\n");
    let _ = writeln!(out, "      name: {}", dns_name_with(&name, "error-ratio"));
    out.push_str("    spec:\n      ratioMetric:\n        counter: true\n");
    for (key, query) in [("bad", spec.bad_query), ("total", spec.total_query)] {
        let _ = writeln!(
            out,
            "        {key}:\n          metricSource:\n            type: Prometheus\n            spec:"
        );
        write_block(&mut out, "query", query, 14);
    }
    if spec.alerts.is_empty() {
        return Ok(out);
    }
    out.push_str("  alertPolicies:\n");
    for alert in spec.alerts {
        write_alert_policy(&mut out, &name, spec.slo_name, alert);
    }
    Ok(out)
}

/// One alert row as an inline `AlertPolicy` of the SLO `slo_name` (`name`, as in
/// `metadata.name`), indented as an item of `spec.alertPolicies`.
fn write_alert_policy(out: &mut String, name: &str, slo_name: &str, alert: &AlertFigures) {
    let row = alert.row;
    let windows = format!("{}-{}-{}", row.severity.slug(), row.long, row.short);
    let policy = dns_name_with(name, &windows);
    out.push_str("    - kind: AlertPolicy\n      metadata:\n");
    let _ = writeln!(out, "        name: {policy}");
    out.push_str("        annotations:\n");
    let _ = writeln!(
        out,
        "          headroom/long-window: {}",
        quote(&row.long.to_string())
    );
    let _ = writeln!(
        out,
        "          headroom/short-window: {}",
        quote(&row.short.to_string())
    );
    let _ = writeln!(
        out,
        "          headroom/budget-share-percent: {}",
        quote(&format_percent(row.budget_share).replace('≈', ""))
    );
    out.push_str("      spec:\n");
    let _ = writeln!(
        out,
        "        description: {}",
        quote(&format!(
            "{} when {}% of the budget is spent: burn rate above {}× over {} and {}",
            if row.severity.slug() == "page" {
                "Page"
            } else {
                "Open a ticket"
            },
            format_percent(row.budget_share),
            format_number(alert.burn_rate_threshold),
            row.long,
            row.short
        ))
    );
    out.push_str(
        "        alertWhenBreaching: true\n        alertWhenResolved: false\n        \
         alertWhenNoData: false\n        conditions:\n          - kind: AlertCondition\n            \
         metadata:\n",
    );
    let _ = writeln!(
        out,
        "              name: {}",
        dns_name_with(name, &format!("{windows}-condition"))
    );
    out.push_str("            spec:\n");
    let _ = writeln!(out, "              severity: {}", row.severity.slug());
    out.push_str("              condition:\n                kind: burnrate\n");
    let threshold = alert.burn_rate_threshold;
    match terminating_places(threshold) {
        Some(places) => {
            let _ = writeln!(
                out,
                "                threshold: {}",
                crate::calc::ratio::trim_decimal_zeros(threshold.format_fixed(places.min(18)))
            );
        }
        None => {
            let _ = writeln!(
                out,
                "                # {} / {} exactly; OpenSLO takes a plain number.\n                \
                 threshold: {}",
                threshold.numerator(),
                threshold.denominator(),
                crate::calc::ratio::trim_decimal_zeros(threshold.format_fixed(10))
            );
        }
    }
    match duration_shorthand(row.long.ms()) {
        Some(d) => {
            let _ = writeln!(out, "                lookbackWindow: {d}");
        }
        None => {
            let _ = writeln!(
                out,
                "                # {} is not whole minutes; rounded up to whole minutes.\n                \
                 lookbackWindow: {}m",
                row.long,
                row.long.ms().div_ceil(MS_PER_MINUTE)
            );
        }
    }
    out.push_str("                alertAfter: 0m\n");
    // OpenSLO requires a notification target; the severity names it, and routing it is
    // left to whoever reads the file (as Alertmanager routes on the severity label).
    let _ = writeln!(
        out,
        "        notificationTargets:\n          - kind: AlertNotificationTarget\n            \
         metadata:\n              name: {}\n            spec:\n              \
         target: {severity}\n              description: {}",
        dns_name_with(name, row.severity.slug()),
        quote(&format!(
            "Where {} alerts of {} go",
            row.severity.slug(),
            slo_name
        )),
        severity = row.severity.slug()
    );
}

/// Where an import came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    OpenSlo,
    Sloth,
}

impl Source {
    pub fn title(self) -> &'static str {
        match self {
            Source::OpenSlo => "OpenSLO v1",
            Source::Sloth => "Sloth prometheus/v1",
        }
    }
}

/// What an import found. `None` fields were not in the file (or could not be used); every
/// such case, and everything else not taken, is in `not_imported`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub source: Source,
    pub slo_name: Option<String>,
    pub target_percent: Option<String>,
    pub window_days: Option<String>,
    pub bad_query: Option<String>,
    pub total_query: Option<String>,
    /// The alert table, from the alert policies of Headroom's own export; it replaces the
    /// table's rows.
    pub alert_rows: Option<Vec<AlertRowInputs>>,
    /// Each thing in the file the Alerts tab cannot hold: `path: reason`.
    pub not_imported: Vec<String>,
}

impl Imported {
    fn new(source: Source) -> Imported {
        Imported {
            source,
            slo_name: None,
            target_percent: None,
            window_days: None,
            bad_query: None,
            total_query: None,
            alert_rows: None,
            not_imported: Vec::new(),
        }
    }

    /// What the page says after the import of `file` into a tab whose inputs were `before`:
    /// "Imported from checkout.yaml (OpenSLO v1): target, window, name, alert table (4 alerts)."
    /// and what SLO the tab then uses, as [`Imported::apply`] sets it: its own once a target or
    /// window is taken (the other one, not taken, is what its own field already held), else
    /// whatever it used before (a target or window refused is not taken, as one absent).
    pub fn message(&self, file: &str, before: &AlertsInputs) -> String {
        let rows = self.alert_rows.as_ref().map(|rows| match rows.len() {
            1 => "alert table (1 alert)".to_string(),
            n => format!("alert table ({n} alerts)"),
        });
        let found: Vec<&str> = [
            ("target", self.target_percent.is_some()),
            ("window", self.window_days.is_some()),
            ("name", self.slo_name.is_some()),
            ("bad-events query", self.bad_query.is_some()),
            ("total query", self.total_query.is_some()),
        ]
        .into_iter()
        .filter_map(|(what, found)| found.then_some(what))
        .chain(rows.as_deref())
        .collect();
        let found = if found.is_empty() {
            "nothing the tab can hold".to_string()
        } else {
            found.join(", ")
        };
        let own = "This tab now uses its own SLO, with";
        let unchanged = "the Budget tab is unchanged.";
        // The value the tab now uses from its own field, said: it may not be what the tab showed
        // while it followed the Budget tab.
        let kept = |value: String| {
            format!("already in its own field, {value} (none was taken from the file)")
        };
        let own_value = |text: &str, said: fn(&str) -> String| match text.trim() {
            "" => "which is empty".to_string(),
            text => said(text),
        };
        // A Sloth spec has no window: the one set is Sloth's default, listed as such.
        let window = self.window_days.as_ref().map(|days| match self.source {
            Source::OpenSlo => "the file's window".to_string(),
            Source::Sloth => format!("Sloth's default window of {days} days"),
        });
        let slo = match (self.target_percent.is_some(), window) {
            (true, Some(_)) if self.source == Source::OpenSlo => {
                format!("{own} the file's target and window; {unchanged}")
            }
            (true, Some(window)) => format!("{own} the file's target and {window}; {unchanged}"),
            (true, None) => {
                let kept = kept(own_value(&before.window_days, days_phrase));
                format!("{own} the file's target and the window {kept}; {unchanged}")
            }
            (false, Some(window)) => {
                let kept = kept(own_value(&before.target_percent, |t| format!("{t}%")));
                format!("{own} {window} and the target {kept}; {unchanged}")
            }
            (false, None) if before.use_budget_slo => "No target or window was taken from the \
                file, so this tab still follows the Budget tab's SLO."
                .to_string(),
            (false, None) => "No target or window was taken from the file, so this tab keeps \
                its own SLO as it was."
                .to_string(),
        };
        format!(
            "Imported from {file} ({}): {found}. {slo}",
            self.source.title()
        )
    }

    fn skip(&mut self, path: &str, reason: &str) {
        // Text from the file is quoted in the reasons: a control of direction in it is shown,
        // so it cannot reverse the line on the page.
        let line = format!("{path}: {reason}");
        self.not_imported
            .push(show_bidi_controls(&line).into_owned());
    }

    /// Lists the keys of `node` at `path` that are not in `known`.
    fn skip_unknown(&mut self, node: &Node, path: &str, known: &[&str]) {
        for (key, _) in node.entries() {
            if !known.contains(&key.as_str()) {
                self.skip(
                    &join(path, key),
                    "not imported (the Alerts tab has no place for it)",
                );
            }
        }
    }

    /// Writes what was found into the Alerts tab's inputs: its own target and window (no longer
    /// linked to the Budget tab when either is found), the name, the queries and the alert
    /// table (its rows replaced).
    pub fn apply(&self, inputs: &mut AlertsInputs) {
        if let Some(rows) = &self.alert_rows {
            inputs.rows = rows.clone();
        }
        if self.target_percent.is_some() || self.window_days.is_some() {
            inputs.use_budget_slo = false;
        }
        let fields = [
            (&self.target_percent, &mut inputs.target_percent),
            (&self.window_days, &mut inputs.window_days),
            (&self.slo_name, &mut inputs.slo_name),
            (&self.bad_query, &mut inputs.bad_query),
            (&self.total_query, &mut inputs.total_query),
        ];
        for (found, field) in fields {
            if let Some(value) = found {
                *field = value.clone();
            }
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// [`import`] of a picked file's bytes ([`encoding::text_of`]: UTF-8, or UTF-16 with a byte
/// order mark; other wide text is named, a binary file is not text).
pub fn import_file(bytes: &[u8]) -> Result<Imported, String> {
    import(&encoding::text_of(bytes, "OpenSLO or Sloth YAML")?)
}

/// Reads an OpenSLO v1 `SLO` (the first one, if the file holds several documents) or a Sloth
/// `prometheus/v1` spec (its first SLO). `Err` holds the reasons nothing could be imported.
pub fn import(text: &str) -> Result<Imported, String> {
    // YAML allows no control characters but tabs and line breaks: a NUL makes the file binary,
    // another one is named where it is. Bytes that are not UTF-8 arrive as U+FFFD, which a
    // text file may hold too, so they alone do not make a file binary.
    encoding::check_text(text, false, "OpenSLO or Sloth YAML")?;
    let documents = yaml_tree::parse(text)?;
    if documents.is_empty() {
        return Err("The file is empty".to_string());
    }
    let position = documents.iter().position(|d| {
        (d.text_at("apiVersion") == Some("openslo/v1") && d.text_at("kind") == Some("SLO"))
            || d.text_at("version") == Some("prometheus/v1")
    });
    let Some(index) = position else {
        let first = &documents[0];
        return Err(match (first.text_at("apiVersion"), first.text_at("kind")) {
            (Some(v), _) if v.starts_with("openslo/") && v != "openslo/v1" => format!(
                "apiVersion {v} is not supported: Headroom reads OpenSLO v1 (apiVersion: openslo/v1)"
            ),
            (Some("openslo/v1"), Some(kind)) => format!(
                "This OpenSLO file holds a {kind}, not an SLO: import the file with the SLO"
            ),
            _ => match first.text_at("version") {
                Some(v) => format!(
                    "Sloth version {v} is not supported: Headroom reads prometheus/v1 specs"
                ),
                None => "Neither an OpenSLO v1 SLO (apiVersion: openslo/v1, kind: SLO) nor a \
                         Sloth spec (version: prometheus/v1)"
                    .to_string(),
            },
        });
    };
    let document = &documents[index];
    let mut imported = if document.text_at("version").is_some() {
        import_sloth(document)
    } else {
        import_openslo(document)
    };
    for (i, other) in documents.iter().enumerate() {
        if i != index {
            let what = other.text_at("kind").unwrap_or("another document");
            imported.skip(
                &format!("document {}", i + 1),
                &format!("{what} not imported (only the first SLO is read)"),
            );
        }
    }
    let found_anything = imported.slo_name.is_some()
        || imported.target_percent.is_some()
        || imported.window_days.is_some()
        || imported.bad_query.is_some()
        || imported.total_query.is_some()
        || imported.alert_rows.is_some();
    if !found_anything {
        let mut reasons = format!(
            "Nothing in this {} file could be imported",
            imported.source.title()
        );
        for line in &imported.not_imported {
            reasons.push_str("; ");
            reasons.push_str(line);
        }
        return Err(reasons);
    }
    Ok(imported)
}

/// A target given as a fraction (`0.999`) as percent text (`99.9`), if valid.
fn target_from_fraction(text: &str) -> Result<String, String> {
    let parts = decimal::parse_scaled(text, TARGET_PLACES + 2)
        .map_err(|e| format!("{text} is not a target fraction ({e})"))?;
    SloTarget::from_parts(parts)
        .map(SloTarget::percent_text)
        .map_err(|e| {
            // `target` is a fraction of 1; a percentage belongs in `targetPercent`.
            if SloTarget::parse(text).is_ok() {
                format!(
                    "{text} is above 1: `target` is a fraction (0.999 for 99.9%); a percentage \
                     goes in `targetPercent`"
                )
            } else {
                format!("{text}: {e}")
            }
        })
}

fn target_from_percent(text: &str) -> Result<String, String> {
    SloTarget::parse(text)
        .map(SloTarget::percent_text)
        .map_err(|e| format!("{text}: {e}"))
}

/// A percentage field `key` (Sloth's `objective`, OpenSLO's `targetPercent`; `owner` says whose) as
/// percent text. A plain number above 0 and at most 1 is refused: as a percentage it would be an
/// SLO of 1% or less, which no one sets, so it is almost surely a fraction (0.999 for 99.9%),
/// and importing it would give a budget of over 99% with no hint. Written with `%` (`0.5%`) it
/// is taken as given.
fn target_from_percent_field(text: &str, key: &str, owner: &str) -> Result<String, String> {
    let one = 10u64.pow(TARGET_PLACES + 2);
    let at_most_one =
        decimal::parse_scaled(text, TARGET_PLACES + 2).is_ok_and(|parts| parts > 0 && parts <= one);
    if !at_most_one {
        return target_from_percent(text);
    }
    let text = text.trim();
    Err(match target_from_fraction(text) {
        Ok(percent) => format!(
            "{text} is at most 1, but {owner}`{key}` is a percentage ({text} would be a \
             {text}% SLO): for {percent}% write `{key}: {percent}`"
        ),
        Err(_) => format!(
            "{text} is at most 1, but {owner}`{key}` is a percentage ({text} would be a \
             {text}% SLO): write the percentage, such as 99.9 for 99.9%"
        ),
    })
}

/// A window read from a duration: its days as text (the Budget and Alerts tabs' window field),
/// and, when the duration was rounded to the nearest millionth of a day to give them, the
/// sentence that says so.
#[derive(Debug, Clone, PartialEq, Eq)]
struct WindowRead {
    days: String,
    rounded: Option<String>,
}

/// A window's duration as days, if it has a fixed length: rounded half up to the nearest
/// millionth of a day (86.4 ms), the unit of the window field, which [`WindowRead`] says.
///
/// Read as the Alerts tab reads a duration ([`PromDuration`]: `30d`, `4w`, `720h`, and also
/// `1y`, a year of 365 days, and several units largest first, `2w2d`), so a file written by
/// hand with the windows typed there imports. OpenSLO's own shorthand is one number and one
/// unit of `m`, `h`, `d`, `w`, `M`, `Q` or `Y`: its calendar units (upper case: a month, a
/// quarter, a year) have no fixed length and are named, not read. Export writes the one-unit
/// form OpenSLO requires ([`window_shorthand`]: days, as `365d` for a year).
fn window_from_duration(text: &str) -> Result<WindowRead, String> {
    let text = text.trim();
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && matches!(&text[digits..], "M" | "Q" | "Y") {
        return Err(format!(
            "{text} is a calendar period with no fixed length, so the window is not imported: \
             set it in days by hand"
        ));
    }
    let duration = PromDuration::parse(text).map_err(|e| format!("{text}: {e}"))?;
    // A millionth of a day is 86,400,000 ms ÷ 1,000,000 = 864 ÷ 10 ms.
    let tenths_of_ms = u128::from(duration.ms()) * 10;
    let micro_days = (tenths_of_ms * 2 + 864) / (864 * 2);
    let window = u64::try_from(micro_days)
        .ok()
        .and_then(|micro_days| WindowDays::from_micro_days(micro_days).ok())
        .ok_or_else(|| {
            format!(
                "{text} is shorter than half a millionth of a day (the Alerts tab's shortest \
                 window is 0.000001 days, 86.4ms), so the window is not imported"
            )
        })?;
    let days = window.days_text();
    let rounded = (!tenths_of_ms.is_multiple_of(864)).then(|| {
        format!(
            "{text} is not a whole number of millionths of a day, the Alerts tab's unit for a \
             window: imported as the nearest, {days} days"
        )
    });
    Ok(WindowRead { days, rounded })
}

fn take_name(imported: &mut Imported, path: &str, name: Option<&str>) {
    if let Some(name) = name {
        match prometheus_rules::check_slo_name(name) {
            Ok(name) => imported.slo_name = Some(name),
            Err(e) => imported.skip(path, &format!("the name \"{name}\" cannot be used: {e}")),
        }
    }
}

/// The SLO's name from OpenSLO `metadata`: its `displayName`, the name as typed, when the
/// Alerts tab takes it and `metadata.name` is that name as the export writes it (so Headroom's
/// own export of `API_Availability` gives it back, not `api-availability`); else
/// `metadata.name`, and the `displayName` is listed unless it is the name read.
fn take_openslo_name(imported: &mut Imported, metadata: &Node) {
    let name = metadata.text_at("name");
    let Some(display) = metadata.text_at("displayName") else {
        take_name(imported, "metadata.name", name);
        return;
    };
    let written_for = |name: &str| !name.trim().is_empty() && dns_name(name) == dns_name(display);
    let checked = prometheus_rules::check_slo_name(display);
    if let (Ok(display), Some(true)) = (&checked, name.map(written_for)) {
        imported.slo_name = Some(display.clone());
        return;
    }
    take_name(imported, "metadata.name", name);
    if imported.slo_name.as_deref() == Some(display.trim()) {
        return;
    }
    let reason = match (checked, name) {
        (_, None) => "the name is read from metadata.name, which is missing".to_string(),
        (Err(e), Some(_)) => format!(
            "it is not a name the Alerts tab takes ({}), so the name is read from metadata.name",
            lower_first(&e)
        ),
        (Ok(_), Some(name)) => {
            format!("it does not match metadata.name (\"{name}\"), which the name is read from")
        }
    };
    imported.skip(
        "metadata.displayName",
        &format!("\"{display}\" is not imported: {reason}"),
    );
}

/// Lists the SLO's `description` and `service` unless each is what the export writes for the
/// SLO imported (its target, window and name): a file that changes one of them loses that
/// change in the tab, which writes its own.
fn list_if_not_exported(imported: &mut Imported, spec: &Node) {
    const ELSEWHERE: &str = "not imported (the Alerts tab has no place for it)";
    let target = imported.target_percent.as_deref().map(SloTarget::parse);
    let window = imported.window_days.as_deref().map(WindowDays::parse);
    let slo = match (target, window) {
        (Some(Ok(target)), Some(Ok(window))) => Some(Slo { target, window }),
        _ => None,
    };
    let description = spec.get("description");
    let exported = match (description.and_then(Node::text), slo) {
        (Some(found), Some(slo)) => is_exported_description(found.trim(), slo),
        _ => false,
    };
    if description.is_some() && !exported {
        imported.skip("spec.description", ELSEWHERE);
    }
    let service = spec.get("service");
    let name = imported.slo_name.as_deref().map(dns_name);
    let exported = matches!(
        (service.and_then(Node::text), name),
        (Some(found), Some(name)) if found.trim() == name
    );
    if service.is_some() && !exported {
        imported.skip("spec.service", ELSEWHERE);
    }
}

fn take_query(imported: &mut Imported, path: &str, query: Option<&str>) -> Option<String> {
    let query = query?;
    if let Err(problem) = prometheus_rules::check_query(query) {
        imported.skip(
            path,
            &format!(
                "imported, but fix it before exporting rules: {}",
                lower_first(&problem)
            ),
        );
    }
    Some(query.trim().to_string())
}

fn import_openslo(slo: &Node) -> Imported {
    let mut imported = Imported::new(Source::OpenSlo);
    imported.skip_unknown(slo, "", &["apiVersion", "kind", "metadata", "spec"]);
    if let Some(metadata) = slo.get("metadata") {
        take_openslo_name(&mut imported, metadata);
        imported.skip_unknown(metadata, "metadata", &["name", "displayName"]);
    }
    let Some(spec) = slo.get("spec") else {
        imported.skip("spec", "missing: the SLO has no spec");
        return imported;
    };
    imported.skip_unknown(
        spec,
        "spec",
        &[
            "description",
            "service",
            "indicator",
            "budgetingMethod",
            "timeWindow",
            "objectives",
            "alertPolicies",
        ],
    );
    match spec.text_at("budgetingMethod") {
        None | Some("Occurrences") => {}
        Some(other) => imported.skip(
            "spec.budgetingMethod",
            &format!(
                "{other} is not imported: Headroom's burn-rate alerts count occurrences (events)"
            ),
        ),
    }

    let windows = spec.get("timeWindow").map(Node::items).unwrap_or_default();
    match spec.get("timeWindow") {
        Some(Node::Seq(items)) if items.is_empty() => imported.skip(
            "spec.timeWindow",
            "empty: the SLO gives no window, so the Alerts tab's window keeps its value",
        ),
        Some(node @ (Node::Scalar(_) | Node::Map(_))) => imported.skip(
            "spec.timeWindow",
            &format!(
                "not imported: {}, where a list of windows belongs, so the Alerts tab's window \
                 keeps its value",
                node.kind()
            ),
        ),
        _ => {}
    }
    if let Some(window @ (Node::Scalar(_) | Node::Seq(_))) = windows.first() {
        imported.skip(
            "spec.timeWindow[0]",
            &format!(
                "not imported: {}, where a window (a mapping with a duration) belongs, so the \
                 Alerts tab's window keeps its value",
                window.kind()
            ),
        );
    } else if let Some(window) = windows.first() {
        match window.text_at("duration").map(window_from_duration) {
            Some(Ok(read)) => {
                if let Some(rounded) = &read.rounded {
                    imported.skip("spec.timeWindow[0].duration", rounded);
                }
                imported.window_days = Some(read.days);
            }
            Some(Err(e)) => imported.skip("spec.timeWindow[0].duration", &e),
            None => imported.skip(
                "spec.timeWindow[0].duration",
                &not_text(window.get("duration"), "a duration"),
            ),
        }
        let is_rolling = match window.get("isRolling") {
            None => true,
            Some(node) => node.boolean().unwrap_or_else(|| {
                let value = match node.text() {
                    Some(text) => format!("\"{text}\""),
                    None => node.kind().to_string(),
                };
                imported.skip(
                    "spec.timeWindow[0].isRolling",
                    &format!("{value} is not true or false: the window is read as a rolling one"),
                );
                true
            }),
        };
        // A calendar-aligned window is said to be read as a rolling one only when its duration
        // was read: when it was not, the tab's window field keeps its value.
        if !is_rolling || window.get("calendar").is_some() {
            imported.skip(
                "spec.timeWindow[0]",
                if imported.window_days.is_some() {
                    "a calendar-aligned window is read as a rolling window of the same length"
                } else {
                    "a calendar-aligned window: not imported, like its duration (the Alerts \
                     tab's window is a rolling one, and keeps its value)"
                },
            );
        }
        imported.skip_unknown(window, "spec.timeWindow[0]", &["duration", "isRolling"]);
    }
    for i in 1..windows.len() {
        imported.skip(
            &format!("spec.timeWindow[{i}]"),
            "only the first window is read",
        );
    }

    let objectives = spec.get("objectives").map(Node::items).unwrap_or_default();
    match objectives.first() {
        None => imported.skip("spec.objectives", "missing: no target to import"),
        Some(objective) => {
            let path = "spec.objectives[0]";
            let fraction = objective.text_at("target");
            let percent = objective.text_at("targetPercent");
            // A list or mapping where a number belongs is listed, never passed over.
            for key in ["target", "targetPercent"] {
                if let Some(value) = objective.get(key).filter(|v| v.text().is_none()) {
                    imported.skip(&format!("{path}.{key}"), &not_text(Some(value), "a number"));
                }
            }
            // `target` is read when both are there and it is valid, and `targetPercent` is then
            // listed; a `target` that cannot be read gives way to a valid `targetPercent`.
            let from_fraction = fraction.map(target_from_fraction);
            let from_percent = percent.map(|p| target_from_percent_field(p, "targetPercent", ""));
            if let Some(Err(e)) = &from_fraction {
                imported.skip(&format!("{path}.target"), e);
            }
            match (&from_fraction, &from_percent) {
                (Some(Ok(t)), _) | (_, Some(Ok(t))) => imported.target_percent = Some(t.clone()),
                (_, Some(Err(e))) => imported.skip(&format!("{path}.targetPercent"), e),
                (Some(Err(_)), None) => {}
                // A list or mapping in either is listed above.
                (None, None)
                    if objective.get("target").is_some()
                        || objective.get("targetPercent").is_some() => {}
                (None, None) => imported.skip(path, "no target or targetPercent"),
            }
            if let (Some(Ok(t)), Some(p)) = (&from_fraction, percent) {
                let reason = match &from_percent {
                    Some(Ok(same)) if same == t => {
                        format!("{p} is not imported: `target` gives the same target ({t}%)")
                    }
                    _ => format!(
                        "{p} is not imported: `target` ({t}%) is read instead; an objective \
                         takes one of the two"
                    ),
                };
                imported.skip(&format!("{path}.targetPercent"), &reason);
            }
            imported.skip_unknown(objective, path, &["target", "targetPercent", "displayName"]);
        }
    }
    for i in 1..objectives.len() {
        imported.skip(
            &format!("spec.objectives[{i}]"),
            "only the first objective is read",
        );
    }

    list_if_not_exported(&mut imported, spec);

    if let Some(indicator) = spec.get("indicator") {
        import_indicator(&mut imported, indicator);
    } else if spec.get("indicatorRef").is_none() {
        imported.skip("spec.indicator", "missing: no queries to import");
    }

    // Last, as the window read decides the thresholds the policies are compared with.
    if let Some(policies) = spec.get("alertPolicies") {
        let metadata = slo.get("metadata");
        let name = metadata.and_then(|m| m.text_at("name")).unwrap_or("");
        let display_name = metadata
            .and_then(|m| m.text_at("displayName"))
            .unwrap_or(name);
        import_alert_policies(&mut imported, policies, (&dns_name(name), display_name));
    }
    imported
}

/// Reads the alert policies of Headroom's own export into alert rows: all of them, or none
/// (each policy that is not one is listed, and the table keeps its rows), so a table is never
/// half replaced. See [`alert_row`] for what makes a policy Headroom's, and
/// [`list_policy_differences`] for what else in them is listed. `names`: the SLO's
/// `metadata.name` and the name its export was written for (its `displayName`).
fn import_alert_policies(imported: &mut Imported, policies: &Node, names: (&str, &str)) {
    let path = "spec.alertPolicies";
    let items = policies.items();
    let whole_list = if !matches!(policies, Node::Seq(_)) {
        Some(format!(
            "not imported: {}, where a list of alert policies belongs, so the alert table \
             keeps its rows",
            policies.kind()
        ))
    } else if items.is_empty() {
        Some("empty: the alert table keeps its rows".to_string())
    } else if items.len() > MAX_ROWS {
        Some(format!(
            "not imported: {} alert policies, and the alert table holds at most {MAX_ROWS}, so \
             it keeps its rows",
            items.len()
        ))
    } else {
        None
    };
    if let Some(reason) = whole_list {
        imported.skip(path, &reason);
        return;
    }
    let mut rows = Vec::with_capacity(items.len());
    let mut refused = false;
    for (i, policy) in items.iter().enumerate() {
        match alert_row(policy) {
            Ok(row) => rows.push(row),
            Err(reason) => {
                refused = true;
                imported.skip(
                    &format!("{path}[{i}]"),
                    &format!(
                        "not imported: {reason} (only Headroom's own alert policies become alert \
                         rows), so the alert table keeps its rows"
                    ),
                );
            }
        }
    }
    if !refused {
        list_policy_differences(imported, items, &rows, names);
        imported.alert_rows = Some(with_ids(rows));
    }
}

/// Where a policy read as a row holds what the export of that row would not write (an edited
/// threshold, lookbackWindow or alertAfter, a notification target, a key of another tool), it
/// is listed as not imported: the table works each of them out from the row. What the export
/// writes for the row is read again as it would be, and compared with the file; the parts the
/// row is read from are left out. The thresholds are compared only when the file's window was
/// read (they are its budget share × the SLO window ÷ the long window); otherwise each is
/// listed.
fn list_policy_differences(
    imported: &mut Imported,
    policies: &[Node],
    rows: &[AlertRowInputs],
    (name, display_name): (&str, &str),
) {
    let window = imported
        .window_days
        .as_deref()
        .and_then(|days| WindowDays::parse(days).ok());
    // The target has no part in a policy; the window stands in when the file's was not read,
    // for the parts that do not depend on it.
    let (Ok(target), Ok(stand_in)) = (SloTarget::parse("99.9"), WindowDays::parse("30")) else {
        return;
    };
    let slo = Slo {
        target,
        window: window.unwrap_or(stand_in),
    };
    let parsed: Vec<_> = rows.iter().filter_map(|r| parse_row(r).ok()).collect();
    let mut text = String::from("alertPolicies:\n");
    for alert in alerts::table(slo, &parsed) {
        write_alert_policy(&mut text, name, display_name, &alert);
    }
    let Ok(written) = yaml_tree::parse(&text) else {
        return;
    };
    let written = written.first().and_then(|d| d.get("alertPolicies"));
    let written = written.map(Node::items).unwrap_or_default();
    for (i, (found, written)) in policies.iter().zip(written).enumerate() {
        let long = written
            .get("metadata")
            .and_then(|m| m.get("annotations"))
            .and_then(|a| a.text_at("headroom/long-window"))
            .unwrap_or("");
        let context = PolicyContext {
            long,
            window_read: window.is_some(),
        };
        list_differences(
            imported,
            &format!("spec.alertPolicies[{i}]"),
            found,
            written,
            &context,
        );
    }
}

/// What the messages about a policy's parts need to know.
struct PolicyContext<'a> {
    /// The row's long window, as the table writes it.
    long: &'a str,
    /// Whether the file's SLO window was read, so the thresholds written are the row's.
    window_read: bool,
}

/// The parts of an alert policy an alert row is read from (see [`alert_row`]).
const ROW_PARTS: [&str; 4] = [
    ".metadata.annotations.headroom/long-window",
    ".metadata.annotations.headroom/short-window",
    ".metadata.annotations.headroom/budget-share-percent",
    ".spec.conditions[0].spec.severity",
];

/// Lists each part of `found` (at `path`) that differs from `written`, or that `written` does
/// not have. The depth is that of `written`, a policy as the export writes it.
fn list_differences(
    imported: &mut Imported,
    path: &str,
    found: &Node,
    written: &Node,
    context: &PolicyContext,
) {
    const ELSEWHERE: &str = "not imported (the Alerts tab has no place for it)";
    if ROW_PARTS.iter().any(|part| path.ends_with(part)) {
        return;
    }
    match (found, written) {
        (Node::Map(entries), Node::Map(_)) => {
            for (key, value) in entries {
                let at = join(path, key);
                match written.get(key) {
                    Some(written) => list_differences(imported, &at, value, written, context),
                    None => imported.skip(&at, ELSEWHERE),
                }
            }
        }
        (Node::Seq(items), Node::Seq(written)) => {
            for (i, item) in items.iter().enumerate() {
                let at = format!("{path}[{i}]");
                match written.get(i) {
                    Some(written) => list_differences(imported, &at, item, written, context),
                    None if path.ends_with(".conditions") => {
                        imported.skip(&at, "not imported: only the first condition is read")
                    }
                    None => imported.skip(&at, ELSEWHERE),
                }
            }
        }
        (Node::Scalar(found), Node::Scalar(written)) => {
            let (found, written) = (found.trim(), written.trim());
            let key = path.rsplit('.').next().unwrap_or(path);
            match key {
                "threshold" if !context.window_read => imported.skip(
                    path,
                    &format!(
                        "{found} is not imported: the alert table works the burn-rate threshold \
                         out from the budget share, the windows and the SLO's window, which this \
                         file does not give"
                    ),
                ),
                "threshold" => {
                    let number = |text: &str| decimal::parse_scaled(text, 10).ok();
                    if found != written
                        && (number(found).is_none() || number(found) != number(written))
                    {
                        imported.skip(
                            path,
                            &format!(
                                "{found} is not imported: the alert table works the burn-rate \
                                 threshold out from the budget share and the windows ({written} \
                                 for this row)"
                            ),
                        );
                    }
                }
                "lookbackWindow" => {
                    let same = found == written
                        || matches!(
                            (PromDuration::parse(found), PromDuration::parse(written)),
                            (Ok(a), Ok(b)) if a == b
                        );
                    if !same {
                        imported.skip(
                            path,
                            &format!(
                                "{found} is not imported: the row's long window is {} \
                                 (headroom/long-window)",
                                context.long
                            ),
                        );
                    }
                }
                "alertAfter" => {
                    let amount = found.trim_end_matches(|c: char| c.is_ascii_alphabetic());
                    if amount.is_empty() || amount.bytes().any(|b| b != b'0') {
                        imported.skip(
                            path,
                            &format!(
                                "{found} is not imported: the alert fires as soon as the burn \
                                 rate is above its threshold over both windows"
                            ),
                        );
                    }
                }
                // A policy's description states its threshold.
                "description" if !context.window_read && !path.contains(".notificationTargets") => {
                    imported.skip(path, ELSEWHERE)
                }
                _ => {
                    let booleans = (yaml_tree::boolean(found), yaml_tree::boolean(written));
                    let same = found == written || matches!(booleans, (Some(a), Some(b)) if a == b);
                    if !same {
                        imported.skip(path, ELSEWHERE);
                    }
                }
            }
        }
        _ => imported.skip(path, ELSEWHERE),
    }
}

/// One alert row from an alert policy as Headroom's export writes it: the annotations
/// `headroom/short-window` and `headroom/budget-share-percent`, the severity of its first
/// condition, and the long window from `headroom/long-window` (or, in a file written before that
/// annotation, from the policy's name, which holds it exactly, when the condition's
/// `lookbackWindow` is that window rounded up to whole minutes, as the export writes it).
/// The row must read as the table reads it; a short window of long ÷ 12 reads back empty, as the
/// table writes it.
fn alert_row(policy: &Node) -> Result<AlertRowInputs, String> {
    if policy.text().is_some() {
        return Err("a reference to an alert policy written elsewhere".to_string());
    }
    let metadata = policy.get("metadata");
    let annotations = metadata.and_then(|m| m.get("annotations"));
    let annotation = |key: &str| {
        annotations
            .and_then(|a| a.text_at(key))
            .map(str::trim)
            .ok_or_else(|| format!("no {key} annotation"))
    };
    let short = annotation("headroom/short-window")?;
    let share = annotation("headroom/budget-share-percent")?;
    let condition = policy
        .get("spec")
        .and_then(|s| s.get("conditions"))
        .and_then(|c| c.items().first())
        .and_then(|c| c.get("spec"));
    let severity = condition
        .and_then(|c| c.text_at("severity"))
        .ok_or("no condition with a severity")?;
    let long = match annotation("headroom/long-window") {
        Ok(long) => long.to_string(),
        Err(missing) => {
            let lookback = condition
                .and_then(|c| c.get("condition"))
                .and_then(|c| c.text_at("lookbackWindow"))
                .and_then(|l| PromDuration::parse(l).ok());
            let name = metadata.and_then(|m| m.text_at("name")).unwrap_or("");
            match (lookback, long_window_in_name(name, severity.trim(), short)) {
                // The export rounded a long window that is not whole minutes up to whole minutes.
                (Some(lookback), Some(long))
                    if long.ms().div_ceil(MS_PER_MINUTE) * MS_PER_MINUTE == lookback.ms() =>
                {
                    long.to_string()
                }
                _ => return Err(format!("{missing}, and its lookbackWindow may be rounded")),
            }
        }
    };
    let short_is_default = match (PromDuration::parse(&long), PromDuration::parse(short)) {
        (Ok(l), Ok(s)) => default_short(l) == s,
        _ => false,
    };
    let row = AlertRowInputs {
        id: RowId::NONE,
        severity: severity.trim().to_string(),
        budget_percent: share.to_string(),
        long_window: long,
        short_window: if short_is_default {
            String::new()
        } else {
            short.to_string()
        },
    };
    match parse_row(&row) {
        Ok(_) => Ok(row),
        Err(errors) => Err(errors
            .first()
            .map(|(field, message)| format!("{}: {}", field.label(), lower_first(message)))
            .unwrap_or_default()),
    }
}

/// The long window in the name of an alert policy as Headroom's export writes it,
/// `{slo}-{severity}-{long}-{short}` (each window as the table writes it, in an older export
/// `1w` for a week), when the name ends with `severity` and `short`.
fn long_window_in_name(name: &str, severity: &str, short: &str) -> Option<PromDuration> {
    let rest = name.strip_suffix(&format!("-{}", dns_name(short)))?;
    let (rest, long) = rest.rsplit_once('-')?;
    rest.strip_suffix(severity)?.strip_suffix('-')?;
    PromDuration::parse(long).ok()
}

fn import_indicator(imported: &mut Imported, indicator: &Node) {
    imported.skip_unknown(indicator, "spec.indicator", &["spec", "metadata"]);
    if let Some(metadata) = indicator.get("metadata") {
        imported.skip_unknown(metadata, "spec.indicator.metadata", &["name"]);
    }
    let Some(spec) = indicator.get("spec") else {
        imported.skip("spec.indicator.spec", "missing: no queries to import");
        return;
    };
    let Some(ratio) = spec.get("ratioMetric") else {
        imported.skip(
            "spec.indicator.spec",
            "only a ratioMetric (good or bad, and total) can be imported",
        );
        return;
    };
    imported.skip_unknown(spec, "spec.indicator.spec", &["ratioMetric"]);
    let path = "spec.indicator.spec.ratioMetric";
    imported.skip_unknown(ratio, path, &["counter", "good", "bad", "total"]);

    let mut query_of = |key: &str| -> Option<String> {
        let source = ratio.get(key)?.get("metricSource");
        let at = format!("{path}.{key}.metricSource");
        let Some(source) = source else {
            let why = match ratio.get(key) {
                Some(Node::Map(_)) | None => "missing",
                Some(_) => {
                    "not imported: a list or value, where a mapping with a metricSource \
                            belongs"
                }
            };
            imported.skip(&at, why);
            return None;
        };
        let kind = source.text_at("type").unwrap_or("");
        if !kind.eq_ignore_ascii_case("prometheus") {
            imported.skip(
                &format!("{at}.type"),
                &format!("\"{kind}\" is not imported: only Prometheus queries can become rules"),
            );
            return None;
        }
        imported.skip_unknown(source, &at, &["type", "spec"]);
        let query_node = source.get("spec").and_then(|s| s.get("query"));
        let query = query_node.and_then(Node::text);
        if query.is_none() {
            imported.skip(&format!("{at}.spec.query"), &not_text(query_node, "text"));
        }
        take_query(imported, &format!("{at}.spec.query"), query)
    };
    let bad = query_of("bad");
    let good = query_of("good");
    let total = query_of("total");
    imported.bad_query = match (bad, &good, &total) {
        (Some(bad), Some(_), _) => {
            imported.skip(
                &format!("{path}.good"),
                "not imported: the bad query is read instead (an alert rule needs one of the two)",
            );
            Some(bad)
        }
        (Some(bad), None, _) => Some(bad),
        (None, Some(good), Some(total)) => {
            imported.skip(
                &format!("{path}.good"),
                "converted: bad events are written as (total) - (good)",
            );
            Some(format!("({total})\n-\n({good})"))
        }
        _ => None,
    };
    imported.total_query = total;
}

/// Why the value of a key that should hold text is not read: "missing" when the key is not
/// there, else that a list or mapping stands where `belongs` ("a number", "a duration") does.
fn not_text(value: Option<&Node>, belongs: &str) -> String {
    match value {
        None => "missing".to_string(),
        Some(_) => format!("not imported: a list or mapping, where {belongs} belongs"),
    }
}

fn import_sloth(spec: &Node) -> Imported {
    let mut imported = Imported::new(Source::Sloth);
    imported.skip_unknown(spec, "", &["version", "slos"]);
    let slos = spec.get("slos").map(Node::items).unwrap_or_default();
    let Some(slo) = slos.first() else {
        let why = if spec.get("slos").is_some() {
            "empty: the spec holds no SLO"
        } else {
            "missing: the spec holds no SLO"
        };
        imported.skip("slos", why);
        return imported;
    };
    imported.skip(
        "window",
        "Sloth specs carry no window: Sloth uses 30 days unless run with another \
         --default-slo-period, so the window is set to 30 days",
    );
    imported.window_days = Some("30".to_string());
    take_name(&mut imported, "slos[0].name", slo.text_at("name"));
    match slo
        .text_at("objective")
        .map(|t| target_from_percent_field(t, "objective", "Sloth's "))
    {
        Some(Ok(t)) => imported.target_percent = Some(t),
        Some(Err(e)) => imported.skip("slos[0].objective", &e),
        None => imported.skip(
            "slos[0].objective",
            &not_text(slo.get("objective"), "a number"),
        ),
    }
    imported.skip_unknown(slo, "slos[0]", &["name", "objective", "sli"]);
    if let Some(sli) = slo.get("sli") {
        imported.skip_unknown(sli, "slos[0].sli", &["events"]);
        if let Some(events) = sli.get("events") {
            let path = "slos[0].sli.events";
            imported.skip_unknown(events, path, &["error_query", "total_query"]);
            imported.bad_query = take_query(
                &mut imported,
                &format!("{path}.error_query"),
                events.text_at("error_query"),
            );
            imported.total_query = take_query(
                &mut imported,
                &format!("{path}.total_query"),
                events.text_at("total_query"),
            );
        }
    }
    for i in 1..slos.len() {
        imported.skip(&format!("slos[{i}]"), "only the first SLO is read");
    }
    imported
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::alerts::{self, parse_row, AlertFigures, Slo};
    use crate::inputs::{AlertRowInputs, EXAMPLE_BAD_QUERY, EXAMPLE_TOTAL_QUERY};

    fn slo(target: &str, days: &str) -> Slo {
        Slo {
            target: SloTarget::parse(target).unwrap(),
            window: WindowDays::parse(days).unwrap(),
        }
    }

    fn alerts_for(s: Slo) -> Vec<AlertFigures> {
        let rows: Vec<_> = AlertRowInputs::workbook_defaults()
            .iter()
            .map(|r| parse_row(r).unwrap())
            .collect();
        alerts::table(s, &rows)
    }

    fn export_for(s: Slo, alerts: &[AlertFigures]) -> String {
        export_counting(s, alerts, SliKind::Requests)
    }

    fn export_counting(s: Slo, alerts: &[AlertFigures], sli: SliKind) -> String {
        export_or_why_not(s, alerts, sli).unwrap_or_else(|why| panic!("{why}"))
    }

    fn export_or_why_not(
        s: Slo,
        alerts: &[AlertFigures],
        sli: SliKind,
    ) -> Result<String, WindowNotWritable> {
        export(
            &RulesSpec {
                slo_name: "api-availability",
                slo: s,
                bad_query: EXAMPLE_BAD_QUERY,
                total_query: EXAMPLE_TOTAL_QUERY,
                alerts,
            },
            sli,
        )
    }

    #[test]
    fn exports_the_slo_and_its_alerts() {
        let s = slo("99.9", "30");
        let text = export_for(s, &alerts_for(s));
        assert!(text.contains("apiVersion: openslo/v1\nkind: SLO\n"));
        assert!(text.contains("      target: 0.999\n"));
        assert!(text.contains("    - duration: 30d\n      isRolling: true\n"));
        assert!(text.contains(
            "              query: |-\n                sum(rate(http_requests_total{job=\"api\",code=~\"5..\"}[{{.window}}]))\n"
        ), "{text}");
        assert!(text.contains("        name: api-availability-page-1h-5m\n"));
        assert!(
            text.contains("                threshold: 14.4\n                lookbackWindow: 1h\n")
        );
        assert!(text.contains("          headroom/short-window: \"6h\"\n"));
        assert!(text.contains("                lookbackWindow: 3d\n"));
        assert!(
            !text.contains("op: gt"),
            "OpenSLO v1 conditions have no operator"
        );
        assert!(text.contains(
            "        notificationTargets:\n          - kind: AlertNotificationTarget\n            metadata:\n              name: api-availability-ticket\n            spec:\n              target: ticket\n"
        ), "{text}");
        // The exported file is valid YAML and reads back.
        let docs = yaml_tree::parse(&text).unwrap();
        assert_eq!(
            docs[0]
                .get("spec")
                .unwrap()
                .get("alertPolicies")
                .unwrap()
                .items()
                .len(),
            4
        );
    }

    #[test]
    fn an_slo_of_timeslices_or_bad_minutes_says_what_is_not_carried_over() {
        let s = slo("99.9", "30");
        let requests = export_for(s, &alerts_for(s));
        assert!(requests.contains("of requests succeed over a rolling 30 days"));
        assert!(!requests.contains("not carried over"));
        let cases = [
            (
                SliKind::Timeslices { slice_ms: 300_000 },
                "timeslices of 5m 0s",
                "timeSliceWindow: 5m",
            ),
            (SliKind::BadMinutes, "minutes", "timeSliceWindow: 1m"),
        ];
        for (sli, what, window) in cases {
            let text = export_counting(s, &alerts_for(s), sli);
            // OpenSLO's Timeslices needs a timeSliceTarget, the share of good events that makes
            // a slice good, which Headroom has no figure for: the document stays Occurrences.
            assert!(text.contains("  budgetingMethod: Occurrences\n"), "{text}");
            assert!(!text.contains(window), "{text}");
            assert!(
                text.contains(&format!(
                    "# The Budget tab's SLI counts bad {what}; that is not carried over:"
                )),
                "{text}"
            );
            assert!(text.contains("timeSliceTarget"), "{text}");
            assert!(
                text.contains(&format!(
                    "  description: \"99.9% of requests succeed over a rolling 30 days (the \
                     burn-rate alerts' reading of a 99.9% SLO of good {what}, which is not \
                     carried over)\"\n"
                )),
                "{text}"
            );
            // The file still reads back.
            let imported = import(&text).unwrap();
            assert_eq!(imported.target_percent.as_deref(), Some("99.9"));
            assert_eq!(imported.window_days.as_deref(), Some("30"));
            assert_eq!(imported.bad_query.as_deref(), Some(EXAMPLE_BAD_QUERY));
        }
    }

    #[test]
    fn repeating_thresholds_say_their_exact_value() {
        let s = slo("99.9", "28");
        let text = export_for(s, &alerts_for(s));
        assert!(text.contains("# 14 / 15 exactly; OpenSLO takes a plain number.\n                threshold: 0.9333333333\n"), "{text}");
        assert!(text.contains("- duration: 28d\n"));
    }

    /// An SLO whose `timeWindow` is `value` (YAML, inline or a block) imported: the window read
    /// and the lines listed about it.
    fn imported_window(value: &str) -> (Option<String>, Vec<String>) {
        let text = format!(
            "apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: a\nspec:\n  \
             timeWindow: {value}\n  objectives:\n    - target: 0.999\n"
        );
        let imported = import(&text).unwrap();
        let window_lines = imported
            .not_imported
            .into_iter()
            .filter(|l| l.starts_with("spec.timeWindow"))
            .collect();
        (imported.window_days, window_lines)
    }

    #[test]
    fn export_then_import_gives_the_slo_back() {
        let s = slo("99.95", "28");
        let text = export_for(s, &alerts_for(s));
        let imported = import(&text).unwrap();
        assert_eq!(imported.source, Source::OpenSlo);
        assert_eq!(imported.slo_name.as_deref(), Some("api-availability"));
        assert_eq!(imported.target_percent.as_deref(), Some("99.95"));
        assert_eq!(imported.window_days.as_deref(), Some("28"));
        assert_eq!(imported.bad_query.as_deref(), Some(EXAMPLE_BAD_QUERY));
        assert_eq!(imported.total_query.as_deref(), Some(EXAMPLE_TOTAL_QUERY));
        // Headroom's own export, unchanged, holds nothing the tab leaves out: its displayName,
        // description and service are what the export writes for the SLO it gives back.
        assert_eq!(imported.not_imported, Vec::<String>::new());

        let mut inputs = AlertsInputs::default();
        imported.apply(&mut inputs);
        assert!(!inputs.use_budget_slo);
        assert_eq!(inputs.target_percent, "99.95");
        assert_eq!(inputs.window_days, "28");
    }

    /// Whether `name` is an RFC 1123 label, as OpenSLO takes in `metadata.name`.
    fn is_label(name: &str) -> bool {
        let bytes = name.as_bytes();
        let fits = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
        (1..=63).contains(&bytes.len())
            && bytes.iter().all(|b| fits(b) || *b == b'-')
            && bytes.first().is_some_and(fits)
            && bytes.last().is_some_and(fits)
    }

    fn export_named(name: &str, s: Slo, alerts: &[AlertFigures], sli: SliKind) -> String {
        export(
            &RulesSpec {
                slo_name: name,
                slo: s,
                bad_query: EXAMPLE_BAD_QUERY,
                total_query: EXAMPLE_TOTAL_QUERY,
                alerts,
            },
            sli,
        )
        .unwrap()
    }

    /// The value of each `name:` key in `text`, an export.
    fn names_in(text: &str) -> Vec<&str> {
        text.lines()
            .filter_map(|l| l.trim_start().strip_prefix("name: "))
            .collect()
    }

    #[test]
    fn metadata_names_are_rfc_1123_labels_whatever_the_slo_is_called() {
        let long = "a".repeat(100);
        let cut_at_a_dash = format!("{}_b", "a".repeat(62));
        let a63 = "a".repeat(63);
        let a62 = "a".repeat(62);
        // (name as typed, metadata.name)
        let cases: &[(&str, &str)] = &[
            ("api-availability", "api-availability"),
            ("API Availability", "api-availability"),
            ("API_Availability", "api-availability"),
            ("Checkout.API_v2", "checkout-api-v2"),
            ("über-api", "ber-api"),
            ("api-größe", "api-gr-e"),
            ("a__b..c", "a-b-c"),
            ("a - b", "a-b"),
            ("  Checkout  API  ", "checkout-api"),
            ("-x-", "x"),
            ("2024", "2024"),
            ("99.9", "99-9"),
            ("007", "007"),
            ("  ", "slo"),
            ("", "slo"),
            ("---", "slo"),
            ("ü", "slo"),
            (&long, &a63),
            // Cut at 63 characters, the name would end with the dash from "_".
            (&cut_at_a_dash, &a62),
        ];
        for (typed, expected) in cases {
            let name = dns_name(typed);
            assert_eq!(name, *expected, "{typed:?}");
            assert!(is_label(&name), "{typed:?}: {name}");
        }
    }

    #[test]
    fn every_name_in_the_export_is_an_rfc_1123_label() {
        let s = slo("99.9", "36525");
        // The longest windows the table takes, so the policies' names are as long as can be.
        let rows = [
            row("page", "2", "1h", ""),
            row("ticket", "10", "36525d", "3043d18h"),
            row("ticket", "12.3456", "1m30s", "10s"),
        ];
        let parsed: Vec<_> = rows.iter().map(|r| parse_row(r).unwrap()).collect();
        let table = alerts::table(s, &parsed);
        let long = format!("A{}", "b_".repeat(31));
        for name in [
            "API_Availability",
            "Checkout.API__v2",
            &"X".repeat(63),
            &long,
        ] {
            let text = export_named(name, s, &table, SliKind::Requests);
            let names = names_in(&text);
            assert_eq!(names.len(), 1 + 1 + 3 * 3, "{text}");
            for found in names {
                assert!(is_label(found), "{name}: {found}");
            }
            assert!(
                text.contains(&format!("  displayName: {}\n", quote(name))),
                "{text}"
            );
        }
        let text = export_named("API_Availability", s, &table, SliKind::Requests);
        assert!(
            text.contains("metadata:\n  name: api-availability\n"),
            "{text}"
        );
        assert!(text.contains("  service: api-availability\n"), "{text}");
        assert!(
            text.contains("      name: api-availability-error-ratio\n"),
            "{text}"
        );
        assert!(
            text.contains("        name: api-availability-page-1h-5m\n"),
            "{text}"
        );
    }

    #[test]
    fn an_slo_name_with_capitals_comes_back_as_typed() {
        let s = slo("99.9", "30");
        let long = format!("A{}", "b_".repeat(31));
        for name in [
            "API_Availability",
            "Checkout.API__v2",
            "api-availability",
            &long,
        ] {
            for sli in [
                SliKind::Requests,
                SliKind::BadMinutes,
                SliKind::Timeslices { slice_ms: 300_000 },
                SliKind::Timeslices { slice_ms: 90_060 },
                SliKind::Timeslices {
                    slice_ms: 86_400_000,
                },
            ] {
                let imported = import(&export_named(name, s, &alerts_for(s), sli)).unwrap();
                assert_eq!(imported.slo_name.as_deref(), Some(name), "{sli:?}");
                assert_eq!(
                    imported.not_imported,
                    Vec::<String>::new(),
                    "{name}, {sli:?}"
                );
                assert_eq!(
                    imported.alert_rows,
                    Some(AlertRowInputs::workbook_defaults())
                );
            }
        }
    }

    #[test]
    fn a_control_of_direction_in_a_listed_value_is_shown_not_obeyed() {
        // The list under the import showed "evil" U+202E "abc" raw, which reversed the rest of its line.
        let s = slo("99.9", "30");
        let text = export_named("API_Availability", s, &alerts_for(s), SliKind::Requests).replace(
            "displayName: \"API_Availability\"",
            "displayName: \"evil\u{202E}abc\"",
        );
        let imported = import(&text).unwrap();
        let listed = imported.not_imported.join("\n");
        assert!(listed.contains("\"evil<U+202E>abc\""), "{listed}");
        assert!(!listed.contains('\u{202E}'), "{listed}");
    }

    #[test]
    fn a_display_name_description_or_service_edited_by_hand_is_listed() {
        let elsewhere = "not imported (the Alerts tab has no place for it)";
        let export = || {
            let s = slo("99.9", "30");
            export_named("API_Availability", s, &alerts_for(s), SliKind::Requests)
        };
        // (what is edited, the edit, the name read, the lines listed outside the policies)
        type Edit = fn(String) -> String;
        let cases: Vec<(&str, Edit, Option<&str>, Vec<String>)> = vec![
            ("as exported", |t| t, Some("API_Availability"), vec![]),
            (
                "displayName",
                |t| t.replace("displayName: \"API_Availability\"", "displayName: Payments"),
                Some("api-availability"),
                vec![
                    "metadata.displayName: \"Payments\" is not imported: it does not match \
                     metadata.name (\"api-availability\"), which the name is read from"
                        .to_string(),
                ],
            ),
            (
                "displayName that is not a name the tab takes",
                |t| {
                    t.replace(
                        "displayName: \"API_Availability\"",
                        "displayName: API Availability",
                    )
                },
                Some("api-availability"),
                vec![
                    "metadata.displayName: \"API Availability\" is not imported: it is not a name \
                     the Alerts tab takes (\" \" is not allowed: use letters A to Z, digits, -, _ \
                     and ., for example \"API-Availability\"), so the name is read from \
                     metadata.name"
                        .to_string(),
                ],
            ),
            (
                "description",
                |t| {
                    t.replace(
                        "  description: \"99.9% of",
                        "  description: \"Ninety-nine point nine of",
                    )
                },
                Some("API_Availability"),
                vec![format!("spec.description: {elsewhere}")],
            ),
            (
                "service",
                |t| t.replace("  service: api-availability", "  service: payments"),
                Some("API_Availability"),
                vec![format!("spec.service: {elsewhere}")],
            ),
            (
                "target, which the description states",
                |t| t.replace("target: 0.999\n", "target: 0.99\n"),
                Some("API_Availability"),
                vec![format!("spec.description: {elsewhere}")],
            ),
            (
                "target that is not read",
                |t| t.replace("target: 0.999\n", "target: 2\n"),
                Some("API_Availability"),
                vec![
                    "spec.objectives[0].target: 2 is above 1: `target` is a fraction (0.999 for \
                     99.9%); a percentage goes in `targetPercent`"
                        .to_string(),
                    format!("spec.description: {elsewhere}"),
                ],
            ),
        ];
        for (what, edit, name, expected) in cases {
            let imported = import(&edit(export())).unwrap();
            assert_eq!(imported.slo_name.as_deref(), name, "{what}");
            let listed: Vec<&String> = imported
                .not_imported
                .iter()
                .filter(|l| !l.starts_with("spec.alertPolicies"))
                .collect();
            assert_eq!(listed, expected.iter().collect::<Vec<_>>(), "{what}");
        }
    }

    #[test]
    fn a_file_of_another_tool_gives_its_name_from_display_name_only_when_they_agree() {
        let file = |metadata: &str| {
            format!(
                "apiVersion: openslo/v1\nkind: SLO\nmetadata:\n{metadata}spec:\n  \
                 timeWindow: [{{duration: 28d}}]\n  objectives: [{{target: 0.999}}]\n  \
                 indicatorRef: x\n"
            )
        };
        // (metadata, the name read, the lines listed)
        let cases: &[(&str, Option<&str>, &[&str])] = &[
            ("  name: checkout\n", Some("checkout"), &[]),
            (
                "  name: checkout\n  displayName: Checkout\n",
                Some("Checkout"),
                &[],
            ),
            (
                "  name: checkout\n  displayName: checkout\n",
                Some("checkout"),
                &[],
            ),
            (
                "  name: checkout-api\n  displayName: Checkout API\n",
                Some("checkout-api"),
                &[
                    "metadata.displayName: \"Checkout API\" is not imported: it is not a name \
                   the Alerts tab takes (\" \" is not allowed: use letters A to Z, digits, -, _ \
                   and ., for example \"Checkout-API\"), so the name is read from \
                   metadata.name",
                ],
            ),
            (
                "  name: checkout\n  displayName: Payments\n",
                Some("checkout"),
                &[
                    "metadata.displayName: \"Payments\" is not imported: it does not match \
                   metadata.name (\"checkout\"), which the name is read from",
                ],
            ),
            (
                "  displayName: Checkout\n",
                None,
                &[
                    "metadata.displayName: \"Checkout\" is not imported: the name is read from \
                   metadata.name, which is missing",
                ],
            ),
        ];
        for (metadata, name, expected) in cases {
            let imported = import(&file(metadata)).unwrap();
            assert_eq!(imported.slo_name.as_deref(), *name, "{metadata}");
            let listed: Vec<&str> = imported
                .not_imported
                .iter()
                .map(String::as_str)
                .filter(|l| l.starts_with("metadata"))
                .collect();
            assert_eq!(listed, *expected, "{metadata}");
        }
    }

    #[test]
    fn the_longest_window_the_page_takes_comes_back_from_its_export() {
        // 36,525 days was exported as 36525d and refused on import (the limit was 36500d).
        for days in ["36500", "36501", "36525"] {
            let s = slo("99.9", days);
            let imported = import(&export_for(s, &alerts_for(s))).unwrap();
            assert_eq!(imported.window_days.as_deref(), Some(days));
            assert_eq!(
                imported.alert_rows,
                Some(AlertRowInputs::workbook_defaults()),
                "{days}: {:#?}",
                imported.not_imported
            );
        }
    }

    fn row(severity: &str, share: &str, long: &str, short: &str) -> AlertRowInputs {
        AlertRowInputs {
            severity: severity.to_string(),
            budget_percent: share.to_string(),
            long_window: long.to_string(),
            short_window: short.to_string(),
            ..AlertRowInputs::default()
        }
    }

    /// The rows as typed, without their ids (the page numbers rows read from a file).
    fn typed(rows: &[AlertRowInputs]) -> Vec<(String, String, String, String)> {
        rows.iter()
            .map(|r| {
                let r = r.clone();
                (r.severity, r.budget_percent, r.long_window, r.short_window)
            })
            .collect()
    }

    #[test]
    fn export_then_import_gives_the_alert_table_back() {
        let s = slo("99.9", "30");
        // A short window of long ÷ 12 reads back empty, as the table writes it; a long window
        // that is not whole minutes (its lookbackWindow rounded up) comes back exact.
        let rows = vec![
            row("page", "2", "1h", ""),
            row("page", "12.3456", "1m30s", "10s"),
            row("ticket", "10", "1d", "3h"),
        ];
        let parsed: Vec<_> = rows.iter().map(|r| parse_row(r).unwrap()).collect();
        let text = export_for(s, &alerts::table(s, &parsed));
        assert!(
            text.contains("          headroom/long-window: \"1m30s\"\n"),
            "{text}"
        );
        let imported = import(&text).unwrap();
        let read = imported.alert_rows.as_deref().expect("the rows are read");
        assert_eq!(typed(read), typed(&rows));
        // Every row has an id, none repeated.
        let mut ids: Vec<_> = read.iter().map(|r| r.id).collect();
        ids.dedup();
        assert!(ids.len() == 3 && ids.iter().all(|id| *id != crate::inputs::RowId::NONE));
        assert!(
            !imported
                .not_imported
                .iter()
                .any(|l| l.starts_with("spec.alertPolicies")),
            "{:#?}",
            imported.not_imported
        );
        assert_eq!(
            imported.message("api.yaml", &AlertsInputs::default()),
            "Imported from api.yaml (OpenSLO v1): target, window, name, bad-events query, total \
             query, alert table (3 alerts). This tab now uses its own SLO, with the file's \
             target and window; the Budget tab is unchanged."
        );
        let mut inputs = AlertsInputs::default();
        imported.apply(&mut inputs);
        assert_eq!(typed(&inputs.rows), typed(&rows));

        // The workbook's table comes back as it was, ids included (made from the content).
        let text = export_for(s, &alerts_for(s));
        let imported = import(&text).unwrap();
        assert_eq!(
            imported.alert_rows,
            Some(AlertRowInputs::workbook_defaults())
        );
    }

    /// The export of the workbook's table with `edit` applied to its text.
    fn edited_export(edit: impl Fn(String) -> String) -> Imported {
        let s = slo("99.9", "30");
        import(&edit(export_for(s, &alerts_for(s)))).unwrap()
    }

    #[test]
    fn alert_policies_not_written_by_headroom_leave_the_table_as_it_is() {
        // An export of an older Headroom, without headroom/long-window: the lookbackWindow is
        // read, as the policy's name shows it was not rounded.
        let older = edited_export(|t| {
            t.lines()
                .filter(|l| !l.contains("headroom/long-window"))
                .map(|l| format!("{l}\n"))
                .collect()
        });
        assert_eq!(older.alert_rows, Some(AlertRowInputs::workbook_defaults()));
        // One policy without Headroom's annotations: none is read, and the reason is listed.
        let one_edited = edited_export(|t| {
            t.replacen("headroom/budget-share-percent: \"5\"", "team: \"web\"", 1)
        });
        assert_eq!(one_edited.alert_rows, None);
        assert!(
            one_edited.not_imported.contains(
                &"spec.alertPolicies[1]: not imported: no headroom/budget-share-percent \
                  annotation (only Headroom's own alert policies become alert rows), so the \
                  alert table keeps its rows"
                    .to_string()
            ),
            "{:#?}",
            one_edited.not_imported
        );
        // A row Headroom cannot read is not imported either.
        let bad_share = edited_export(|t| {
            t.replacen(
                "headroom/budget-share-percent: \"5\"",
                "headroom/budget-share-percent: \"lots\"",
                1,
            )
        });
        assert_eq!(bad_share.alert_rows, None);
        assert!(
            bad_share
                .not_imported
                .iter()
                .any(|l| l.starts_with("spec.alertPolicies[1]: not imported: budget share: ")),
            "{:#?}",
            bad_share.not_imported
        );
        // Another tool's policies, or a reference to one, are listed as before.
        let text = "apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: a\nspec:\n  \
                    objectives:\n    - target: 0.999\n  alertPolicies:\n    - kind: \
                    AlertPolicy\n    - alert-policy-ref\n";
        let other = import(text).unwrap();
        assert_eq!(other.alert_rows, None);
        assert!(other.not_imported.iter().any(|l| l.starts_with(
            "spec.alertPolicies[0]: not imported: no headroom/short-window annotation"
        )));
    }

    #[test]
    fn alert_policies_that_are_not_a_list_are_named_with_one_article() {
        // (alertPolicies as written, what the file's note says)
        let cases: &[(&str, &str)] = &[
            (
                "ref-to-policies",
                "spec.alertPolicies: not imported: a single value, where a list of alert \
                 policies belongs, so the alert table keeps its rows",
            ),
            (
                "{kind: AlertPolicy}",
                "spec.alertPolicies: not imported: a mapping, where a list of alert policies \
                 belongs, so the alert table keeps its rows",
            ),
        ];
        for (policies, expected) in cases {
            let text = format!(
                "apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: a\nspec:\n  \
                 objectives:\n    - target: 0.999\n  alertPolicies: {policies}\n"
            );
            let imported = import(&text).unwrap();
            let listed: Vec<&String> = imported
                .not_imported
                .iter()
                .filter(|l| l.starts_with("spec.alertPolicies"))
                .collect();
            assert_eq!(listed, [expected], "{policies}");
        }
    }

    #[test]
    fn what_an_imported_alert_policy_holds_beyond_its_row_is_listed_when_it_differs() {
        let policy = "spec.alertPolicies[0]";
        let condition = "spec.alertPolicies[0].spec.conditions[0].spec.condition";
        let elsewhere = "not imported (the Alerts tab has no place for it)";
        // (what is edited, the edit to the workbook's export, its lines under
        // spec.alertPolicies)
        type Edit = fn(String) -> String;
        let cases: Vec<(&str, Edit, Vec<String>)> = vec![
            ("as exported", |t| t, vec![]),
            (
                "threshold",
                |t| t.replacen("threshold: 14.4\n", "threshold: 10\n", 1),
                vec![format!(
                    "{condition}.threshold: 10 is not imported: the alert table works the \
                     burn-rate threshold out from the budget share and the windows (14.4 for \
                     this row)"
                )],
            ),
            (
                "threshold written with a trailing zero",
                |t| t.replacen("threshold: 14.4\n", "threshold: 14.40\n", 1),
                vec![],
            ),
            (
                "lookbackWindow",
                |t| t.replacen("lookbackWindow: 1h\n", "lookbackWindow: 2h\n", 1),
                vec![format!(
                    "{condition}.lookbackWindow: 2h is not imported: the row's long window is 1h \
                     (headroom/long-window)"
                )],
            ),
            (
                "alertAfter",
                |t| t.replacen("alertAfter: 0m\n", "alertAfter: 5m\n", 1),
                vec![format!(
                    "{condition}.alertAfter: 5m is not imported: the alert fires as soon as the \
                     burn rate is above its threshold over both windows"
                )],
            ),
            (
                "a flag and a notification target",
                |t| {
                    t.replacen("alertWhenNoData: false", "alertWhenNoData: true", 1)
                        .replacen("target: page\n", "target: pagerduty-sre\n", 1)
                },
                vec![
                    format!("{policy}.spec.alertWhenNoData: {elsewhere}"),
                    format!("{policy}.spec.notificationTargets[0].spec.target: {elsewhere}"),
                ],
            ),
            (
                "a key Headroom does not write",
                |t| {
                    t.replacen(
                        "alertAfter: 0m\n",
                        "alertAfter: 0m\n                op: gte\n",
                        1,
                    )
                },
                vec![format!("{condition}.op: {elsewhere}")],
            ),
            (
                "a second condition",
                |t| {
                    t.replacen(
                        "        notificationTargets:",
                        "          - kind: AlertCondition\n        notificationTargets:",
                        1,
                    )
                },
                vec![format!(
                    "{policy}.spec.conditions[1]: not imported: only the first condition is read"
                )],
            ),
        ];
        for (what, edit, expected) in cases {
            let imported = edited_export(edit);
            assert_eq!(
                imported.alert_rows,
                Some(AlertRowInputs::workbook_defaults()),
                "{what}"
            );
            let listed: Vec<&String> = imported
                .not_imported
                .iter()
                .filter(|l| l.starts_with("spec.alertPolicies"))
                .collect();
            assert_eq!(listed, expected.iter().collect::<Vec<_>>(), "{what}");
        }
        // A name written differently in metadata.name and displayName reads back without a line.
        let s = slo("99.9", "30");
        let text = export(
            &RulesSpec {
                slo_name: "API availability (EU)",
                slo: s,
                bad_query: EXAMPLE_BAD_QUERY,
                total_query: EXAMPLE_TOTAL_QUERY,
                alerts: &alerts_for(s),
            },
            SliKind::Requests,
        )
        .unwrap();
        let imported = import(&text).unwrap();
        assert!(imported.alert_rows.is_some());
        assert!(
            !imported
                .not_imported
                .iter()
                .any(|l| l.starts_with("spec.alertPolicies")),
            "{:#?}",
            imported.not_imported
        );
        // Without the SLO's window, no threshold can be checked: each is listed.
        let imported = edited_export(|t| t.replace("- duration: 30d", "- duration: 1M"));
        assert_eq!(imported.window_days, None);
        let thresholds: Vec<&String> = imported
            .not_imported
            .iter()
            .filter(|l| l.contains(".threshold: "))
            .collect();
        assert_eq!(thresholds.len(), 4, "{thresholds:#?}");
        assert_eq!(
            thresholds[0],
            &format!(
                "{condition}.threshold: 14.4 is not imported: the alert table works the \
                 burn-rate threshold out from the budget share, the windows and the SLO's window, \
                 which this file does not give"
            )
        );
    }

    #[test]
    fn an_older_export_with_a_rounded_lookback_window_gives_its_alert_table_back() {
        // Before headroom/long-window, a long window that is not whole minutes was only in the
        // policy's name; its lookbackWindow was rounded up (1m30s to 2m). An export older still
        // wrote a week as 1w in names.
        let s = slo("99.9", "30");
        let rows = vec![
            row("page", "2", "1h", ""),
            row("page", "12.3456", "1m30s", "10s"),
            row("ticket", "10", "7d", ""),
        ];
        let parsed: Vec<_> = rows.iter().map(|r| parse_row(r).unwrap()).collect();
        let older: String = export_for(s, &alerts::table(s, &parsed))
            .lines()
            .filter(|l| !l.contains("headroom/long-window"))
            .map(|l| format!("{l}\n"))
            .collect();
        assert!(older.contains("lookbackWindow: 2m\n"), "{older}");
        let in_weeks = older.replace("-ticket-7d-14h", "-ticket-1w-14h");
        assert!(in_weeks.contains("name: api-availability-ticket-1w-14h\n"));
        for text in [&older, &in_weeks] {
            let imported = import(text).unwrap();
            let read = imported.alert_rows.as_deref();
            assert_eq!(
                read.map(typed),
                Some(typed(&rows)),
                "{:#?}",
                imported.not_imported
            );
        }
        // A name whose long window does not round to the lookbackWindow is not read.
        let mismatched = older.replace("-page-1m30s-10s", "-page-3m30s-10s");
        let imported = import(&mismatched).unwrap();
        assert_eq!(imported.alert_rows, None);
        assert!(
            imported.not_imported.iter().any(|l| l
                == "spec.alertPolicies[1]: not imported: no headroom/long-window annotation, and \
                    its lookbackWindow may be rounded (only Headroom's own alert policies become \
                    alert rows), so the alert table keeps its rows"),
            "{:#?}",
            imported.not_imported
        );
    }

    #[test]
    fn a_ratio_with_both_bad_and_good_reads_bad_and_lists_good() {
        let text = r#"
apiVersion: openslo/v1
kind: SLO
metadata: {name: both}
spec:
  timeWindow: [{duration: 28d, isRolling: true}]
  objectives: [{target: 0.999}]
  indicator:
    spec:
      ratioMetric:
        bad: {metricSource: {type: prometheus, spec: {query: 'sum(rate(err[{{.window}}]))'}}}
        good: {metricSource: {type: prometheus, spec: {query: 'sum(rate(ok[{{.window}}]))'}}}
        total: {metricSource: {type: prometheus, spec: {query: 'sum(rate(all[{{.window}}]))'}}}
"#;
        let imported = import(text).unwrap();
        assert_eq!(
            imported.bad_query.as_deref(),
            Some("sum(rate(err[{{.window}}]))")
        );
        assert!(
            imported.not_imported.iter().any(|n| n.starts_with(
                "spec.indicator.spec.ratioMetric.good: not imported: the bad query is read instead"
            )),
            "{:?}",
            imported.not_imported
        );
    }

    #[test]
    fn a_list_or_mapping_where_text_belongs_is_named_not_called_missing() {
        let text = r#"
apiVersion: openslo/v1
kind: SLO
metadata: {name: odd}
spec:
  timeWindow: [{duration: [28d], isRolling: true}]
  objectives: [{target: 0.999}]
  indicator:
    spec:
      ratioMetric:
        bad: [1, 2]
        total: {metricSource: {type: prometheus, spec: {query: {a: 1}}}}
"#;
        let listed = import(text).unwrap().not_imported;
        for expected in [
            "spec.timeWindow[0].duration: not imported: a list or mapping, where a duration \
             belongs",
            "spec.indicator.spec.ratioMetric.bad.metricSource: not imported: a list or value, \
             where a mapping with a metricSource belongs",
            "spec.indicator.spec.ratioMetric.total.metricSource.spec.query: not imported: a list \
             or mapping, where text belongs",
        ] {
            assert!(
                listed.iter().any(|l| l == expected),
                "{expected}\n{listed:#?}"
            );
        }
        let sloth = import(
            "version: prometheus/v1\nservice: s\nslos:\n  - name: a\n    objective: [99.9]\n",
        )
        .unwrap();
        assert!(
            sloth.not_imported.iter().any(|l| l
                == "slos[0].objective: not imported: a list or mapping, where a number belongs"),
            "{:#?}",
            sloth.not_imported
        );
    }

    #[test]
    fn imports_good_and_total_as_bad_and_lists_the_rest() {
        let text = r#"
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout
  labels: {team: shop}
spec:
  service: shop
  budgetingMethod: Timeslices
  timeWindow:
    - duration: 1M
      isRolling: false
      calendar: {startTime: "2026-01-01 00:00:00", timeZone: UTC}
  objectives:
    - target: 0.995
      timeSliceTarget: 0.9
    - target: 0.99
  indicator:
    metadata: {name: checkout-sli}
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec: {query: 'sum(rate(ok_total[{{.window}}]))'}
        total:
          metricSource:
            type: Prometheus
            spec: {query: 'sum(rate(all_total[{{.window}}]))'}
  alertPolicies:
    - alert-policy-ref
---
apiVersion: openslo/v1
kind: Service
metadata: {name: shop}
"#;
        let imported = import(text).unwrap();
        assert_eq!(imported.target_percent.as_deref(), Some("99.5"));
        assert_eq!(imported.window_days, None);
        assert_eq!(
            imported.bad_query.as_deref(),
            Some("(sum(rate(all_total[{{.window}}])))\n-\n(sum(rate(ok_total[{{.window}}])))")
        );
        let listed = imported.not_imported.join("\n");
        for fragment in [
            "metadata.labels: not imported",
            "spec.budgetingMethod: Timeslices is not imported",
            "spec.timeWindow[0].duration: 1M is a calendar period",
            "spec.timeWindow[0]: a calendar-aligned window",
            "spec.timeWindow[0].calendar: not imported",
            "spec.objectives[0].timeSliceTarget: not imported",
            "spec.objectives[1]: only the first objective is read",
            "ratioMetric.good: converted: bad events are written as (total) - (good)",
            "spec.alertPolicies[0]: not imported: a reference to an alert policy written \
             elsewhere",
            "document 2: Service not imported",
        ] {
            assert!(listed.contains(fragment), "{fragment}:\n{listed}");
        }
    }

    #[test]
    fn a_calendar_window_is_said_to_be_read_as_rolling_only_when_it_is_read() {
        // (duration, the window imported, the window's lines in not_imported)
        let cases: &[(&str, Option<&str>, &[&str])] = &[
            (
                "1M",
                None,
                &[
                    "spec.timeWindow[0].duration: 1M is a calendar period with no fixed length, \
                     so the window is not imported: set it in days by hand",
                    "spec.timeWindow[0]: a calendar-aligned window: not imported, like its \
                     duration (the Alerts tab's window is a rolling one, and keeps its value)",
                ],
            ),
            (
                "43ms",
                None,
                &[
                    "spec.timeWindow[0].duration: 43ms is shorter than half a millionth of a day \
                     (the Alerts tab's shortest window is 0.000001 days, 86.4ms), so the window \
                     is not imported",
                    "spec.timeWindow[0]: a calendar-aligned window: not imported, like its \
                     duration (the Alerts tab's window is a rolling one, and keeps its value)",
                ],
            ),
            (
                "30d",
                Some("30"),
                &[
                    "spec.timeWindow[0]: a calendar-aligned window is read as a rolling window of \
                   the same length",
                ],
            ),
        ];
        for (duration, days, expected) in cases {
            let (read, window_lines) =
                imported_window(&format!("[{{duration: {duration}, isRolling: false}}]"));
            assert_eq!(read.as_deref(), *days, "{duration}");
            assert_eq!(window_lines, *expected, "{duration}");
        }
    }

    #[test]
    fn a_time_window_that_is_not_a_list_of_windows_is_listed() {
        // (timeWindow as written, the window's lines in not_imported)
        let cases: &[(&str, &[&str])] = &[
            (
                "[]",
                &[
                    "spec.timeWindow: empty: the SLO gives no window, so the Alerts tab's window \
                   keeps its value",
                ],
            ),
            (
                "30d",
                &[
                    "spec.timeWindow: not imported: a single value, where a list of windows \
                   belongs, so the Alerts tab's window keeps its value",
                ],
            ),
            (
                "{duration: 30d, isRolling: true}",
                &[
                    "spec.timeWindow: not imported: a mapping, where a list of windows belongs, \
                   so the Alerts tab's window keeps its value",
                ],
            ),
            (
                "[30d]",
                &[
                    "spec.timeWindow[0]: not imported: a single value, where a window (a mapping \
                   with a duration) belongs, so the Alerts tab's window keeps its value",
                ],
            ),
            ("[{duration: 30d, isRolling: true}]", &[]),
        ];
        for (window, expected) in cases {
            let (read, window_lines) = imported_window(window);
            let days = if expected.is_empty() {
                Some("30")
            } else {
                None
            };
            assert_eq!(read.as_deref(), days, "{window}");
            assert_eq!(window_lines, *expected, "{window}");
        }
    }

    #[test]
    fn is_rolling_is_read_as_a_yaml_boolean_in_any_of_its_spellings() {
        // YAML 1.2's core schema spells booleans true, True, TRUE, false, False and FALSE.
        // (isRolling as written, what the window's lines in not_imported say)
        let calendar = "spec.timeWindow[0]: a calendar-aligned window is read as a rolling \
                        window of the same length";
        let cases: &[(&str, &[&str])] = &[
            ("false", &[calendar]),
            ("False", &[calendar]),
            ("FALSE", &[calendar]),
            ("\"false\"", &[calendar]),
            ("true", &[]),
            ("True", &[]),
            ("TRUE", &[]),
            (
                "no",
                &[
                    "spec.timeWindow[0].isRolling: \"no\" is not true or false: the window is \
                     read as a rolling one",
                ],
            ),
            (
                "[false]",
                &[
                    "spec.timeWindow[0].isRolling: a list is not true or false: the window is \
                     read as a rolling one",
                ],
            ),
        ];
        for (is_rolling, expected) in cases {
            let (read, window_lines) = imported_window(&format!(
                "\n    - duration: 30d\n      isRolling: {is_rolling}"
            ));
            assert_eq!(read.as_deref(), Some("30"), "{is_rolling}");
            assert_eq!(window_lines, *expected, "{is_rolling}");
        }
    }

    #[test]
    fn an_objective_with_both_target_and_target_percent_lists_the_one_not_read() {
        // `target` is read, as before; `targetPercent` beside it is listed, never dropped.
        // (the objective, the target read, the objective's lines in not_imported)
        let cases: &[(&str, Option<&str>, &[&str])] = &[
            (
                "{target: 0.999, targetPercent: 95}",
                Some("99.9"),
                &[
                    "spec.objectives[0].targetPercent: 95 is not imported: `target` (99.9%) is \
                     read instead; an objective takes one of the two",
                ],
            ),
            (
                "{targetPercent: 99.9, target: 0.999}",
                Some("99.9"),
                &[
                    "spec.objectives[0].targetPercent: 99.9 is not imported: `target` gives the \
                     same target (99.9%)",
                ],
            ),
            // A `target` that cannot be read gives way to `targetPercent`.
            (
                "{target: 99.9, targetPercent: 99.9}",
                Some("99.9"),
                &[
                    "spec.objectives[0].target: 99.9 is above 1: `target` is a fraction (0.999 \
                   for 99.9%); a percentage goes in `targetPercent`",
                ],
            ),
            (
                "{target: ~, targetPercent: 99.5}",
                Some("99.5"),
                &[
                    "spec.objectives[0].target: ~ is not a target fraction (not a number: use \
                   digits and a decimal point)",
                ],
            ),
            ("{targetPercent: 99.5}", Some("99.5"), &[]),
            (
                "{target: [0.999], targetPercent: 99.5}",
                Some("99.5"),
                &[
                    "spec.objectives[0].target: not imported: a list or mapping, where a number \
                   belongs",
                ],
            ),
            (
                "{targetPercent: {value: 99.5}}",
                None,
                &[
                    "spec.objectives[0].targetPercent: not imported: a list or mapping, where a \
                   number belongs",
                ],
            ),
        ];
        for (objective, target, expected) in cases {
            let text = format!(
                "apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: a\nspec:\n  \
                 objectives: [{objective}]\n"
            );
            let imported = import(&text).unwrap();
            assert_eq!(imported.target_percent.as_deref(), *target, "{objective}");
            let objective_lines: Vec<&String> = imported
                .not_imported
                .iter()
                .filter(|l| l.starts_with("spec.objectives"))
                .collect();
            assert_eq!(objective_lines, *expected, "{objective}");
        }
    }

    #[test]
    fn odd_files_get_messages_that_say_what_to_do() {
        // `target` as a percentage: said to be a fraction, with where a percentage goes.
        let percent_as_target = "apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: a\n\
            spec:\n  objectives:\n    - target: 99.461\n";
        let imported = import(percent_as_target).unwrap();
        assert_eq!(imported.target_percent, None);
        assert!(imported.not_imported.iter().any(|l| l.contains(
            "99.461 is above 1: `target` is a fraction (0.999 for 99.9%); a percentage goes in \
             `targetPercent`"
        )));
        // A query that cannot be used for rules is imported with the reason it needs fixing.
        for (query, reason) in [
            ("sum(rate(x[5m]))", "put {{.window}} where the range goes"),
            (
                "x[{{.window}}]\u{2028}y",
                "the query holds an invisible control or separator character (U+2028)",
            ),
        ] {
            let sloth = format!(
                "version: prometheus/v1\nservice: a\nslos:\n  - name: b\n    objective: 99.9\n    \
                 sli:\n      events:\n        error_query: {}\n        total_query: \
                 t[{{{{.window}}}}]\n",
                prometheus_rules::quote(query)
            );
            let imported = import(&sloth).unwrap();
            assert_eq!(imported.bad_query.as_deref(), Some(query.trim()));
            assert!(
                imported.not_imported.iter().any(|l| l.contains(&format!(
                    "imported, but fix it before exporting rules: {reason}"
                ))),
                "{:?}",
                imported.not_imported
            );
        }
        // A Sloth spec without SLOs brings nothing, not even the 30-day window.
        let empty = import("version: \"prometheus/v1\"\nslos: []\n").map(|i| i.window_days);
        assert_eq!(
            empty,
            Err(
                "Nothing in this Sloth prometheus/v1 file could be imported; slos: empty: the \
                 spec holds no SLO"
                    .to_string()
            )
        );
    }

    #[test]
    fn imports_a_sloth_spec() {
        // A Sloth prometheus/v1 spec in the shape of Sloth's getting-started example.
        let text = r#"
version: "prometheus/v1"
service: "myservice"
labels:
  owner: "myteam"
slos:
  - name: "requests-availability"
    objective: 99.9
    description: "Common SLO based on availability for HTTP request responses."
    sli:
      events:
        error_query: sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))
        total_query: sum(rate(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))
    alerting:
      name: MyServiceHighErrorRate
      page_alert:
        labels:
          severity: pageteam
  - name: "latency"
    objective: 99
"#;
        let imported = import(text).unwrap();
        assert_eq!(imported.source, Source::Sloth);
        assert_eq!(imported.slo_name.as_deref(), Some("requests-availability"));
        assert_eq!(imported.target_percent.as_deref(), Some("99.9"));
        assert_eq!(imported.window_days.as_deref(), Some("30"));
        assert!(imported.bad_query.unwrap().contains("(5..|429)"));
        let listed = imported.not_imported.join("\n");
        for fragment in [
            "window: Sloth specs carry no window",
            "service: not imported",
            "labels: not imported",
            "slos[0].description: not imported",
            "slos[0].alerting: not imported",
            "slos[1]: only the first SLO is read",
        ] {
            assert!(listed.contains(fragment), "{fragment}:\n{listed}");
        }
    }

    /// A Sloth spec whose first SLO has `objective: {objective}` and nothing else.
    fn sloth_objective(objective: &str) -> String {
        format!(
            "version: prometheus/v1\nservice: a\nslos:\n  - name: b\n    objective: {objective}\n"
        )
    }

    #[test]
    fn an_openslo_target_percent_written_as_a_fraction_is_refused_with_the_percentage_to_write() {
        let file = |value: &str| {
            format!(
                "apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: a\nspec:\n  objectives:\n    \
                 - targetPercent: {value}\n"
            )
        };
        let imported = import(&file("0.999")).unwrap();
        assert_eq!(imported.target_percent, None);
        assert_eq!(
            imported.not_imported[0],
            "spec.objectives[0].targetPercent: 0.999 is at most 1, but `targetPercent` is a \
             percentage (0.999 would be a 0.999% SLO): for 99.9% write `targetPercent: 99.9`"
        );
        assert_eq!(
            import(&file("99.95")).unwrap().target_percent.as_deref(),
            Some("99.95")
        );
    }

    /// (target taken, window taken, the tab followed the Budget tab before, what the message
    /// says of the SLO). Absent and refused are alike: nothing of it was taken.
    const SLO_SAID: &[(bool, bool, bool, &str)] = &[
        (
            true,
            true,
            true,
            "This tab now uses its own SLO, with the file's target and window; the Budget tab is \
             unchanged.",
        ),
        (
            true,
            true,
            false,
            "This tab now uses its own SLO, with the file's target and window; the Budget tab is \
             unchanged.",
        ),
        (
            true,
            false,
            true,
            "This tab now uses its own SLO, with the file's target and the window already in its \
             own field, 30 days (none was taken from the file); the Budget tab is unchanged.",
        ),
        (
            false,
            true,
            false,
            "This tab now uses its own SLO, with the file's window and the target already in its \
             own field, 99.9% (none was taken from the file); the Budget tab is unchanged.",
        ),
        (
            false,
            false,
            true,
            "No target or window was taken from the file, so this tab still follows the Budget \
             tab's SLO.",
        ),
        (
            false,
            false,
            false,
            "No target or window was taken from the file, so this tab keeps its own SLO as it \
             was.",
        ),
    ];

    #[test]
    fn the_import_message_says_only_true_things_of_the_slo_the_tab_now_uses() {
        for (target, window, following, said) in SLO_SAID {
            let mut imported = Imported::new(Source::OpenSlo);
            imported.slo_name = Some("a".into());
            imported.target_percent = target.then(|| "99.5".to_string());
            imported.window_days = window.then(|| "7".to_string());
            let mut inputs = AlertsInputs {
                use_budget_slo: *following,
                ..AlertsInputs::default()
            };
            let message = imported.message("a.yaml", &inputs);
            imported.apply(&mut inputs);
            assert!(
                message.ends_with(said),
                "{target} {window} {following}: {message}"
            );
            // What it says is what the tab does.
            assert_eq!(
                inputs.use_budget_slo,
                said.contains("still follows"),
                "{target} {window} {following}"
            );
        }
    }

    #[test]
    fn an_import_whose_target_is_refused_says_the_tab_still_follows_the_budget_tab() {
        // It said "This tab now uses its own SLO where the file gave one" while the box that
        // links the tab to the Budget tab stayed ticked.
        let text = "apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: a\nspec:\n  \
                    objectives:\n    - targetPercent: 0.999\n";
        let imported = import(text).unwrap();
        let mut inputs = AlertsInputs::default();
        assert!(inputs.use_budget_slo);
        assert_eq!(
            imported.message("a.yaml", &inputs),
            "Imported from a.yaml (OpenSLO v1): name. No target or window was taken from the \
             file, so this tab still follows the Budget tab's SLO."
        );
        imported.apply(&mut inputs);
        assert!(inputs.use_budget_slo);
    }

    #[test]
    fn a_sloth_import_names_the_window_as_sloths_default_not_the_files() {
        // A Sloth spec has no window: the 30 days are Sloth's default, which the message said
        // was "where the file gave one".
        let cases = [
            (
                "99.9",
                "target, window, name. This tab now uses its own SLO, with the file's target and \
                 Sloth's default window of 30 days; the Budget tab is unchanged.",
            ),
            (
                "0.999",
                "window, name. This tab now uses its own SLO, with Sloth's default window of 30 \
                 days and the target already in its own field, 99.9% (none was taken from the \
                 file); the Budget tab is unchanged.",
            ),
        ];
        for (objective, said) in cases {
            let imported = import(&sloth_objective(objective)).unwrap();
            let message = imported.message("s.yml", &AlertsInputs::default());
            assert_eq!(
                message,
                format!("Imported from s.yml (Sloth prometheus/v1): {said}"),
                "{objective}"
            );
        }
    }

    #[test]
    fn a_sloth_objective_written_as_a_fraction_is_refused_with_the_percentage_to_write() {
        // Sloth's objective is a percentage (0 to 100): 0.999 would be a 0.999% SLO, almost
        // surely 99.9% written as OpenSLO's fraction; the OpenSLO guard's mirror image.
        let cases: &[(&str, Option<&str>, &str)] = &[
            (
                "0.999",
                None,
                "slos[0].objective: 0.999 is at most 1, but Sloth's `objective` is a percentage \
                 (0.999 would be a 0.999% SLO): for 99.9% write `objective: 99.9`",
            ),
            (
                "1",
                None,
                "slos[0].objective: 1 is at most 1, but Sloth's `objective` is a percentage \
                 (1 would be a 1% SLO): write the percentage, such as 99.9 for 99.9%",
            ),
            ("0.5%", Some("0.5"), ""),
            ("1.5", Some("1.5"), ""),
            ("99.9", Some("99.9"), ""),
        ];
        for (objective, target, listed) in cases {
            let imported = import(&sloth_objective(objective)).unwrap();
            assert_eq!(imported.target_percent.as_deref(), *target, "{objective}");
            let objective_lines: Vec<&String> = imported
                .not_imported
                .iter()
                .filter(|l| l.starts_with("slos[0].objective"))
                .collect();
            match listed {
                &"" => assert!(objective_lines.is_empty(), "{objective_lines:?}"),
                message => assert_eq!(objective_lines, [message], "{objective}"),
            }
        }
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        let cases: &[(&str, &str)] = &[
            ("", "empty"),
            (
                "apiVersion: openslo/v1alpha\nkind: SLO\n",
                "openslo/v1alpha is not supported",
            ),
            (
                "apiVersion: openslo/v1\nkind: Service\n",
                "holds a Service, not an SLO",
            ),
            (
                "version: prometheus/v2\n",
                "Sloth version prometheus/v2 is not supported",
            ),
            ("just: text", "Neither an OpenSLO v1 SLO"),
            ("a: [", "Not valid YAML"),
            ("\0\u{1}\u{fffd}\u{fffd}", "This is not a text file"),
            (
                "# \u{fffd}\nversion: prometheus/v2\n",
                "Sloth version prometheus/v2",
            ),
            ("version: x\0\n", "This is not a text file"),
            (
                "version: prometheus/v1\nservice: a\u{7}\n",
                "Line 2, column 11 holds a control character (U+0007), which text does not hold",
            ),
            (
                "apiVersion: openslo/v1\nkind: SLO\nspec: {}\n",
                "Nothing in this OpenSLO v1 file could be imported",
            ),
        ];
        for (text, message) in cases {
            let error = import(text).unwrap_err();
            assert!(error.contains(message), "{text:?}: {error}");
        }
    }

    #[test]
    fn a_marked_utf16_file_is_read_and_other_wide_text_named_not_called_binary() {
        // Windows PowerShell's `>` writes UTF-16 with a byte order mark, which is read; other
        // tools write it without, which is named, as UTF-32 is.
        let yaml = "apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  displayName: Время ответа\n";
        let le: Vec<u8> = yaml.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = yaml.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let utf32: Vec<u8> = yaml
            .chars()
            .flat_map(|c| (c as u32).to_le_bytes())
            .collect();
        let marked = import_file(&[&b"\xff\xfe"[..], &le].concat()).unwrap_err();
        assert!(
            marked.starts_with("Nothing in this OpenSLO v1 file"),
            "{marked}"
        );
        let cases = [(le, "UTF-16"), (be, "UTF-16"), (utf32, "UTF-32")];
        for (bytes, encoding) in cases {
            let error = import_file(&bytes).unwrap_err();
            assert_eq!(
                error,
                format!(
                    "This file is {encoding} text, and Headroom reads UTF-8: save it as UTF-8 \
                     and import it again"
                )
            );
        }
        // A binary file is still not text.
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0";
        for error in [import_file(png), import(&String::from_utf8_lossy(png))] {
            let error = error.unwrap_err();
            assert!(error.starts_with("This is not a text file"), "{error}");
        }
    }

    #[test]
    fn durations() {
        assert_eq!(duration_shorthand(3_600_000).as_deref(), Some("1h"));
        assert_eq!(duration_shorthand(5_400_000).as_deref(), Some("90m"));
        assert_eq!(duration_shorthand(604_800_000).as_deref(), Some("7d"));
        assert_eq!(duration_shorthand(450_000), None);
        let days = |text: &str| window_from_duration(text).map(|read| read.days);
        assert_eq!(days("720h"), Ok("30".to_string()));
        assert_eq!(days("4w"), Ok("28".to_string()));
        assert_eq!(days("90m"), Ok("0.0625".to_string()));
        assert_eq!(days("7m"), Ok("0.004861".to_string()));
        assert!(window_from_duration("30 days").is_err());
        assert_eq!(target_from_fraction("0.999"), Ok("99.9".to_string()));
        assert!(target_from_fraction("1").is_err());
        assert!(target_from_fraction("99.9").is_err());
    }

    #[test]
    fn a_window_reads_every_duration_the_alerts_tab_accepts() {
        // (duration as written, days, what it is)
        let cases: &[(&str, &str, &str)] = &[
            ("1y", "365", "a Prometheus year, 365 days"),
            ("2w2d", "16", "several units, largest first"),
            ("1d12h", "1.5", "days and hours"),
            ("1h30m", "0.0625", "hours and minutes"),
            ("4w", "28", "OpenSLO's own shorthand"),
            ("86400s", "1", "seconds"),
            ("86400000ms", "1", "milliseconds"),
            (" 30d ", "30", "spaces around it"),
        ];
        for (text, days, what) in cases {
            let read = window_from_duration(text);
            assert_eq!(
                read.as_ref().map(|read| read.days.as_str()),
                Ok(*days),
                "{what}"
            );
            assert_eq!(read.map(|read| read.rounded), Ok(None), "{what}");
        }
        // What neither reads is refused with the Alerts tab's reason; OpenSLO's calendar units
        // (upper case) are named as such, and a year in lower case is Prometheus's 365 days.
        let refused: &[(&str, &str)] = &[
            (
                "1Y",
                "1Y is a calendar period with no fixed length, so the window is not imported: \
                 set it in days by hand",
            ),
            (
                "1M",
                "1M is a calendar period with no fixed length, so the window is not imported: \
                 set it in days by hand",
            ),
            (
                "2d2w",
                "2d2w: Write each unit once, from the largest to the smallest: 1h30m, not 30m1h",
            ),
            (
                "1.5d",
                "1.5d: Prometheus durations take whole numbers: write 1h30m instead of 1.5h",
            ),
            (
                "43ms",
                "43ms is shorter than half a millionth of a day (the Alerts tab's shortest window \
                 is 0.000001 days, 86.4ms), so the window is not imported",
            ),
            (
                "101y",
                "101y: Durations longer than 100 years (36525d) are not supported",
            ),
        ];
        for (text, message) in refused {
            assert_eq!(
                window_from_duration(text),
                Err(message.to_string()),
                "{text}"
            );
        }
    }

    #[test]
    fn a_window_of_several_units_is_imported_and_exported_as_days() {
        let text = "apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: api}\nspec:\n  \
                    timeWindow:\n    - duration: 2w2d\n      isRolling: true\n  objectives:\n    \
                    - target: 0.999\n";
        let imported = import(text).unwrap();
        assert_eq!(imported.window_days.as_deref(), Some("16"));
        let window = |days: &str| {
            let text = export_for(slo("99.9", days), &[]);
            let line = text.lines().find(|l| l.contains("- duration:")).unwrap();
            line.trim().to_string()
        };
        // OpenSLO's shorthand is one number and one unit: a year is written in days.
        assert_eq!(window("365"), "- duration: 365d");
        assert_eq!(window("16"), "- duration: 16d");
        assert_eq!(window("1.5"), "- duration: 36h");
    }

    #[test]
    fn a_window_exports_exactly_or_says_why_not_and_its_export_comes_back_unchanged() {
        // A window of 0.01 days (14.4 minutes) was written `14m`, which the import refused;
        // 0.3333 days was cut to `479m`, 0.0007 days (60.48 s) written `1m`, and 2.000001 days
        // written `2880m`, which the import read as 2 days and listed nothing. OpenSLO's
        // shorthand counts whole minutes at the finest (m, h, d, w and calendar units; no
        // seconds), so only a window of whole minutes can be written exactly.
        // (window typed, the duration written, or how the message saying why none is ends)
        let cases: &[(&str, Result<&str, &str>)] = &[
            ("0.01", Err("the nearest are 0.00625 and 0.0125 days.")),
            ("0.3333", Err("the nearest are 0.33125 and 0.3375 days.")),
            ("0.0007", Err("the nearest is 0.00625 days.")),
            ("2.000001", Err("the nearest are 2 and 2.00625 days.")),
            (
                "36524.999999",
                Err("the nearest are 36,524.99375 and 36,525 days."),
            ),
            ("28", Ok("28d")),
            ("30", Ok("30d")),
            ("7.5", Ok("180h")),
            ("36525", Ok("36525d")),
            ("0.00625", Ok("9m")),
            ("0.0625", Ok("90m")),
            ("1.5", Ok("36h")),
            ("2.00625", Ok("2889m")),
        ];
        let s = slo("99.9", "0.01");
        assert_eq!(
            export_or_why_not(s, &alerts_for(s), SliKind::Requests)
                .unwrap_err()
                .to_string(),
            "The OpenSLO document is not written: OpenSLO writes a window in whole minutes at the \
             finest (its durations have no seconds), and 0.01 days is not a whole number of \
             minutes, so the file would hold another window. A window of whole minutes is a \
             multiple of 0.00625 days (9 minutes): the nearest are 0.00625 and 0.0125 days."
        );
        for (days, expected) in cases {
            let s = slo("99.9", days);
            let alerts = alerts_for(s);
            let text = match (export_or_why_not(s, &alerts, SliKind::Requests), expected) {
                (Ok(text), Ok(_)) => text,
                (Err(why), Err(nearest)) => {
                    let why = why.to_string();
                    let phrase = days_phrase(&WindowDays::parse(days).unwrap().days_text());
                    assert!(
                        why.contains(&format!("and {phrase} is not a whole number of minutes"))
                            && why.ends_with(nearest),
                        "{days}: {why}"
                    );
                    continue;
                }
                (got, _) => panic!("{days}: {got:?}"),
            };
            let Ok(duration) = expected else {
                unreachable!()
            };
            assert!(
                text.contains(&format!("  timeWindow:\n    - duration: {duration}\n")),
                "{days}: {text}"
            );
            let before = AlertsInputs {
                use_budget_slo: false,
                target_percent: "99.9".to_string(),
                window_days: days.to_string(),
                rows: AlertRowInputs::workbook_defaults(),
                slo_name: "api-availability".to_string(),
                bad_query: EXAMPLE_BAD_QUERY.to_string(),
                total_query: EXAMPLE_TOTAL_QUERY.to_string(),
                ..AlertsInputs::default()
            };
            let imported = import(&text).unwrap();
            assert_eq!(imported.not_imported, Vec::<String>::new(), "{days}");
            let mut after = before.clone();
            imported.apply(&mut after);
            assert_eq!(after, before, "{days}");
        }
    }

    #[test]
    fn an_imported_window_rounded_to_millionths_of_a_day_is_listed() {
        // (duration in the file, the window imported, the window's lines in not_imported)
        let cases: &[(&str, Option<&str>, &[&str])] = &[
            ("90m", Some("0.0625"), &[]),
            ("9m", Some("0.00625"), &[]),
            ("432ms", Some("0.000005"), &[]),
            (
                "7m",
                Some("0.004861"),
                &[
                    "spec.timeWindow[0].duration: 7m is not a whole number of millionths of a \
                   day, the Alerts tab's unit for a window: imported as the nearest, 0.004861 \
                   days",
                ],
            ),
            (
                "14m",
                Some("0.009722"),
                &[
                    "spec.timeWindow[0].duration: 14m is not a whole number of millionths of a \
                   day, the Alerts tab's unit for a window: imported as the nearest, 0.009722 \
                   days",
                ],
            ),
            (
                "44ms",
                Some("0.000001"),
                &[
                    "spec.timeWindow[0].duration: 44ms is not a whole number of millionths of a \
                   day, the Alerts tab's unit for a window: imported as the nearest, 0.000001 \
                   days",
                ],
            ),
            (
                "43ms",
                None,
                &[
                    "spec.timeWindow[0].duration: 43ms is shorter than half a millionth of a day \
                   (the Alerts tab's shortest window is 0.000001 days, 86.4ms), so the window \
                   is not imported",
                ],
            ),
        ];
        for (duration, days, expected) in cases {
            let (read, window_lines) =
                imported_window(&format!("[{{duration: {duration}, isRolling: true}}]"));
            assert_eq!(read.as_deref(), *days, "{duration}");
            assert_eq!(window_lines, *expected, "{duration}");
        }
    }
}
