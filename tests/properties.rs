//! Property tests over random input: the boundary parsers never panic, and no valid input gives
//! a figure that is not finite or a remaining budget outside 0-100%.
#![cfg(not(target_arch = "wasm32"))]

use headroom::calc::alerts::{self, Slo};
use headroom::calc::budget_sheet::{self, Choice, Field};
use headroom::calc::burn::{self, EventsSoFar, Policy, Progress, MAX_EVENTS};
use headroom::calc::date::{CalendarPeriod, CivilDate};
use headroom::calc::decimal;
use headroom::calc::incident::{self, BudgetContext, Moment, WallClock, MAX_OFFSET_MINUTES};
use headroom::calc::prom_duration::PromDuration;
use headroom::calc::ratio::Ratio;
use headroom::calc::slo::{SloTarget, WindowDays, TARGET_PARTS};
use headroom::chart::ChartWidth;
use headroom::formats::postmortem::{self, Draft};
use headroom::formats::{openslo, yaml_tree};
use headroom::inputs::{
    AlertRowInputs, AlertsInputs, BudgetInputs, EntryInputs, IncidentInputs, TimeInputs,
};
use proptest::prelude::*;

fn today() -> CivilDate {
    CivilDate::parse("2026-12-04").unwrap()
}

proptest! {
    #[test]
    fn parsers_never_panic(text in "\\PC{0,40}") {
        let _ = decimal::parse_scaled(&text, 6);
        let _ = decimal::parse_count(&text);
        let _ = SloTarget::parse(&text);
        let _ = WindowDays::parse(&text);
        let _ = CivilDate::parse(&text);
        let _ = CivilDate::parse_day_or_month(&text);
        for period in [CalendarPeriod::Month, CalendarPeriod::Quarter, CalendarPeriod::Year] {
            let _ = CivilDate::parse_in_period(&text, period);
        }
    }

    #[test]
    fn numeric_looking_text_never_panics(text in "[-+]?[0-9,._ ]{0,30}%?") {
        let _ = decimal::parse_scaled(&text, 6);
        let _ = decimal::parse_count(&text);
        let _ = SloTarget::parse(&text);
    }

    #[test]
    fn the_budget_tab_reads_any_text(
        texts in proptest::collection::vec("[-+0-9.,%e a-z]{0,12}", 16),
        choices in proptest::collection::vec(0usize..4, 4),
    ) {
        let mut inputs = BudgetInputs::default();
        for (field, text) in Field::ALL.into_iter().zip(&texts) {
            *budget_sheet::field_text_mut(&mut inputs, field) = text.clone();
        }
        for (choice, pick) in Choice::ALL.into_iter().zip(choices) {
            let options = choice.options();
            *choice.get_mut(&mut inputs) = options[pick % options.len()].0.to_string();
        }
        let sheet = budget_sheet::read(&inputs, today());
        if let Some(remaining) = sheet.remaining.ready() {
            let share = remaining.report.remaining.to_f64();
            prop_assert!((0.0..=1.0).contains(&share));
        }
        if let Some(burn) = sheet.burn.ready() {
            prop_assert!(burn.report.burn_rate.to_f64().is_finite());
        }
    }

    #[test]
    fn figures_are_finite_for_every_valid_input(
        target_parts in 1u64..TARGET_PARTS,
        window_micro_days in 1u64..=36_525_000_000,
        total in 1u64..=MAX_EVENTS,
        bad_share in 0u64..=1_000,
        elapsed_share in 0u64..=1_000,
    ) {
        let target = SloTarget::from_parts(target_parts).unwrap();
        let window = WindowDays::from_micro_days(window_micro_days).unwrap();
        let bad = (u128::from(total) * u128::from(bad_share) / 1_000) as u64;
        let ratio = burn::event_error_ratio(bad, total).unwrap();
        let report = burn::burn_report(target, window, ratio, window.length_ms());
        prop_assert!(report.burn_rate.to_f64().is_finite());
        prop_assert!(report.budget_consumed.to_f64().is_finite());
        prop_assert!(report.burn_rate.cmp_exact(report.max_burn_rate).is_le());

        let progress = Progress {
            elapsed_micro_days: window_micro_days / 1_000 * elapsed_share,
            counted_micro_days: None,
            error_ratio: ratio,
            events: Some(EventsSoFar { bad, expected_in_window: total, projected: false }),
        };
        let remaining = burn::remaining_report(target, window, progress).unwrap();
        prop_assert!((0.0..=1.0).contains(&remaining.remaining.to_f64()));
        prop_assert!(remaining.consumed.to_f64().is_finite());
        let _ = burn::decide(Policy::default(), remaining.remaining);
    }

    #[test]
    fn prometheus_durations_never_panic(text in "[0-9a-zA-Z. +-]{0,24}") {
        if let Ok(d) = PromDuration::parse(&text) {
            // Whatever parses writes back to the same length.
            prop_assert_eq!(PromDuration::parse(&d.to_string()), Ok(d));
        }
    }

    #[test]
    fn imports_never_panic(text in "\\PC{0,200}") {
        let _ = yaml_tree::parse(&text);
        let _ = openslo::import(&text);
    }

    #[test]
    fn yaml_looking_imports_never_panic(
        text in "(apiVersion: openslo/v1\nkind: SLO\n|version: prometheus/v1\n)?([a-zA-Z:{}\\[\\]\\-,&*!|>'\" #\n]|  ){0,160}"
    ) {
        let _ = openslo::import(&text);
    }

    #[test]
    fn the_alerts_tab_reads_any_text(
        texts in proptest::collection::vec("[-+0-9.,%hmdwsy a-z]{0,8}", 12),
        target_parts in 1u64..TARGET_PARTS,
        window_micro_days in 1u64..=36_525_000_000,
    ) {
        let rows = (0..3)
            .map(|i| AlertRowInputs {
                id: Default::default(),
                severity: texts[i * 4].clone(),
                budget_percent: texts[i * 4 + 1].clone(),
                long_window: texts[i * 4 + 2].clone(),
                short_window: texts[i * 4 + 3].clone(),
            })
            .chain(AlertRowInputs::workbook_defaults())
            .collect();
        let inputs = AlertsInputs {
            rows,
            sim_error_percent: texts[1].clone(),
            sim_duration: texts[2].clone(),
            ..AlertsInputs::default()
        };
        let slo = Slo {
            target: SloTarget::from_parts(target_parts).unwrap(),
            window: WindowDays::from_micro_days(window_micro_days).unwrap(),
        };
        let sheet = alerts::read(&inputs, Ok(slo.into()));
        for alert in sheet.table.iter().flatten() {
            prop_assert!(alert.burn_rate_threshold.to_f64().is_finite());
            let _ = alerts::format_time(alert.exhaustion_ms);
            let _ = alerts::format_number(alert.error_ratio_threshold);
            for warning in &alert.warnings {
                let _ = warning.message(slo);
            }
        }
        if let Some(table) = &sheet.table {
            for width in [ChartWidth::Wide, ChartWidth::Narrow] {
                let svg = headroom::chart::alerts::detection_chart(
                    table,
                    sheet.sim_error_ratio.clone().ok(),
                    width,
                );
                prop_assert!(!svg.contains("NaN") && !svg.contains("inf"));
            }
        }
    }

    #[test]
    fn typed_times_round_trip_through_instants(
        // Days of the years 1 to 9999, with room for the later instant below.
        days in -719_000i64..2_931_000,
        seconds in 0u32..86_400,
        offset in -MAX_OFFSET_MINUTES..=MAX_OFFSET_MINUTES,
        later_seconds in 0i64..100_000_000,
    ) {
        let wall = WallClock {
            date: CivilDate::from_days_since_epoch(days),
            hour: seconds / 3_600,
            minute: seconds % 3_600 / 60,
            second: seconds % 60,
        };
        let typed = TimeInputs { local: wall.seconds_text(), utc_offset_minutes: offset };
        let moment = Moment::parse(&typed).unwrap();
        prop_assert_eq!(moment.wall_clock(), wall);
        prop_assert_eq!(WallClock::parse(&wall.seconds_text()), Ok(wall));
        // Any later instant, written in any other offset, is exactly that much later.
        let end_ms = moment.utc_ms + later_seconds * 1_000;
        let end_offset = -offset;
        let end = TimeInputs {
            local: WallClock::at(end_ms, end_offset).seconds_text(),
            utc_offset_minutes: end_offset,
        };
        if let Ok(end) = Moment::parse(&end) {
            prop_assert_eq!(
                incident::duration_between(moment, end),
                Some(later_seconds as u64 * 1_000)
            );
        }
    }

    #[test]
    fn the_incident_log_reads_any_text_and_drafts_keep_their_shape(
        texts in proptest::collection::vec("\\PC{0,24}|[0-9 :T-]{0,20}|[\n<>#*_`\\[\\]-]{0,6}", 12),
        offsets in proptest::collection::vec(any::<i32>(), 3),
        full_outage in any::<bool>(),
        now_ms in any::<i64>(),
    ) {
        let time = |i: usize| TimeInputs { local: texts[i].clone(), utc_offset_minutes: offsets[i % 3] };
        let incident = IncidentInputs {
            id: Default::default(),
            title: texts[0].clone(),
            severity: texts[1].clone(),
            detected_by: texts[2].clone(),
            commander: texts[3].clone(),
            responders: texts[4].clone(),
            start: time(5),
            affected_percent: texts[6].clone(),
            full_outage,
            timeline: vec![EntryInputs { id: Default::default(), time: time(7), status: texts[8].clone(), message: texts[9].clone() }],
            resolution: texts[10].clone(),
            resolved_at: time(11),
        };
        let incidents = [incident.clone(), incident.clone()];
        let (sheets, ids) = incident::read_all(&incidents, now_ms);
        let context = BudgetContext::from_sheet(&budget_sheet::read(&BudgetInputs::default(), today())).unwrap();
        let impacts = incident::impacts(&sheets, &context);
        for impact in impacts.iter().flatten() {
            prop_assert!(impact.after.cmp_exact(Ratio::ONE).is_le());
            prop_assert!(impact.impact.consumed.to_f64().is_finite());
        }
        let text = postmortem::markdown(&Draft {
            incident: &incident,
            sheet: &sheets[0],
            id: ids[0].as_deref(),
            budget: Ok(&context),
            impact: impacts[0].as_ref(),
            utc_offset_minutes: offsets[0].clamp(-MAX_OFFSET_MINUTES, MAX_OFFSET_MINUTES),
            zone_name: Some(&texts[2]),
            now_ms,
        });
        // Typed text adds no heading of its own and no raw HTML: a `<` is kept as typed only
        // where it cannot open a tag, a comment, a declaration or an autolink (`<{`, `a < b`).
        // (An ATX heading as CommonMark reads one: up to 3 spaces, 1 to 6 `#`, then a space, a
        // tab or the end of the line; `#-` or `#tag` is text.)
        let is_heading = |line: &str| {
            let indented = line.trim_start_matches(' ');
            let hashes = indented.chars().take_while(|&c| c == '#').count();
            line.len() - indented.len() <= 3
                && (1..=6).contains(&hashes)
                && indented[hashes..].chars().next().is_none_or(|c| c == ' ' || c == '\t')
        };
        prop_assert_eq!(text.lines().filter(|l| is_heading(l)).count(), 10);
        let opens_html = |pair: &[u8]| {
            pair[0] == b'<' && (pair[1].is_ascii_alphabetic() || b"/!?".contains(&pair[1]))
        };
        prop_assert!(!text.as_bytes().windows(2).any(opens_html), "{}", text);
    }

    #[test]
    fn added_incident_budget_keeps_the_remaining_budget_in_range(
        target_parts in 1u64..TARGET_PARTS,
        elapsed_share in 0u64..=1_000,
        error_parts in 0u64..=1_000_000,
        added_parts in 0u128..=5_000_000,
    ) {
        let target = SloTarget::from_parts(target_parts).unwrap();
        let window = WindowDays::from_days(30).unwrap();
        let progress = Progress {
            elapsed_micro_days: 30_000 * elapsed_share,
            counted_micro_days: None,
            error_ratio: Ratio::new(u128::from(error_parts), 1_000_000).unwrap(),
            events: None,
        };
        let added = Ratio::new(added_parts, 1_000_000).unwrap();
        let plain = burn::remaining_report(target, window, progress).unwrap();
        let with = burn::remaining_report_adding(target, window, progress, added).unwrap();
        prop_assert!((0.0..=1.0).contains(&with.remaining.to_f64()));
        prop_assert!(with.remaining.cmp_exact(plain.remaining).is_le());
        prop_assert_eq!(with.consumed, plain.consumed.saturating_add(added));
    }

    #[test]
    fn an_incident_split_between_two_spans_counts_its_whole_inside_both(
        start_minutes in -3_000i64..3_000,
        minutes in 0i64..3_000,
        split_minutes in 0i64..=1_440,
        affected in 0u32..=100,
    ) {
        // A day from 2026-12-01 00:00 UTC, cut in two at `split_minutes`.
        let day_start = Moment::parse(&TimeInputs {
            local: "2026-12-01 00:00".into(),
            utc_offset_minutes: 0,
        })
        .unwrap()
        .utc_ms;
        let at = |minutes: i64| day_start + minutes * 60_000;
        let wall = |minutes: i64| TimeInputs {
            local: WallClock::at(at(minutes), 0).seconds_text(),
            utc_offset_minutes: 0,
        };
        let incident = IncidentInputs {
            start: wall(start_minutes),
            resolved_at: wall(start_minutes + minutes),
            affected_percent: affected.to_string(),
            ..IncidentInputs::default()
        };
        let span = |from: i64, to: i64| incident::WindowSpan {
            from: today(),
            to: today(),
            start_utc_ms: at(from),
            end_utc_ms: at(to),
        };
        let (target, window) = (SloTarget::parse("99.9").unwrap(), WindowDays::from_days(30).unwrap());
        let count = |span| {
            let counted =
                incident::count_in(std::slice::from_ref(&incident), target, window, span, i64::MAX);
            counted.first().map_or((0, Ratio::ZERO), |c| (c.counted_ms, c.consumed))
        };
        let (whole_ms, whole) = count(span(0, 1_440));
        let (first_ms, first) = count(span(0, split_minutes));
        let (second_ms, second) = count(span(split_minutes, 1_440));
        prop_assert!(whole_ms <= minutes as u64 * 60_000);
        prop_assert_eq!(first_ms + second_ms, whole_ms);
        prop_assert_eq!(first.saturating_add(second), whole);
    }
}

mod capacity {
    use headroom::calc::capacity::forecast::{self, Fit, ModelKind, Plan, Season};
    use headroom::calc::capacity::patterns;
    use headroom::calc::capacity::series::{Clock, Sample, Series, UtcOffset};
    use headroom::calc::capacity::words;
    use headroom::formats::metrics::{self, timestamp, Importer};
    use headroom::formats::series_codec::{self, SeriesText};
    use proptest::prelude::*;

    /// Feeds `bytes` in slices of `size` and returns what the importer says.
    fn sliced(bytes: &[u8], size: usize) -> Option<Result<metrics::Parsed, metrics::ImportError>> {
        let format = metrics::sniff_whole(bytes).ok()?;
        let mut importer = Importer::new(format);
        for chunk in bytes.chunks(size.max(1)) {
            importer.feed(chunk);
        }
        Some(importer.finish())
    }

    proptest! {
        #[test]
        fn any_bytes_import_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            if let Ok(parsed) = metrics::read_all(&bytes) {
                for i in 0..parsed.candidates.len() {
                    let _ = parsed.take(i, "x");
                }
            }
        }

        #[test]
        fn csv_like_text_imports_the_same_in_any_slices(
            rows in proptest::collection::vec(("[0-9 :T-]{0,20}", "[-+0-9.eNaIf]{0,8}"), 0..30),
            delimiter in prop::sample::select(vec![',', ';', '\t']),
            size in 1usize..17,
        ) {
            let mut text = format!("time{delimiter}value\n");
            for (t, v) in &rows {
                text.push_str(&format!("{t}{delimiter}{v}\n"));
            }
            let whole = metrics::read_all(text.as_bytes());
            if let Some(in_slices) = sliced(text.as_bytes(), size) {
                prop_assert_eq!(whole, in_slices);
            }
        }

        #[test]
        fn json_like_text_never_panics(text in "[\\[\\]{}\":,0-9a-zNIf.+ -]{0,200}", size in 1usize..9) {
            let _ = metrics::read_all(text.as_bytes());
            let _ = sliced(text.as_bytes(), size);
            let wrapped = format!("{{\"data\":{{\"resultType\":\"matrix\",\"result\":[{text}]}}}}");
            let _ = metrics::read_all(wrapped.as_bytes());
        }

        #[test]
        fn timestamps_never_panic(text in "\\PC{0,40}") {
            let _ = timestamp::parse(&text);
            let _ = UtcOffset::parse(&text);
        }

        #[test]
        fn series_text_never_panics(points in "[-0-9 .e\\n]{0,80}", clock in "[a-z-]{0,12}", start in any::<i64>()) {
            let _ = series_codec::from_text(&SeriesText {
                id: String::new(),
                name: "x".into(),
                clock,
                start_ms: start,
                points,
            });
            let _ = series_codec::unpack(&format!("{start}"));
        }

        #[test]
        fn stored_text_of_any_shape_unpacks_to_a_series_or_a_message(
            name in "\\PC{0,12}",
            clock in prop::sample::select(vec!["utc", "wall-clock", "mars"]),
            start in any::<i64>(),
            points in "[-0-9 .en\\\\\"u{}]{0,120}",
            cut in 0usize..200,
        ) {
            use base64::Engine;
            let json = format!(
                "{{\"id\":\"x\",\"name\":{},\"clock\":\"{clock}\",\"start_ms\":{start},\"points\":\"{points}\"}}",
                serde_json::to_string(&name).unwrap()
            );
            let deflated = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 6);
            let packed = base64::engine::general_purpose::STANDARD.encode(&deflated);
            let _ = series_codec::unpack(&packed);
            let _ = series_codec::unpack(&packed[..cut.min(packed.len())]);
        }

        #[test]
        fn any_series_comes_back_from_storage_as_it_was(
            raw in proptest::collection::vec((-1_000_000i64..1_000_000, any::<f64>()), 1..300),
            wall_clock in any::<bool>(),
        ) {
            let samples: Vec<Sample> = raw
                .iter()
                .map(|&(t, value)| Sample { t_ms: 1_700_000_000_000 + t * 1_000, value })
                .collect();
            let clock = if wall_clock { Clock::WallClock } else { Clock::Utc };
            if let Some((series, _)) = Series::new("s \"1\"".into(), clock, samples) {
                let back = series_codec::unpack(&series_codec::pack(&series));
                prop_assert!(back.as_ref() == Ok(&series), "{:?}", back);
            }
        }

        #[test]
        fn growth_in_words_is_never_a_non_number(slope in any::<f64>().prop_filter("finite", |s| s.is_finite())) {
            use headroom::calc::capacity::forecast::DAYS_PER_MONTH;
            use headroom::calc::capacity::series::Scale;
            // The log scale of a series over 30 days.
            let log = Scale { magnitude: 1.0, span_days: 30.0 };
            let text = [
                words::growth_text(slope, 1.0, log),
                words::growth_text(slope, DAYS_PER_MONTH, log),
                words::doubling_text(slope),
                words::growth_cells(slope, log).1,
            ]
            .concat();
            prop_assert!(!text.contains("NaN") && !text.contains("inf") && !text.contains('—'), "{}", text);
            prop_assert!(!text.contains("−100%") && !text.contains("e+"), "{}", text);
        }

        #[test]
        fn every_figure_is_finite_or_a_message(
            raw in proptest::collection::vec((0i64..40 * 86_400_000, -1e6f64..1e6), 0..200),
            capacity in 1e-3f64..1e7,
            horizon_days in 1u32..3650,
            offset_minutes in -840i32..=840,
        ) {
            let samples: Vec<Sample> = raw.iter().map(|(t, v)| Sample { t_ms: *t, value: *v }).collect();
            let Some((series, _)) = Series::new("p".into(), Clock::Utc, samples) else {
                return Ok(());
            };
            let offset = UtcOffset { minutes: offset_minutes }.ms();
            let plan = Plan { capacity: Some(capacity), headroom: 0.2, horizon_days };
            for kind in ModelKind::ALL {
                let Ok(fit) = Fit::new(kind, series.samples(), offset) else { continue };
                prop_assert!(fit.slope_per_day().is_finite());
                prop_assert!(fit.r_squared().is_none_or(f64::is_finite));
                prop_assert!(fit.residual_sd().is_finite());
                let o = forecast::outlook(&fit, series.last_ms(), &plan);
                if kind != ModelKind::Exponential {
                    prop_assert!(o.recommended.is_finite() && o.recommended_upper.is_finite());
                }
                if let Some(forecast::Crossing::On { days, .. }) = o.trend_reaches_capacity {
                    prop_assert!(days >= 0.0);
                }
                let below = forecast::below_zero(&fit, &series, horizon_days);
                if series.lowest_value() < 0.0 || kind == ModelKind::Exponential {
                    prop_assert!(below.is_none());
                }
                let text = [
                    words::fit_text(&fit, series.scale()),
                    below.map_or_else(String::new, |b| {
                        words::below_zero_text(&b, Clock::Utc, kind, Some(Season::HourOfWeek))
                    }),
                ]
                .concat();
                prop_assert!(!text.contains("NaN") && !text.contains("inf") && !text.contains('—'), "{}", text);
            }
            let _ = forecast::backtest(series.samples(), offset);
            let p = patterns::patterns(series.samples(), offset);
            for g in p.by_hour.iter().chain(&p.by_weekday).flatten() {
                prop_assert!(g.mean.is_finite() && g.p95.is_finite() && g.max.is_finite());
            }
        }
    }
}
