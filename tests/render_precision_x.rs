//! Tests of the precision panel's x column and depth readout at the sizes a user meets.
//!
//! The x column shows each input whole or in exponent form at every size and precision (it was
//! cut at 100x30 in f32, where the four model columns fill the panel's width); the depth readout
//! stays on screen in a lower precision where a row is free.

mod common;

use actscope::action::Action;
use actscope::app::{App, Tab};
use actscope::theme::Theme;
use common::screen::draw;

const NO_COLOR: Theme = Theme::new(false, true);

const INPUT: [f64; 6] = [
    -123.456_789_012_345_6,
    -1.99999,
    -0.000_123_456,
    0.000_123_456,
    -9.99999,
    -12345.678,
];

/// The app on the sigmoid tab with [`INPUT`], after `p` pressed `cycles` times (1 f32, 2 f16,
/// 3 bf16) and `more`.
fn app_on(cycles: usize, more: &[Action]) -> App {
    let mut app = App::default();
    let index = Tab::from_name("sigmoid").expect("a tab").0;
    app.update(Action::SelectTab(index));
    let input: Vec<String> = INPUT.iter().map(f64::to_string).collect();
    app.update(Action::Paste(input.join(" ")));
    for _ in 0..cycles {
        app.update(Action::CyclePrecision);
    }
    for action in more {
        app.update(action.clone());
    }
    app
}

/// The panel's part of each screen row: right of the chart's border when side by side.
fn panel_rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .map(|line| {
            let row = line.trim_matches('"');
            row.rsplit_once("││")
                .map_or(row, |(_, panel)| panel)
                .trim_start_matches('│')
                .to_string()
        })
        .collect()
}

/// The x cells of the table, top to bottom: the word after the pointer on each row under the
/// `x` title, until the first row that is not an element's.
fn x_cells(screen: &str) -> Vec<String> {
    let rows = panel_rows(screen);
    let header = rows
        .iter()
        .position(|row| row.trim_start().starts_with("x "))
        .unwrap_or_else(|| panic!("no x title:\n{screen}"));
    rows[header + 1..]
        .iter()
        .take(INPUT.len())
        .map(|row| {
            let lead: String = row.chars().skip(2).collect();
            lead.split_whitespace().next().unwrap_or("").to_string()
        })
        .collect()
}

/// Whether `text` reads as `value` rounded to the digits it shows: within half a unit of its
/// last digit.
fn reads_as(text: &str, value: f64) -> bool {
    if text.ends_with('.') || text.ends_with("e-") || text.ends_with('e') {
        return false;
    }
    let Ok(parsed) = text.parse::<f64>() else {
        return false;
    };
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
    let decimals = mantissa.split_once('.').map_or(0, |(_, d)| d.len());
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let unit = 10f64.powi(exponent - i32::try_from(decimals).unwrap_or(0));
    (parsed - value).abs() <= unit * 0.5 * (1.0 + 1e-9)
}

#[test]
fn x_cells_read_whole_at_every_size_and_precision() {
    for (width, height) in [(80, 24), (100, 30), (120, 30), (160, 45)] {
        for cycles in 0..4 {
            let screen = draw(&app_on(cycles, &[]), &NO_COLOR, width, height);
            let cells = x_cells(&screen);
            for (cell, &value) in cells.iter().zip(&INPUT) {
                assert!(
                    reads_as(cell, value),
                    "{width}x{height}, {cycles} cycles: {cell} for {value}\n{screen}"
                );
            }
        }
    }
}

#[test]
fn reads_as_tells_a_cut_number() {
    assert!(reads_as("-123.457", INPUT[0]));
    assert!(reads_as("-1.23e-4", INPUT[2]));
    assert!(reads_as("-12345.7", INPUT[5]));
    for cut in [
        "-123.45", "-1.9999", "-1.23e-", "1.235e-", "-9.9999", "-12345.",
    ] {
        let value = INPUT
            .iter()
            .copied()
            .find(|v| (v - cut.trim_end_matches(['e', '-']).parse::<f64>().unwrap()).abs() < 1.0);
        assert!(!reads_as(cut, value.unwrap_or(0.0)), "{cut}");
    }
}

/// The panel row that reads the depth, if any.
fn depth_row(screen: &str) -> Option<String> {
    panel_rows(screen)
        .into_iter()
        .find(|row| row.contains("|f'(x"))
}

#[test]
fn depth_readout_stays_in_precision_mode() {
    for (width, height) in [(100, 30), (160, 40)] {
        for cycles in 1..4 {
            let screen = draw(&app_on(cycles, &[]), &NO_COLOR, width, height);
            let row = depth_row(&screen)
                .unwrap_or_else(|| panic!("{width}x{height}: no depth line\n{screen}"));
            assert!(row.contains("f64: N = 10: |f'(x0)|^N = "), "{screen}");
            // Depth up is seen.
            let deeper = draw(
                &app_on(cycles, &[Action::DepthUp]),
                &NO_COLOR,
                width,
                height,
            );
            let row = depth_row(&deeper).unwrap_or_else(|| panic!("{deeper}"));
            assert!(row.contains("N = 11:"), "{deeper}");
            // What broke is still read whole.
            assert!(screen.contains("marks: u underflow"), "{screen}");
        }
    }
}

#[test]
fn depth_readout_gives_way_where_no_row_is_free() {
    // At 80x20 the rows, the sums' place and what broke fill the panel: the depth line is left
    // out whole, and the table does not scroll for it.
    let screen = draw(&app_on(1, &[]), &NO_COLOR, 80, 20);
    assert!(depth_row(&screen).is_none(), "{screen}");
    assert!(screen.contains("marks: u underflow"), "{screen}");
    for (cell, &value) in x_cells(&screen).iter().zip(&INPUT) {
        assert!(reads_as(cell, value), "{cell} for {value}\n{screen}");
    }
}
