//! Prometheus rule files for the alert table, written by hand so the output is deterministic:
//! one group with a recording rule per window for the error ratio, built from the user's PromQL
//! for bad and total events, then one alerting rule per row with the AND of its two windows.
//!
//! Conventions: the window placeholder is `{{.window}}` (Sloth's; `{{ .window }}` works too) and
//! is replaced by the window in Prometheus form (`5m`, `1h30m`). Recording rules are named
//! `slo:sli_error:ratio_rate<window>` and carry the label `slo`. A threshold is written as
//! `(<burn rate> * <error budget>)`, both exact: a terminating decimal as it is (`14.4`), a
//! repeating one as a fraction of whole numbers (`(14 / 15)`), never a rounded float.

use std::fmt::Write as _;

use crate::calc::alerts::{format_number, format_percent, format_time, AlertFigures, Slo};
use crate::calc::decimal::days_phrase;
use crate::calc::prom_duration::PromDuration;
use crate::calc::ratio::Ratio;

/// The placeholder for the range of a query, in Sloth's spelling.
pub const WINDOW_PLACEHOLDER: &str = "{{.window}}";
const PLACEHOLDERS: [&str; 2] = ["{{.window}}", "{{ .window }}"];
/// The longest query accepted, in characters (a scenario's text limit).
pub const MAX_QUERY_CHARS: usize = 2_000;
/// The longest SLO name accepted.
pub const MAX_NAME_CHARS: usize = 63;
/// The name of every alerting rule; rows differ by their labels.
pub const ALERT_NAME: &str = "ErrorBudgetBurn";

/// Checks an SLO name: 1 to 63 ASCII letters, digits, `-`, `_` or `.`, starting with a letter.
/// It becomes a label value, part of group names and the OpenSLO `metadata.name`.
pub fn check_slo_name(text: &str) -> Result<String, String> {
    let name = text.trim();
    if name.is_empty() {
        return Err("Enter a name for the SLO, for example api-availability".to_string());
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(format!("Use at most {MAX_NAME_CHARS} characters"));
    }
    match name.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => {}
        Some(c) if c.is_alphabetic() => {
            return Err(format!(
                "Start the name with a letter from A to Z: \"{c}\" is not one"
            ))
        }
        _ => return Err("Start the name with a letter".to_string()),
    }
    if let Some(bad) = name.chars().find(|&c| !allowed_in_name(c)) {
        let rule = format!(
            "{} is not allowed: use letters A to Z, digits, -, _ and .",
            shown_char(bad)
        );
        return Err(match check_slo_name(&suggested_name(name)) {
            Ok(suggestion) => format!("{rule}, for example \"{suggestion}\""),
            Err(_) => rule,
        });
    }
    Ok(name.to_string())
}

/// A character named in a message: in quotes as it is (`" "`), or, if it would not show or would
/// reorder the message around it (any control, what a query may not hold, a zero-width
/// character), as its code point (`<U+202E>`).
fn shown_char(c: char) -> String {
    let zero_width = matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}');
    if c.is_control() || unfit_for_yaml(c) || zero_width {
        format!("<U+{:04X}>", u32::from(c))
    } else {
        format!("\"{c}\"")
    }
}

fn allowed_in_name(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')
}

/// The name with each run of characters a name may not hold made one `-` (a `-` typed next to
/// the run is part of it, so "Checkout - API" becomes "Checkout-API"), and none at the end.
fn suggested_name(name: &str) -> String {
    let mut suggestion = String::with_capacity(name.len());
    let mut in_run = false;
    for c in name.chars() {
        if allowed_in_name(c) && !(in_run && c == '-') {
            suggestion.push(c);
            in_run = false;
        } else if !in_run {
            suggestion.push('-');
            in_run = true;
        }
    }
    if in_run {
        suggestion.pop();
    }
    suggestion
}

/// Checks a PromQL query for bad or total events: not empty, at most 2,000 characters, no
/// control characters but line breaks and tabs, the window placeholder at least once, and its
/// brackets paired ([`check_brackets`]; the query is not otherwise parsed as PromQL).
/// Returns it trimmed, with Windows line breaks made plain.
pub fn check_query(text: &str) -> Result<String, String> {
    let query = text.replace("\r\n", "\n").trim().to_string();
    if query.is_empty() {
        return Err(format!(
            "Enter a PromQL query, for example sum(rate(http_requests_total[{WINDOW_PLACEHOLDER}]))"
        ));
    }
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(format!("Use at most {MAX_QUERY_CHARS} characters"));
    }
    if let Some(c) = query.chars().find(|&c| unfit_for_yaml(c)) {
        return Err(format!(
            "The query holds an invisible control or separator character (U+{:04X}); retype it",
            c as u32
        ));
    }
    if !PLACEHOLDERS.iter().any(|p| query.contains(p)) {
        return Err(format!(
            "Put {WINDOW_PLACEHOLDER} where the range goes, as in [{WINDOW_PLACEHOLDER}]: each \
             window gets its own rule"
        ));
    }
    check_placeholders_in_ranges(&query)?;
    check_brackets(text)?;
    Ok(query)
}

/// Each window placeholder stands where a range goes, right after a `[` (as in
/// `[{{.window}}]` or a subquery's `[{{.window}}:1m]`): anywhere else the rules would hold a
/// bare duration, which Prometheus refuses or reads as something else.
fn check_placeholders_in_ranges(query: &str) -> Result<(), String> {
    for placeholder in PLACEHOLDERS {
        for (at, _) in query.match_indices(placeholder) {
            let before = query[..at].trim_end();
            if !before.ends_with('[') {
                let character = query[..at].chars().count() + 1;
                return Err(format!(
                    "Put {WINDOW_PLACEHOLDER} inside the range brackets, as in \
                     [{WINDOW_PLACEHOLDER}]: the one at character {character} is outside them"
                ));
            }
        }
    }
    Ok(())
}

/// A place in a query as typed: its line and character, both counted from 1.
#[derive(Debug, Clone, Copy)]
struct Place {
    line: usize,
    character: usize,
}

impl Place {
    /// "at character 4" in a query of one line, "on line 2, character 4" in one of several.
    fn words(self, multi_line: bool) -> String {
        if multi_line {
            format!("on line {}, character {}", self.line, self.character)
        } else {
            format!("at character {}", self.character)
        }
    }
}

/// Checks that the brackets `()`, `[]` and `{}` of a query pair up, as PromQL requires, without
/// parsing PromQL: brackets inside string literals (`"..."` and `'...'`, where a backslash
/// escapes the next character, and `` `...` ``, where it does not) and in `#` comments (to the
/// end of the line) are not counted. The message names the first problem and its place in the
/// text as typed (lines split at line feeds; a carriage return before one is not counted).
fn check_brackets(text: &str) -> Result<(), String> {
    let multi_line = text.trim_end().contains('\n');
    let mut open: Vec<(char, Place)> = Vec::new();
    let mut string: Option<(char, Place)> = None;
    let mut escaped = false;
    let mut comment = false;
    let mut place = Place {
        line: 1,
        character: 0,
    };
    for c in text.chars() {
        if c == '\n' {
            place.line += 1;
            place.character = 0;
            comment = false;
            escaped = false;
            continue;
        }
        if c != '\r' {
            place.character += 1;
        }
        if comment {
            continue;
        }
        if let Some((quote, _)) = string {
            if escaped {
                escaped = false;
            } else if c == '\\' && quote != '`' {
                escaped = true;
            } else if c == quote {
                string = None;
            }
            continue;
        }
        match c {
            '"' | '\'' | '`' => string = Some((c, place)),
            '#' => comment = true,
            '(' | '[' | '{' => open.push((c, place)),
            ')' | ']' | '}' => {
                let opening = match c {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                match open.pop() {
                    Some((o, _)) if o == opening => {}
                    Some((o, at)) => {
                        return Err(format!(
                            "A {c} {} does not close the {o} {}, which needs a {}",
                            place.words(multi_line),
                            at.words(multi_line),
                            closing(o)
                        ))
                    }
                    None => {
                        return Err(format!(
                            "A {c} {} has no opening {opening}",
                            place.words(multi_line)
                        ))
                    }
                }
            }
            _ => {}
        }
    }
    if let Some((quote, at)) = string {
        return Err(format!(
            "A string opened by {quote} {} is never closed",
            at.words(multi_line)
        ));
    }
    match open.last() {
        Some((o, at)) => Err(format!(
            "An opening {o} {} is never closed",
            at.words(multi_line)
        )),
        None => Ok(()),
    }
}

/// The bracket that closes `opening`.
fn closing(opening: char) -> char {
    match opening {
        '(' => ')',
        '[' => ']',
        _ => '}',
    }
}

/// Characters a query may not hold: control characters other than line breaks and tabs, and
/// those YAML reads as line breaks (U+2028, U+2029) or does not allow in a text at all (a byte
/// order mark inside it, U+FFFE, U+FFFF), and the controls of text direction
/// ([`super::BIDI_CONTROLS`]), which would show the rule file's lines reordered. Each would
/// break the literal block the query is written in, or change the query without a sign of it;
/// a quoted text ([`quote`]) writes them as `\u` escapes, which YAML reads back as they were.
fn unfit_for_yaml(c: char) -> bool {
    super::BIDI_CONTROLS.contains(&c)
        || (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

/// The query with every placeholder replaced by `window`.
pub fn window_query(query: &str, window: PromDuration) -> String {
    let text = window.to_string();
    PLACEHOLDERS
        .iter()
        .fold(query.to_string(), |q, p| q.replace(p, &text))
}

/// The recording rule's name for the error ratio over `window`.
pub fn record_name(window: PromDuration) -> String {
    format!("slo:sli_error:ratio_rate{window}")
}

/// What the rules are made from. Queries and the name must have passed their checks.
#[derive(Debug, Clone, Copy)]
pub struct RulesSpec<'a> {
    pub slo_name: &'a str,
    pub slo: Slo,
    pub bad_query: &'a str,
    pub total_query: &'a str,
    pub alerts: &'a [AlertFigures],
}

/// A recording rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordingRule {
    pub record: String,
    pub expr: String,
    pub labels: Vec<(String, String)>,
}

/// An alerting rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertingRule {
    pub alert: String,
    pub expr: String,
    pub labels: Vec<(String, String)>,
    pub annotations: Vec<(String, String)>,
}

/// Every window the alerts use, shortest first, each once.
pub fn windows(alerts: &[AlertFigures]) -> Vec<PromDuration> {
    let mut all: Vec<PromDuration> = alerts
        .iter()
        .flat_map(|a| [a.row.long, a.row.short])
        .collect();
    all.sort();
    all.dedup();
    all
}

/// An exact number as PromQL: a terminating decimal as written, a repeating one as a fraction.
pub fn exact_literal(value: Ratio) -> String {
    match crate::calc::alerts::terminating_places(value) {
        Some(places) => crate::calc::ratio::trim_decimal_zeros(value.format_fixed(places.min(18))),
        None => format!("({} / {})", value.numerator(), value.denominator()),
    }
}

/// The alert's threshold as PromQL: `(14.4 * 0.001)`.
pub fn threshold_literal(alert: &AlertFigures, slo: Slo) -> String {
    format!(
        "({} * {})",
        exact_literal(alert.burn_rate_threshold),
        slo.target.budget_fraction_text()
    )
}

/// The recording rules: the error ratio over each window.
pub fn recording_rules(spec: &RulesSpec) -> Vec<RecordingRule> {
    windows(spec.alerts)
        .into_iter()
        .map(|w| RecordingRule {
            record: record_name(w),
            expr: format!(
                "(\n{}\n)\n/\n(\n{}\n)",
                indent(&window_query(spec.bad_query, w), 2),
                indent(&window_query(spec.total_query, w), 2)
            ),
            labels: vec![("slo".to_string(), spec.slo_name.to_string())],
        })
        .collect()
}

/// The alerting rules, one per row of the table.
pub fn alerting_rules(spec: &RulesSpec) -> Vec<AlertingRule> {
    let budget_percent = format_percent(spec.slo.budget());
    spec.alerts
        .iter()
        .map(|a| {
            let threshold = threshold_literal(a, spec.slo);
            let selector = |w: PromDuration| {
                format!(
                    "{}{{slo=\"{}\"}} > {threshold}",
                    record_name(w),
                    spec.slo_name
                )
            };
            let burn = format_number(a.burn_rate_threshold);
            let summary = format!(
                "{}: error budget burning at over {burn}× the sustainable rate ({} {} / {})",
                spec.slo_name,
                a.row.severity.slug(),
                a.row.long,
                a.row.short
            );
            let description = format!(
                "The error ratio of {} is above {}% ({burn}× the {budget_percent}% error budget \
                 of the {}% SLO) over both the last {} and the last {}. This alert is planned to \
                 fire once {}% of the {}-day error budget is spent; at this burn rate the whole \
                 budget lasts {}.",
                spec.slo_name,
                format_percent(a.error_ratio_threshold),
                spec.slo.target.percent_text(),
                a.row.long,
                a.row.short,
                format_percent(a.row.budget_share),
                spec.slo.window.days_text(),
                format_time(a.exhaustion_ms)
            );
            AlertingRule {
                alert: ALERT_NAME.to_string(),
                expr: format!("{}\nand\n{}", selector(a.row.long), selector(a.row.short)),
                labels: vec![
                    ("severity".to_string(), a.row.severity.slug().to_string()),
                    ("slo".to_string(), spec.slo_name.to_string()),
                    ("long_window".to_string(), a.row.long.to_string()),
                    ("short_window".to_string(), a.row.short.to_string()),
                ],
                annotations: vec![
                    ("summary".to_string(), summary),
                    ("description".to_string(), description),
                ],
            }
        })
        .collect()
}

/// The rule file: a header comment, a group of recording rules and a group of alerting rules.
pub fn render(spec: &RulesSpec) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Prometheus rules for the SLO {}: {}% over a rolling {}.",
        spec.slo_name,
        spec.slo.target.percent_text(),
        days_phrase(&spec.slo.window.days_text())
    );
    out.push_str(
        "# Written by Headroom: multi-window, multi-burn-rate alerts (Google SRE workbook,\n\
         # \"Alerting on SLOs\"). Burn-rate threshold = budget share x SLO window / long window;\n\
         # error-ratio threshold = burn-rate threshold x (1 - SLO).\n",
    );
    // One group, recording rules first: rules of a group are evaluated in order at the same
    // instant, so each alert reads the error ratios of this evaluation, never the previous one
    // (with two groups their order, and so a one-interval lag, is not guaranteed).
    out.push_str("groups:\n");
    let _ = writeln!(
        out,
        "  - name: {}",
        quote(&format!("{}-burn-rate-alerts", spec.slo_name))
    );
    out.push_str("    rules:\n");
    for rule in recording_rules(spec) {
        let _ = writeln!(out, "      - record: {}", rule.record);
        write_block(&mut out, "expr", &rule.expr, 8);
        write_map(&mut out, "labels", &rule.labels, 8);
    }
    for rule in alerting_rules(spec) {
        let _ = writeln!(out, "      - alert: {}", rule.alert);
        write_block(&mut out, "expr", &rule.expr, 8);
        write_map(&mut out, "labels", &rule.labels, 8);
        write_map(&mut out, "annotations", &rule.annotations, 8);
    }
    out
}

fn indent(text: &str, spaces: usize) -> String {
    let pad = " ".repeat(spaces);
    text.lines()
        .map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!("{pad}{line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `key: |-` and the text as a literal block, indented `spaces` + 2.
pub(crate) fn write_block(out: &mut String, key: &str, text: &str, spaces: usize) {
    let pad = " ".repeat(spaces);
    let _ = writeln!(out, "{pad}{key}: |-");
    for line in text.lines() {
        if line.trim().is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{pad}  {}", line.trim_end());
        }
    }
}

fn write_map(out: &mut String, key: &str, entries: &[(String, String)], spaces: usize) {
    let pad = " ".repeat(spaces);
    let _ = writeln!(out, "{pad}{key}:");
    for (k, v) in entries {
        let _ = writeln!(out, "{pad}  {k}: {}", quote(v));
    }
}

/// A YAML double-quoted scalar: `"`, `\`, control characters and the characters YAML reads as
/// line breaks or refuses (see [`unfit_for_yaml`]) escaped.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if unfit_for_yaml(c) => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_placeholder_outside_range_brackets_is_refused() {
        let outside = r#"sum(rate(http_requests_total{code=~"5.."}{{.window}}))"#;
        assert_eq!(
            check_query(outside),
            Err(
                "Put {{.window}} inside the range brackets, as in [{{.window}}]: the one at \
                 character 42 is outside them"
                    .to_string()
            )
        );
        for fine in [
            "sum(rate(x[{{.window}}]))",
            "sum(rate(x[ {{ .window }} ]))",
            "max_over_time(up[{{.window}}:1m])",
        ] {
            assert!(check_query(fine).is_ok(), "{fine}");
        }
        assert!(check_query("sum(rate(x[{{.window}}])) / {{.window}}").is_err());
    }
    use crate::calc::alerts::{self, parse_row};
    use crate::calc::slo::{SloTarget, WindowDays};
    use crate::inputs::{AlertRowInputs, EXAMPLE_BAD_QUERY, EXAMPLE_TOTAL_QUERY};

    fn slo(target: &str, days: &str) -> Slo {
        Slo {
            target: SloTarget::parse(target).unwrap(),
            window: WindowDays::parse(days).unwrap(),
        }
    }

    fn default_alerts(s: Slo) -> Vec<AlertFigures> {
        let rows: Vec<_> = AlertRowInputs::workbook_defaults()
            .iter()
            .map(|r| parse_row(r).unwrap())
            .collect();
        alerts::table(s, &rows)
    }

    fn render_default(s: Slo) -> String {
        let alerts = default_alerts(s);
        render(&RulesSpec {
            slo_name: "api-availability",
            slo: s,
            bad_query: EXAMPLE_BAD_QUERY,
            total_query: EXAMPLE_TOTAL_QUERY,
            alerts: &alerts,
        })
    }

    #[test]
    fn writes_the_workbook_rules() {
        let text = render_default(slo("99.9", "30"));
        // Every window once: 5m, 30m, 1h, 2h, 6h, 1d, 3d.
        let records: Vec<&str> = text
            .lines()
            .filter_map(|l| l.trim().strip_prefix("- record: "))
            .collect();
        assert_eq!(
            records,
            [
                "slo:sli_error:ratio_rate5m",
                "slo:sli_error:ratio_rate30m",
                "slo:sli_error:ratio_rate1h",
                "slo:sli_error:ratio_rate2h",
                "slo:sli_error:ratio_rate6h",
                "slo:sli_error:ratio_rate1d",
                "slo:sli_error:ratio_rate3d"
            ]
        );
        assert!(text.contains(
            "          (\n            sum(rate(http_requests_total{job=\"api\",code=~\"5..\"}[5m]))\n          )\n          /\n"
        ), "{text}");
        assert!(text.contains(
            "        expr: |-\n          slo:sli_error:ratio_rate1h{slo=\"api-availability\"} > (14.4 * 0.001)\n          and\n          slo:sli_error:ratio_rate5m{slo=\"api-availability\"} > (14.4 * 0.001)\n"
        ), "{text}");
        assert!(text.contains("> (1 * 0.001)"));
        assert_eq!(text.matches("- alert: ErrorBudgetBurn").count(), 4);
        // One group: the alerts follow the recording rules they read.
        assert_eq!(text.matches("  - name: ").count(), 1);
        assert!(text.find("- record: slo:sli_error:ratio_rate3d") < text.find("- alert: "));
        assert!(text.contains("          severity: \"page\"\n"));
        assert!(text.contains("          long_window: \"3d\"\n          short_window: \"6h\"\n"));
        assert!(text.contains(
            "summary: \"api-availability: error budget burning at over 14.4× the sustainable rate (page 1h / 5m)\""
        ));
        assert!(text.contains("above 1.44% (14.4× the 0.1% error budget of the 99.9% SLO)"));
        assert!(text.contains("once 2% of the 30-day error budget is spent"));
        assert!(!text.contains("{{"), "no placeholder is left: {text}");
    }

    #[test]
    fn repeating_thresholds_are_fractions_not_floats() {
        let text = render_default(slo("99.9", "28"));
        assert!(text.contains("> (13.44 * 0.001)"));
        assert!(text.contains("> (5.6 * 0.001)"));
        assert!(text.contains("> (2.8 * 0.001)"));
        assert!(text.contains("> ((14 / 15) * 0.001)"), "{text}");
        // The annotations may say ≈0.9333× for people; no expression holds a rounded number.
        assert!(!text
            .lines()
            .any(|l| l.contains(" > ") && l.contains("0.9333")));
        assert_eq!(exact_literal(Ratio::new(1, 3).unwrap()), "(1 / 3)");
        assert_eq!(exact_literal(Ratio::new(1, 8).unwrap()), "0.125");
    }

    #[test]
    fn the_output_is_deterministic() {
        let s = slo("99.95", "7");
        assert_eq!(render_default(s), render_default(s));
    }

    #[test]
    fn a_refused_slo_name_suggests_one_that_is_taken() {
        // "Checkout API" was refused with only the rule; the message now shows what to type.
        let rule = "use letters A to Z, digits, -, _ and .";
        let cases = [
            ("Checkout API", " ", "Checkout-API"),
            ("Checkout  API", " ", "Checkout-API"),
            ("Checkout - API", " ", "Checkout-API"),
            ("checkout/api:v2", "/", "checkout-api-v2"),
            ("Checkout API!", " ", "Checkout-API"),
            ("api-größe", "ö", "api-gr-e"),
        ];
        for (typed, bad, suggested) in cases {
            assert_eq!(
                check_slo_name(typed),
                Err(format!(
                    "\"{bad}\" is not allowed: {rule}, for example \"{suggested}\""
                )),
                "{typed}"
            );
            assert_eq!(
                check_slo_name(suggested),
                Ok(suggested.to_string()),
                "{typed}"
            );
        }
    }

    #[test]
    fn a_character_that_would_not_show_is_named_by_its_code_point() {
        // A U+202E in the name reversed the message under the field on the page (". dna _ ,-").
        let rule = "is not allowed: use letters A to Z, digits, -, _ and .";
        let cases = [
            ("prod\u{202E}error", "<U+202E>", "prod-error"),
            ("a\u{200B}b", "<U+200B>", "a-b"),
            ("a\tb", "<U+0009>", "a-b"),
            ("a\u{2067}b", "<U+2067>", "a-b"),
        ];
        for (typed, shown, suggested) in cases {
            assert_eq!(
                check_slo_name(typed),
                Err(format!("{shown} {rule}, for example \"{suggested}\"")),
                "{typed:?}"
            );
        }
    }

    #[test]
    fn checks_names_and_queries() {
        assert_eq!(
            check_slo_name(" api-availability "),
            Ok("api-availability".into())
        );
        assert!(check_slo_name("").unwrap_err().contains("Enter a name"));
        assert!(check_slo_name("9lives")
            .unwrap_err()
            .contains("Start the name with a letter"));
        assert!(check_slo_name("a b")
            .unwrap_err()
            .contains("\" \" is not allowed"));
        // A letter outside A to Z is named as such, not called "not a letter".
        assert_eq!(
            check_slo_name("über-api"),
            Err("Start the name with a letter from A to Z: \"ü\" is not one".into())
        );
        assert!(check_slo_name(&"a".repeat(64)).is_err());
        assert!(check_query("")
            .unwrap_err()
            .contains("Enter a PromQL query"));
        assert!(check_query("sum(rate(x[5m]))")
            .unwrap_err()
            .contains("Put {{.window}}"));
        assert!(check_query("x\u{7}[{{.window}}]")
            .unwrap_err()
            .contains("control or separator character (U+0007)"));
        for separator in ['\u{2028}', '\u{2029}', '\u{feff}'] {
            let query = format!("sum(rate(x{{a=\"{separator}\"}}[{{{{.window}}}}]))");
            assert!(check_query(&query)
                .unwrap_err()
                .contains("separator character (U+"));
        }
        assert_eq!(quote("a\u{2028}b\u{2029}"), "\"a\\u2028b\\u2029\"");
        // A direction control would show the rest of its line reordered in an editor: a query
        // may not hold one, and a quoted text writes it as an escape YAML reads back.
        let hidden = "sum(rate(x{a=\"\u{202E}1\"}[{{.window}}]))";
        assert!(check_query(hidden)
            .unwrap_err()
            .contains("control or separator character (U+202E)"));
        assert_eq!(quote("a\u{2066}b\u{061C}"), "\"a\\u2066b\\u061c\"");
        assert_eq!(
            check_query("  sum(rate(x[{{ .window }}]))\r\n").unwrap(),
            "sum(rate(x[{{ .window }}]))"
        );
        assert_eq!(
            window_query(
                "a[{{.window}}] / b[{{ .window }}]",
                PromDuration::parse("1h30m").unwrap()
            ),
            "a[1h30m] / b[1h30m]"
        );
    }

    #[test]
    fn unbalanced_brackets_are_named_with_their_place() {
        // (query, the message), the place counted in characters from 1 as typed.
        let refused: &[(&str, &str)] = &[
            (
                "sum(rate(errors_total[{{.window}}]) ",
                "An opening ( at character 4 is never closed",
            ),
            (
                "sum(rate(errors_total[{{.window}}])))",
                "A ) at character 37 has no opening (",
            ),
            (
                "sum(rate(x{a=\"b\"[{{.window}}]))",
                "A ) at character 30 does not close the { at character 11, which needs a }",
            ),
            (
                "sum(rate(x[{{.window}})))",
                "A ) at character 23 does not close the [ at character 11, which needs a ]",
            ),
            (
                "sum(rate(x{a=\"b}[{{.window}}]))",
                "A string opened by \" at character 14 is never closed",
            ),
            (
                "sum(rate(x[{{.window}}]))\n/\nsum(rate(y[{{.window}}])",
                "An opening ( on line 3, character 4 is never closed",
            ),
            (
                "sum(rate(x[{{.window}}]))\n]",
                "A ] on line 2, character 1 has no opening [",
            ),
        ];
        for (query, message) in refused {
            assert_eq!(check_query(query), Err(message.to_string()), "{query}");
        }
        // Brackets inside strings and comments are not counted; escapes stay inside a string.
        let accepted = [
            r#"sum(rate(x{path="/a(b|c"}[{{.window}}]))"#,
            r#"sum(rate(x{path='}\'['}[{{.window}}]))"#,
            r#"sum(rate(x{msg="say \"(\" please"}[{{.window}}]))"#,
            "sum(rate(x{path=~`\\d+\\)|[(]`}[{{.window}}]))",
            "sum(rate(x[{{.window}}])) # a ) or ( in a comment\n",
            "sum(\n  rate(x[{{ .window }}]) # (\n)",
            EXAMPLE_BAD_QUERY,
            EXAMPLE_TOTAL_QUERY,
        ];
        for query in accepted {
            assert!(
                check_query(query).is_ok(),
                "{query}: {:?}",
                check_query(query)
            );
        }
    }

    #[test]
    fn multi_line_queries_stay_inside_their_block() {
        let s = slo("99.9", "30");
        let alerts = default_alerts(s);
        let text = render(&RulesSpec {
            slo_name: "x",
            slo: s,
            bad_query: "sum(\n  rate(errors[{{.window}}])\n)\n\n# a comment",
            total_query: "sum(rate(all[{{.window}}]))",
            alerts: &alerts,
        });
        assert!(text.contains("            sum(\n              rate(errors[5m])\n            )\n\n            # a comment\n"), "{text}");
    }

    #[test]
    fn quotes_yaml_safely() {
        assert_eq!(quote("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
        assert_eq!(quote("\u{1}"), "\"\\u0001\"");
    }
}
