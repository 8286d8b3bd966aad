//! Tests of what the chart's marks and the ASCII text promise.
//!
//! A band in the legend is drawn where the curve cannot hide it, and a Greek name spelled out
//! stays apart from its neighbours.

mod common;

use actscope::action::Action;
use actscope::app::{App, Settings, TABS, Tab};
use actscope::theme::Theme;
use common::screen::draw;

const UNICODE: Theme = Theme::new(false, true);
const ASCII: Theme = Theme::new(false, false);

fn app_on(name: &str, values: &[f64]) -> App {
    App::new(Settings {
        tab: Tab::from_name(name).expect("a tab").0,
        values: values.to_vec(),
        ..Settings::default()
    })
}

/// The chart's x axis: the row of its corner, from the corner to the chart's border.
fn axis(screen: &str, corner: char) -> String {
    let row = screen
        .lines()
        .find(|l| {
            let l = l.trim_matches('"');
            l.starts_with(['│', '|']) && l.matches(corner).count() == 1
        })
        .unwrap_or_else(|| panic!("no axis:\n{screen}"));
    let after = row.split_once(corner).map_or("", |(_, r)| r);
    after
        .chars()
        .take_while(|&c| c != '│' && c != '|')
        .collect()
}

#[test]
fn every_band_in_the_legend_is_drawn_on_the_axis() {
    let cases: [(&str, &[f64]); 4] = [
        ("relu6", &[1.2, 0.9, 0.4]),
        ("relu", &[1.2, 0.9, 0.4]),
        ("sigmoid", &[-123.46, 0.4]),
        ("tanh", &[1.2, 0.9, 0.4]),
    ];
    for (name, values) in cases {
        let app = app_on(name, values);
        for (width, height) in [(80, 24), (100, 30), (200, 60)] {
            for (theme, corner, saturated, dead) in
                [(UNICODE, '└', '▁', '▃'), (ASCII, '+', '_', '=')]
            {
                let screen = draw(&app, &theme, width, height);
                let axis = axis(&screen, corner);
                let legend =
                    |mark: char, word: &str| screen.contains(&format!("{mark}{mark} {word}"));
                assert_eq!(
                    legend(dead, "dead"),
                    axis.contains(dead),
                    "{name}:\n{screen}"
                );
                assert_eq!(
                    legend(saturated, "saturated"),
                    axis.contains(saturated),
                    "{name}:\n{screen}"
                );
                if name == "sigmoid" {
                    // Far in the tail: the whole window is saturated.
                    assert!(axis.chars().all(|c| c == saturated), "{axis:?}\n{screen}");
                }
            }
        }
    }
    // ReLU6's dead band at 80x24, where the curve lies on the chart's bottom row.
    let screen = draw(&app_on("relu6", &[1.2, 0.9, 0.4]), &UNICODE, 80, 24);
    assert!(axis(&screen, '└').contains('▃'), "{screen}");
}

#[test]
fn ascii_spells_greek_names_apart_from_the_letters_after_them() {
    let names = ["sigma", "alpha", "beta", "lambda", "Phi"];
    for index in 0..TABS.len() {
        let mut app = App::new(Settings {
            tab: index,
            ..Settings::default()
        });
        for (width, height) in [(100, 30), (200, 60)] {
            for select in 0..3 {
                app.update(Action::SelectElement(select));
                let screen = draw(&app, &ASCII, width, height);
                for name in names {
                    for (at, _) in screen.match_indices(name) {
                        let after = screen[at + name.len()..].chars().next().unwrap_or(' ');
                        assert!(
                            !after.is_ascii_alphanumeric(),
                            "{name} glued on tab {index}:\n{screen}"
                        );
                    }
                }
            }
        }
    }
}
