//! The generated Prometheus rules, checked by Prometheus's own `promtool` (Debian package
//! `prometheus`, installed by `scripts/test`): `promtool check rules` accepts the file, and
//! `promtool test rules` with synthetic request counters shows every alert of the default table
//! firing at the minute the calculator predicts, and not one evaluation before.
//!
//! A missing promtool fails these tests: a skipped check would look like a passed one.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use headroom::calc::alerts::{self, parse_row, AlertFigures, Slo};
use headroom::calc::duration::MS_PER_MINUTE;
use headroom::calc::ratio::Ratio;
use headroom::calc::slo::{SloTarget, WindowDays};
use headroom::formats::prometheus_rules::{self, quote, RulesSpec, ALERT_NAME};
use headroom::inputs::{AlertRowInputs, EXAMPLE_BAD_QUERY, EXAMPLE_TOTAL_QUERY};

const SLO_NAME: &str = "api-availability";
/// Minutes of clean history before errors start: more than the longest window (3 d).
const ERRORS_START_MINUTE: u64 = 4_400;
/// Requests per minute, a counter sampled every minute.
const REQUESTS_PER_MINUTE: u64 = 100;

fn promtool() -> PathBuf {
    let path = std::env::var_os("PROMTOOL")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/promtool"));
    assert!(
        path.exists(),
        "promtool was not found at {}: install Debian's `prometheus` package (scripts/test \
         does it through ensure_promtool in scripts/tools.sh) or set PROMTOOL. These tests do \
         not skip: the rules must be checked by Prometheus itself.",
        path.display()
    );
    path
}

fn slo() -> Slo {
    Slo {
        target: SloTarget::parse("99.9").unwrap(),
        window: WindowDays::parse("30").unwrap(),
    }
}

fn default_alerts() -> Vec<AlertFigures> {
    let rows: Vec<_> = AlertRowInputs::workbook_defaults()
        .iter()
        .map(|r| parse_row(r).unwrap())
        .collect();
    alerts::table(slo(), &rows)
}

fn spec(alerts: &[AlertFigures]) -> RulesSpec<'_> {
    RulesSpec {
        slo_name: SLO_NAME,
        slo: slo(),
        bad_query: EXAMPLE_BAD_QUERY,
        total_query: EXAMPLE_TOTAL_QUERY,
        alerts,
    }
}

fn work_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

fn run(args: &[&str], dir: &Path) -> String {
    let output = Command::new(promtool())
        .args(args)
        .current_dir(dir)
        .output()
        .expect("promtool runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success(),
        "promtool {} failed:\n{text}",
        args.join(" ")
    );
    text
}

#[test]
fn promtool_accepts_the_rules() {
    let alerts = default_alerts();
    let dir = work_dir("promtool-check");
    fs::write(
        dir.join("rules.yml"),
        prometheus_rules::render(&spec(&alerts)),
    )
    .unwrap();
    let out = run(&["check", "rules", "rules.yml"], &dir);
    // 7 recording rules (one per window) and 4 alerting rules.
    assert!(out.contains("SUCCESS: 11 rules found"), "{out}");
}

/// Queries `check_query` accepts (brackets inside strings and comments, escapes, line breaks)
/// make rules promtool accepts, and those it refuses for their brackets make rules promtool
/// refuses too: the check stops no valid query and lets through none it can see is broken.
#[test]
fn promtool_agrees_with_the_query_bracket_check() {
    let accepted = [
        r#"sum(rate(http_requests_total{path="/a(b|c"}[{{.window}}]))"#,
        r#"sum(rate(http_requests_total{path='}\'['}[{{.window}}]))"#,
        r#"sum(rate(http_requests_total{msg="say \"(\" please"}[{{.window}}]))"#,
        "sum(rate(http_requests_total{path=~`\\d+\\)|[(]`}[{{.window}}]))",
        "sum(rate(http_requests_total[{{.window}}])) # a ) or ( in a comment",
        "sum(\n  rate(http_requests_total[{{ .window }}]) # (\n)",
    ];
    let refused = [
        "sum(rate(errors_total[{{.window}}]) ",
        "sum(rate(errors_total[{{.window}}])))",
        r#"sum(rate(errors_total{a="b"[{{.window}}]))"#,
        r#"sum(rate(errors_total{a="b}[{{.window}}]))"#,
    ];
    let alerts = default_alerts();
    let dir = work_dir("promtool-queries");
    let cases = accepted.iter().map(|q| (q, true));
    for (i, (query, valid)) in cases.chain(refused.iter().map(|q| (q, false))).enumerate() {
        let checked = prometheus_rules::check_query(query);
        assert_eq!(checked.is_ok(), valid, "{query}: {checked:?}");
        let file = format!("rules-{i}.yml");
        let spec = RulesSpec {
            bad_query: query,
            ..spec(&alerts)
        };
        fs::write(dir.join(&file), prometheus_rules::render(&spec)).unwrap();
        let output = Command::new(promtool())
            .args(["check", "rules", &file])
            .current_dir(&dir)
            .output()
            .expect("promtool runs");
        assert_eq!(
            output.status.success(),
            valid,
            "{query}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// The first whole minute after the start of the errors at which an alert is firing: the first
/// evaluation after the moment its windows' averages pass the threshold.
fn first_firing_minute(alert: &AlertFigures, error_ratio: Ratio) -> Option<u64> {
    let at_ms = alert.detection_ms(error_ratio)?;
    let minute = Ratio::new(1, u128::from(MS_PER_MINUTE)).unwrap();
    let at_minutes = at_ms.checked_mul(minute).unwrap();
    // A crossing exactly on an evaluation would be a float coin toss in Prometheus; the
    // scenarios below are chosen so none is.
    assert_ne!(
        at_minutes.denominator(),
        1,
        "{} crosses exactly on a minute",
        alert.label()
    );
    Some(at_minutes.scaled_floor(1) + 1)
}

/// A promtool test group: errors at `bad_per_minute` of every 100 requests from minute 4,400,
/// with checks one minute before and at each alert's predicted first firing minute.
fn test_group(alerts: &[AlertFigures], bad_per_minute: u64, out: &mut String) {
    let error_ratio =
        Ratio::new(u128::from(bad_per_minute), u128::from(REQUESTS_PER_MINUTE)).unwrap();
    let rules = prometheus_rules::alerting_rules(&spec(alerts));
    let firing: Vec<Option<u64>> = alerts
        .iter()
        .map(|a| first_firing_minute(a, error_ratio))
        .collect();
    assert!(
        firing.iter().all(Option::is_some),
        "every alert fires at this ratio"
    );

    let good_per_minute = REQUESTS_PER_MINUTE - bad_per_minute;
    let last = firing.iter().flatten().max().unwrap() + 5;
    let start = ERRORS_START_MINUTE;
    let good_series = format!(
        "0+{REQUESTS_PER_MINUTE}x{start} {}+{good_per_minute}x{}",
        REQUESTS_PER_MINUTE * start + good_per_minute,
        last - 1
    );
    let bad_series = format!("0x{start} {bad_per_minute}+{bad_per_minute}x{}", last - 1);
    let _ = write!(
        out,
        "  - interval: 1m\n    input_series:\n      - series: {}\n        values: {}\n      \
         - series: {}\n        values: {}\n    alert_rule_test:\n",
        quote(r#"http_requests_total{job="api",code="200"}"#),
        quote(&good_series),
        quote(r#"http_requests_total{job="api",code="500"}"#),
        quote(&bad_series),
    );

    // Check points: the start, and for every alert the minute before and the minute it fires.
    let mut minutes: Vec<u64> = vec![0];
    for m in firing.iter().flatten() {
        minutes.extend([m - 1, *m]);
    }
    minutes.sort();
    minutes.dedup();
    for minute in minutes {
        let _ = write!(
            out,
            "      - eval_time: {}m\n        alertname: {ALERT_NAME}\n        exp_alerts:",
            start + minute
        );
        let expected: Vec<usize> = (0..alerts.len())
            .filter(|i| firing[*i].is_some_and(|f| f <= minute))
            .collect();
        if expected.is_empty() {
            out.push_str(" []\n");
            continue;
        }
        out.push('\n');
        for i in expected {
            let rule = &rules[i];
            out.push_str("          - exp_labels:\n");
            for (k, v) in &rule.labels {
                let _ = writeln!(out, "              {k}: {}", quote(v));
            }
            out.push_str("            exp_annotations:\n");
            for (k, v) in &rule.annotations {
                let _ = writeln!(out, "              {k}: {}", quote(v));
            }
        }
    }
}

#[test]
fn promtool_sees_each_alert_fire_when_predicted_and_not_before() {
    let alerts = default_alerts();
    let dir = work_dir("promtool-test");
    fs::write(
        dir.join("rules.yml"),
        prometheus_rules::render(&spec(&alerts)),
    )
    .unwrap();

    let mut tests = String::from("rule_files:\n  - rules.yml\nevaluation_interval: 1m\ntests:\n");
    // 7% errors (burn rate 70x): page 1h fires at 60 min x 1.44% / 7% = 12.3 min (minute 13),
    // page 6h at 30.9 min (31), both tickets at 61.7 min (62).
    test_group(&alerts, 7, &mut tests);
    // Every request failing: the detection times at 100% errors, 51.84 s (minute 1), 2m 9.6s
    // (minute 3) and 4m 19.2s (minute 5).
    test_group(&alerts, 100, &mut tests);
    fs::write(dir.join("tests.yml"), &tests).unwrap();

    let expected_minutes: Vec<Option<u64>> = alerts
        .iter()
        .map(|a| first_firing_minute(a, Ratio::new(7, 100).unwrap()))
        .collect();
    assert_eq!(expected_minutes, [Some(13), Some(31), Some(62), Some(62)]);
    let full: Vec<Option<u64>> = alerts
        .iter()
        .map(|a| first_firing_minute(a, Ratio::ONE))
        .collect();
    assert_eq!(full, [Some(1), Some(3), Some(5), Some(5)]);

    let out = run(&["test", "rules", "tests.yml"], &dir);
    assert!(out.contains("SUCCESS"), "{out}");
}
