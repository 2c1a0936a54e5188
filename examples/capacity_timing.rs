//! Times the Capacity tab's steps on a generated 1,000,000-row CSV, natively:
//! `cargo run --release --example capacity_timing`.

use std::time::Instant;

use headroom::calc::capacity::forecast::{self, Fit, ModelKind, Plan};
use headroom::calc::capacity::series::UtcOffset;
use headroom::calc::capacity::sheet;
use headroom::chart::capacity::{forecast_chart, ForecastView};
use headroom::chart::ChartWidth;
use headroom::formats::{metrics, series_codec};

fn main() {
    let mut csv = String::from("timestamp,value\n");
    for i in 0..1_000_000u64 {
        let t = 1_704_067_200 + i * 30;
        let (d, s) = (t / 86_400, t % 86_400);
        csv.push_str(&format!(
            "2024-01-{:02} {:02}:{:02}:{:02},{:.3}\n",
            (d - 19_723) % 28 + 1,
            s / 3600,
            s / 60 % 60,
            s % 60,
            50.0 + (i % 1000) as f64 / 100.0
        ));
    }
    let bytes = csv.as_bytes();
    let time =
        |label: &str, start: Instant| println!("{label}: {} ms", start.elapsed().as_millis());

    let start = Instant::now();
    let format = metrics::sniff(&bytes[..65_536], false).unwrap();
    let mut importer = metrics::Importer::new(format);
    for chunk in bytes.chunks(512 * 1024) {
        importer.feed(chunk);
    }
    let parsed = importer.finish().unwrap();
    time("parse", start);
    let start = Instant::now();
    let imported = parsed.take(0, "x").unwrap();
    time("take", start);
    let series = imported.series;
    let start = Instant::now();
    let _ = series.content_id();
    time("content id", start);
    let start = Instant::now();
    let mut steps =
        sheet::AnalysisSteps::new(std::sync::Arc::new(series.clone()), UtcOffset::default());
    let (mut count, mut longest) = (0, 0.0f64);
    loop {
        let t = Instant::now();
        let more = steps.step();
        longest = longest.max(t.elapsed().as_secs_f64() * 1e3);
        count += 1;
        if !more {
            break;
        }
    }
    let analysis = steps.finish();
    time(
        &format!("analyse ({count} steps, longest {longest:.2} ms)"),
        start,
    );
    for kind in ModelKind::ALL {
        let start = Instant::now();
        let _ = Fit::new(kind, series.samples(), 0);
        time(&format!("fit {kind:?}"), start);
    }
    let start = Instant::now();
    let _ = forecast::backtest(series.samples(), 0);
    time("backtest", start);
    let fit = analysis.fit(ModelKind::Linear).unwrap().clone().unwrap();
    let plan = Plan {
        capacity: Some(100.0),
        headroom: 0.2,
        horizon_days: 90,
    };
    let start = Instant::now();
    let _ = forecast::outlook(&fit, series.last_ms(), &plan);
    time("outlook", start);
    let start = Instant::now();
    let svg = forecast_chart(
        &ForecastView {
            history: analysis.history_drawn.clone(),
            fitted: analysis.fitted_drawn(ModelKind::Linear).to_vec(),
            hourly_pattern: false,
            forecast: forecast::forecast_points(&fit, series.last_ms(), 90),
            capacity: Some(100.0),
            headroom_line: Some(80.0),
            crossing: None,
            upper_crossing: None,
        },
        ChartWidth::Wide,
    );
    time(&format!("chart ({} bytes)", svg.len()), start);
    let start = Instant::now();
    let mut packer =
        series_codec::Packer::new(std::sync::Arc::new(series.clone()), series.content_id());
    let mut longest = 0;
    loop {
        let t = Instant::now();
        let more = packer.step();
        longest = longest.max(t.elapsed().as_millis());
        if !more {
            break;
        }
    }
    let packed = packer.finish().unwrap();
    time(
        &format!("pack ({} chars, longest step {longest} ms)", packed.len()),
        start,
    );
    let start = Instant::now();
    let mut unpacker = series_codec::Unpacker::new(std::sync::Arc::from(packed));
    let (mut count, mut longest) = (0, 0.0f64);
    loop {
        let t = Instant::now();
        let more = unpacker.step();
        longest = longest.max(t.elapsed().as_secs_f64() * 1e3);
        count += 1;
        if !more {
            break;
        }
    }
    assert!(unpacker.finish().unwrap() == series);
    time(
        &format!("unpack ({count} steps, longest {longest:.2} ms)"),
        start,
    );
}
