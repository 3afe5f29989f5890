//! `--format html` (the review page) of `check` and `plan`, rendered in a real browser: the
//! example's production drift is loaded into a database, the page is written, headless Chromium
//! takes a screenshot (decoded here and checked for drawn content) and dumps the DOM, whose
//! categories and counts must be the JSON report's. The page must load nothing from anywhere.
//!
//! Chromium is Debian's `chromium` package (.ci/run installs it); `PGDRIFT_CHROMIUM` names
//! another binary. Without one the tests fail, unless `PGDRIFT_SKIP_BROWSER=1`.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The browser, or `None` when the test may skip (PGDRIFT_SKIP_BROWSER=1); panics otherwise.
fn chromium() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("PGDRIFT_CHROMIUM").map(PathBuf::from),
        Some(PathBuf::from("chromium")),
        Some(PathBuf::from("chromium-browser")),
    ];
    let found = candidates.into_iter().flatten().find(|c| {
        Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if found.is_none() {
        if std::env::var("PGDRIFT_SKIP_BROWSER").as_deref() == Ok("1") {
            eprintln!("SKIPPED the browser checks: no chromium and PGDRIFT_SKIP_BROWSER=1");
        } else {
            panic!("no headless browser: install Debian's `chromium` (apt-get install -y chromium, as .ci/run does), set PGDRIFT_CHROMIUM=/path/to/chromium, or PGDRIFT_SKIP_BROWSER=1 to skip");
        }
    }
    found
}

/// Runs headless Chromium on `page` with `mode` (`--dump-dom` or `--screenshot=...`), isolated
/// from the network and from any profile; returns stdout.
fn browse(browser: &Path, page: &Path, mode: &str, dir: &Path) -> String {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1200,2000",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(mode)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    assert!(
        out.status.success(),
        "chromium {mode} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A decoded 8-bit RGB or RGBA PNG (what Chromium writes): width, height, channels, pixels.
struct Image {
    width: usize,
    height: usize,
    channels: usize,
    pixels: Vec<u8>,
}

fn decode_png(bytes: &[u8]) -> Image {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let (mut at, mut idat, mut header) = (8, Vec::new(), None);
    while at + 8 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[at..at + 4].try_into().expect("length")) as usize;
        let kind = &bytes[at + 4..at + 8];
        let data = &bytes[at + 8..at + 8 + len];
        match kind {
            b"IHDR" => header = Some(data.to_vec()),
            b"IDAT" => idat.extend_from_slice(data),
            _ => {}
        }
        at += 12 + len;
    }
    let h = header.expect("IHDR");
    let width = u32::from_be_bytes(h[0..4].try_into().expect("width")) as usize;
    let height = u32::from_be_bytes(h[4..8].try_into().expect("height")) as usize;
    assert_eq!(h[8], 8, "bit depth");
    assert_eq!(h[12], 0, "interlaced PNG");
    let channels = match h[9] {
        2 => 3,
        6 => 4,
        other => panic!("PNG color type {other}"),
    };
    let mut raw = Vec::new();
    flate2::read::ZlibDecoder::new(&idat[..])
        .read_to_end(&mut raw)
        .expect("inflate IDAT");
    Image {
        width,
        height,
        channels,
        pixels: unfilter(&raw, width * channels, height, channels),
    }
}

/// Undoes the PNG scanline filters (None, Sub, Up, Average, Paeth).
fn unfilter(raw: &[u8], stride: usize, height: usize, bpp: usize) -> Vec<u8> {
    let mut out = vec![0u8; stride * height];
    for y in 0..height {
        let filter = raw[y * (stride + 1)];
        let line = &raw[y * (stride + 1) + 1..(y + 1) * (stride + 1)];
        for x in 0..stride {
            let a = if x >= bpp {
                out[y * stride + x - bpp] as i32
            } else {
                0
            };
            let b = if y > 0 {
                out[(y - 1) * stride + x] as i32
            } else {
                0
            };
            let c = if x >= bpp && y > 0 {
                out[(y - 1) * stride + x - bpp] as i32
            } else {
                0
            };
            let predicted = match filter {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) / 2,
                4 => {
                    let p = a + b - c;
                    let (pa, pb, pc) = ((p - a).abs(), (p - b).abs(), (p - c).abs());
                    if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    }
                }
                other => panic!("PNG filter {other}"),
            };
            out[y * stride + x] = (line[x] as i32 + predicted) as u8;
        }
    }
    out
}

/// Share of pixels that are not (near) white, and how many distinct colors there are.
fn ink(img: &Image) -> (f64, usize) {
    let mut colors = std::collections::BTreeSet::new();
    let mut inked = 0usize;
    for px in img.pixels.chunks(img.channels) {
        colors.insert((px[0], px[1], px[2]));
        if px[..3].iter().any(|v| *v < 235) {
            inked += 1;
        }
    }
    (inked as f64 / (img.width * img.height) as f64, colors.len())
}

/// The page must not reach outside itself.
fn assert_self_contained(html: &str) {
    for needle in [
        "http://", "https://", "<script", "<link", "<img", "<iframe", "@import", "src=",
    ] {
        assert!(!html.contains(needle), "the page contains `{needle}`");
    }
}

/// The categories and their counts, from the JSON report of the same check.
fn counts_from_json(db: &common::TestDb) -> Vec<(String, usize)> {
    let out = common::run_pgdrift(
        &["check", "--db", &db.url, "--format", "json"],
        Some(&repo()),
        &[],
    );
    out.assert_code(1);
    let doc: Value = serde_json::from_str(&out.stdout).expect("json report");
    let mut counts: Vec<(String, usize)> = Vec::new();
    for c in doc["changes"].as_array().expect("changes") {
        let cat = c["category"].as_str().expect("category").to_string();
        match counts.iter_mut().find(|(k, _)| *k == cat) {
            Some((_, n)) => *n += 1,
            None => counts.push((cat, 1)),
        }
    }
    counts
}

#[tokio::test]
async fn check_page_of_the_production_drift_renders_in_chromium() {
    let db = common::production_drift_db("html_check").await;
    let dir = common::temp_dir("html", "check");
    let page = dir.join("report.html");
    let out = common::run_pgdrift(
        &[
            "check",
            "--db",
            &db.url,
            "--format",
            "html",
            "--out",
            &page.to_string_lossy(),
        ],
        Some(&repo()),
        &[],
    );
    out.assert_code(1);
    assert!(
        out.stdout.trim().is_empty(),
        "--out leaves stdout empty: {}",
        out.stdout
    );
    let html = std::fs::read_to_string(&page).expect("the page");
    assert_self_contained(&html);
    let counts = counts_from_json(&db);
    assert_eq!(counts.len(), 7, "{counts:?}");
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    assert_eq!(total, 19);
    let Some(browser) = chromium() else {
        return;
    };
    let dom = browse(&browser, &page, "--dump-dom", &dir);
    assert!(dom.contains("<h1>pgdrift check</h1>"), "{dom}");
    assert!(dom.contains("drift: 19 differences"), "{dom}");
    for (cat, n) in &counts {
        let row = format!("<td><a href=\"#cat-{cat}\">{cat}</a></td><td>{n}</td>");
        assert!(dom.contains(&row), "no `{row}` in the rendered page");
        let heading = format!("id=\"cat-{cat}\"><h3>{cat} <span class=\"count\">{n}</span></h3>");
        assert!(
            dom.contains(&heading),
            "no `{heading}` in the rendered page"
        );
    }
    // The view's body diff, highlighted; the plan preview with hazards; the affected tables.
    assert!(
        dom.contains("<span class=\"line del\">"),
        "no removed line in a body diff"
    );
    assert!(
        dom.contains("badge hazard rewrite"),
        "no rewrite hazard flagged"
    );
    assert!(dom.contains("<svg class=\"erd\""), "no ER diagram");
    assert!(dom.contains("static_sources"), "{dom}");
    let png = dir.join("shot.png");
    browse(
        &browser,
        &page,
        &format!("--screenshot={}", png.display()),
        &dir,
    );
    let img = decode_png(&std::fs::read(&png).expect("screenshot"));
    assert_eq!((img.width, img.height), (1200, 2000));
    let (share, colors) = ink(&img);
    assert!(
        share > 0.03,
        "the screenshot is nearly blank: {:.1}% inked",
        share * 100.0
    );
    assert!(colors > 50, "the screenshot has only {colors} colors");
    db.drop_now().await;
}

#[tokio::test]
async fn plan_page_flags_hazards_and_goes_to_stdout_without_out() {
    let db = common::production_drift_db("html_plan").await;
    let out = common::run_pgdrift(
        &["plan", "--db", &db.url, "--format", "html"],
        Some(&repo()),
        &[],
    );
    out.assert_code(0);
    let html = &out.stdout;
    assert_self_contained(html);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<h1>pgdrift plan</h1>"));
    assert!(
        !html.contains("A preview computed"),
        "plan shows the plan itself, not a preview"
    );
    let plan = common::run_pgdrift(
        &["plan", "--db", &db.url, "--format", "json"],
        Some(&repo()),
        &[],
    );
    plan.assert_code(0);
    let doc: Value = serde_json::from_str(&plan.stdout).expect("json plan");
    let steps = doc["steps"].as_array().expect("steps");
    assert_eq!(html.matches("<li class=\"step").count(), steps.len());
    let risky = steps
        .iter()
        .filter(|s| s["hazards"].as_array().is_some_and(|h| !h.is_empty()))
        .count();
    assert!(risky > 0);
    assert_eq!(html.matches("<li class=\"step risky\">").count(), risky);
    let dir = common::temp_dir("html", "plan");
    let page = dir.join("plan.html");
    std::fs::write(&page, html).expect("write");
    if let Some(browser) = chromium() {
        let dom = browse(&browser, &page, "--dump-dom", &dir);
        assert!(dom.contains("badge hazard data_loss") || dom.contains("badge hazard rewrite"));
    }
    db.drop_now().await;
}

/// `diff` of two snapshots, offline: the page is titled after `diff`, and so is the human report.
#[test]
fn diff_page_of_two_snapshots_is_titled_diff() {
    let prod = repo().join("snapshots/production.yaml");
    let text = std::fs::read_to_string(&prod).expect("snapshot");
    let dir = common::temp_dir("html", "diff");
    let drifted = dir.join("drifted.yaml");
    std::fs::write(
        &drifted,
        text.replacen("timestamp with time zone", "timestamp without time zone", 1),
    )
    .expect("write");
    let (a, b) = (prod.to_string_lossy(), drifted.to_string_lossy());
    let out = common::run_pgdrift(&["diff", &a, &b, "--format", "html"], None, &[]);
    out.assert_code(1);
    assert_self_contained(&out.stdout);
    assert!(
        out.stdout.contains("<h1>pgdrift diff</h1>"),
        "{}",
        out.stdout
    );
    assert!(out
        .stdout
        .contains("<td><a href=\"#cat-timezone\">timezone</a></td><td>1</td>"));
    let human = common::run_pgdrift(&["diff", &a, &b], None, &[]);
    human.assert_code(1);
    assert!(
        human.stdout.starts_with("pgdrift diff: declared "),
        "{}",
        human.stdout
    );
}
