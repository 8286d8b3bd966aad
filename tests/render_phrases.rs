//! The panel's summary lines are made of phrases, each shown whole or not at all.
//!
//! A phrase is a label with its number (`T = 1`, `argmax NAME`, `H a → b nats`, `CE = ...`):
//! cut, it reads as a wrong number (`H 1.050 → 0…`). These tests draw the Softmax tab's panels
//! (the sampler with filters, a target, long labels) and the Formula tab at 80x24, 100x30 and
//! 200x60 and hold every summary phrase to the one a wide screen shows; and the
//! vanishing-gradient readout to the true magnitude where f64's product underflows.

mod common;

use actscope::action::Action;
use actscope::app::{App, FORMULA_TAB, SOFTMAX_TAB, Settings, Tab};
use actscope::theme::Theme;
use common::screen::draw;

const UNICODE: Theme = Theme::new(true, true);
/// As `NO_COLOR=1 LANG=C` draws it.
const ASCII: Theme = Theme::new(false, false);

/// A label too long for a narrow panel's sums line beside the rest.
const LONG_LABEL: &str = "a_very_long_label_name";

fn app(tab: usize, values: &[f64], labels: Option<&[&str]>, actions: &[Action]) -> App {
    let mut app = App::new(Settings {
        tab,
        values: values.to_vec(),
        labels: labels.map(|labels| labels.iter().map(ToString::to_string).collect()),
        ..Settings::default()
    });
    for action in actions {
        app.update(action.clone());
    }
    app
}

/// The states whose summaries the user found cut, and their neighbours.
fn states() -> Vec<(&'static str, App)> {
    let seed = [1.2, 0.9, 0.4];
    let labelled = [3.0, 2.0, 0.5];
    let labels: &[&str] = &[LONG_LABEL, "b", "c"];
    let sampler = [Action::CyclePanel];
    let top_k = [Action::CyclePanel, Action::CycleFocus, Action::ParamDown];
    let top_k_twice = [
        Action::CyclePanel,
        Action::CycleFocus,
        Action::ParamDown,
        Action::ParamDown,
    ];
    let min_p = [
        Action::CyclePanel,
        Action::CycleFocus,
        Action::CycleFocus,
        Action::CycleFocus,
        Action::ParamUp,
        Action::ParamUp,
    ];
    vec![
        ("softmax", app(SOFTMAX_TAB, &seed, None, &[])),
        ("sampler", app(SOFTMAX_TAB, &seed, None, &sampler)),
        ("sampler, top-k", app(SOFTMAX_TAB, &seed, None, &top_k)),
        (
            "sampler, top-k twice",
            app(SOFTMAX_TAB, &seed, None, &top_k_twice),
        ),
        ("sampler, min-p", app(SOFTMAX_TAB, &seed, None, &min_p)),
        (
            "sampler, labels, top-k",
            app(SOFTMAX_TAB, &labelled, Some(labels), &top_k),
        ),
        (
            "target",
            app(SOFTMAX_TAB, &seed, None, &[Action::CycleTarget]),
        ),
        (
            "labels, target",
            app(SOFTMAX_TAB, &labelled, Some(labels), &[Action::CycleTarget]),
        ),
        (
            "sparse",
            app(
                SOFTMAX_TAB,
                &labelled,
                Some(labels),
                &[Action::CyclePanel, Action::CyclePanel],
            ),
        ),
        ("formula", app(FORMULA_TAB, &seed, None, &[])),
        (
            "formula, labels",
            app(FORMULA_TAB, &labelled, Some(labels), &[]),
        ),
        (
            "sigmoid, labels, below f64",
            app(
                Tab::from_name("sigmoid").expect("a tab").0,
                &[-123.456_789_012_345_6, 2.0],
                Some(labels),
                &[],
            ),
        ),
    ]
}

/// The input-vector panel's summary lines, as text: from the sums line (or the sampler's first)
/// to the panel's bottom border.
fn summary_lines(screen: &str) -> Vec<String> {
    const HEADS: [&str; 4] = ["Σ p =", "sum p =", "filters keep", "f64:"];
    let rows: Vec<String> = screen
        .lines()
        .map(|row| {
            // TestBackend quotes each row.
            let row = row.strip_prefix('"').unwrap_or(row);
            let row = row.strip_suffix('"').unwrap_or(row);
            // Side by side, the panel is right of the chart's border.
            let panel = row
                .rsplit_once("││")
                .or_else(|| row.rsplit_once("||"))
                .map_or(row, |(_, panel)| panel);
            let panel = panel.strip_prefix(['│', '|']).unwrap_or(panel);
            let panel = panel.strip_suffix(['│', '|']).unwrap_or(panel);
            panel.trim().to_string()
        })
        .collect();
    let Some(start) = rows
        .iter()
        .rposition(|row| HEADS.iter().any(|head| row.starts_with(head)))
    else {
        return Vec::new();
    };
    rows[start..]
        .iter()
        .take_while(|row| !row.chars().all(|c| "└┘─+-".contains(c)))
        .cloned()
        .collect()
}

/// The phrases of summary lines: what stands between runs of three spaces.
fn phrases(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .flat_map(|line| line.split("   "))
        .map(str::trim)
        .filter(|phrase| !phrase.is_empty())
        .map(str::to_string)
        .collect()
}

/// Where an ellipsis follows a digit or a symbol in summary lines: a number or a phrase cut
/// (`0…`, `→…`, `|f'|…`).
fn cut_numbers(lines: &str) -> Vec<String> {
    let mut cuts = Vec::new();
    for row in lines.lines() {
        for ellipsis in ["…", "..."] {
            for (at, _) in row.match_indices(ellipsis) {
                let before = row[..at].chars().next_back();
                if before.is_some_and(|c| !c.is_alphabetic() && !" .".contains(c)) {
                    cuts.push(row.trim().to_string());
                }
            }
        }
    }
    cuts
}

#[test]
fn summary_phrases_are_whole_or_left_out() {
    let mut cuts = Vec::new();
    for (what, app) in states() {
        for (theme, theme_name) in [(UNICODE, "unicode"), (ASCII, "ascii")] {
            let wide = phrases(&summary_lines(&draw(&app, &theme, 300, 60)));
            assert!(!wide.is_empty(), "no summary found for {what}");
            for (width, height) in [(80, 24), (100, 30), (200, 60)] {
                let screen = draw(&app, &theme, width, height);
                let at = format!("{width}x{height}, {what}, {theme_name}");
                let shown = phrases(&summary_lines(&screen));
                for phrase in &shown {
                    if !wide.contains(phrase) {
                        cuts.push(format!("{phrase:?} at {at}"));
                    }
                }
                // Where the panel has rows to spare, nothing is left out.
                if height >= 30 {
                    for phrase in &wide {
                        if !shown.contains(phrase) {
                            cuts.push(format!("{phrase:?} left out at {at}"));
                        }
                    }
                }
                for cut in cut_numbers(&summary_lines(&screen).join("\n")) {
                    cuts.push(format!("{cut:?} at {at}"));
                }
            }
        }
    }
    assert!(
        cuts.is_empty(),
        "{} cut phrases:\n{}",
        cuts.len(),
        cuts.join("\n")
    );
}

#[test]
fn the_depth_readout_keeps_a_magnitude_past_f64() {
    let sigmoid = Tab::from_name("sigmoid").expect("a tab").0;
    let relu = Tab::from_name("relu").expect("a tab").0;
    // sigmoid'(-123.46) = 2.42e-54, and its 10th power underflows f64 to 0.
    let below = app(sigmoid, &[-123.456_789_012_345_6], None, &[]);
    let screen = draw(&below, &UNICODE, 200, 60);
    assert!(
        screen.contains("|f'(x0)|^N = 6.8") && screen.contains("e-537 (below f64)"),
        "{screen}"
    );
    // An exact 0 is 0: relu' = 0 for x < 0.
    let zero = app(relu, &[-2.0], None, &[]);
    let screen = draw(&zero, &UNICODE, 200, 60);
    assert!(screen.contains("|f'(x0)|^N = 0 "), "{screen}");
}
