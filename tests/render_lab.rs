//! Tests of the probability lab on screen: snapshots, and the numbers checked against the kernel.
//!
//! Labelled logits, 50,000 of them, each sampler filter, the orders disagreeing, the sparse panel,
//! draws; at 80x24, 100x30 and 200x60, without colour and in ASCII.

mod common;

use actscope::action::Action;
use actscope::app::{App, Draws, Panel, SOFTMAX_TAB, Settings};
use actscope::format;
use actscope::kernel::{self, Level, Order, SamplerSettings, Temperature};
use actscope::theme::Theme;
use common::logits::logits;
use common::screen::draw;

const UNICODE: Theme = Theme::new(true, true);
const NO_COLOR: Theme = Theme::new(false, true);
const ASCII: Theme = Theme::new(false, false);

/// A next-token distribution's logits, labelled by their tokens.
const TOKENS: [(&str, f64); 8] = [
    ("the", 3.1),
    ("a", 2.6),
    ("cat", 2.2),
    ("dog", 1.9),
    ("New York", 1.1),
    ("[EOS]", 0.4),
    ("über", -0.3),
    ("42x", -1.5),
];

fn labelled(sampler: SamplerSettings, panel: Panel) -> App {
    let mut app = App::new(Settings {
        tab: SOFTMAX_TAB,
        values: TOKENS.iter().map(|t| t.1).collect(),
        labels: Some(TOKENS.iter().map(|t| t.0.to_string()).collect()),
        sampler,
        panel,
        ..Settings::default()
    });
    app.update(Action::Resize(100, 30));
    app
}

fn top_p(p: f64, order: Order) -> SamplerSettings {
    SamplerSettings::default()
        .with_temperature(Temperature::new(0.5).unwrap())
        .with_top_p(p)
        .unwrap()
        .with_order(order)
}

fn big(panel: Panel, sampler: SamplerSettings) -> App {
    App::new(Settings {
        tab: SOFTMAX_TAB,
        values: logits(),
        panel,
        sampler,
        ..Settings::default()
    })
}

#[test]
fn labelled_logits_at_three_sizes() {
    let app = labelled(SamplerSettings::default(), Panel::Softmax);
    for (width, height) in [(80, 24), (100, 30), (200, 60)] {
        let screen = draw(&app, &UNICODE, width, height);
        for needle in ["the", "New York", "[EOS]", "argmax the"] {
            assert!(
                screen.contains(needle),
                "{needle} at {width}x{height}:\n{screen}"
            );
        }
        insta::assert_snapshot!(format!("labels_{width}x{height}"), screen);
    }
}

#[test]
fn top_p_in_both_orders() {
    for order in [Order::Hf, Order::LlamaCpp] {
        let app = labelled(top_p(0.9, order), Panel::Sampler);
        let sampled =
            kernel::sample_distribution(Level::best(), app.vector().values(), &app.sampler());
        let screen = draw(&app, &UNICODE, 100, 30);
        // The final percentage of the most probable token, as the kernel has it.
        let first = format::percent(sampled.probabilities[0]);
        assert!(screen.contains(&first), "{first}:\n{screen}");
        let kept = sampled.removed_by.iter().filter(|r| r.is_none()).count();
        assert!(
            screen.contains(&format!("filters keep {kept} of 8")),
            "{screen}"
        );
        insta::assert_snapshot!(format!("top_p_0_9_{}", order.name()), screen);
    }
}

#[test]
fn each_filter_alone() {
    let filters = [
        ("top_k", 'k', SamplerSettings::default().with_top_k(3)),
        (
            "top_p",
            'p',
            SamplerSettings::default().with_top_p(0.8).unwrap(),
        ),
        (
            "min_p",
            'm',
            SamplerSettings::default().with_min_p(0.2).unwrap(),
        ),
    ];
    for (name, mark, sampler) in filters {
        let app = labelled(sampler, Panel::Sampler);
        let screen = draw(&app, &UNICODE, 100, 30);
        // Removed rows carry the filter's letter where the pointer would be.
        assert!(
            screen.lines().any(|l| l.starts_with(&format!("\"│{mark} "))
                || l.contains(&format!("││{mark} "))),
            "{name}:\n{screen}"
        );
        insta::assert_snapshot!(format!("filter_{name}"), screen);
    }
}

#[test]
fn orders_that_disagree_show_both() {
    let app = labelled(top_p(0.9, Order::Hf), Panel::Sampler);
    assert!(kernel::orders_disagree(
        Level::best(),
        app.vector().values(),
        &app.sampler()
    ));
    let screen = draw(&app, &UNICODE, 200, 60);
    assert!(screen.contains("orders disagree"), "{screen}");
    assert!(
        screen.contains("llama.cpp"),
        "the other order's column:\n{screen}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn without_colour_and_in_ascii() {
    let mut app = labelled(top_p(0.9, Order::Hf), Panel::Sampler);
    app.update(Action::SelectNext);
    app.update(Action::SelectNext);
    let plain = draw(&app, &NO_COLOR, 100, 30);
    insta::assert_snapshot!("sampler_no_color", plain);
    let ascii = draw(&app, &ASCII, 100, 30);
    assert!(ascii.is_ascii(), "{ascii}");
    insta::assert_snapshot!("sampler_ascii", ascii);
}

#[test]
fn fifty_thousand_logits() {
    for (width, height) in [(80, 24), (100, 30), (200, 60)] {
        let app = big(Panel::Softmax, SamplerSettings::default());
        let screen = draw(&app, &UNICODE, width, height);
        assert!(screen.contains("more: "), "{screen}");
        insta::assert_snapshot!(format!("logits_50k_{width}x{height}"), screen);
    }
    let app = big(Panel::Sampler, top_p(0.9, Order::Hf));
    insta::assert_snapshot!("logits_50k_top_p", draw(&app, &UNICODE, 200, 60));
}

/// The line under a long list says how many rows are hidden and how much probability they
/// hold, to the kernel's numbers.
#[test]
fn the_hidden_rows_are_counted_and_weighed() {
    let app = big(Panel::Softmax, SamplerSettings::default());
    let screen = draw(&app, &UNICODE, 100, 30);
    let values = app.vector().values();
    let mut p = vec![0.0; values.len()];
    kernel::softmax(Level::best(), values, Temperature::ONE, &mut p);
    // The list opens on the most probable row; the rows shown are the first of the ranking.
    let line = screen
        .lines()
        .find(|l| l.contains(" more: "))
        .expect("a more line");
    let shown: usize = screen
        .lines()
        .filter(|l| l.contains(" %") && l.contains("││") && !l.contains("more:"))
        .count();
    let hidden: Vec<f64> = app.vector().ranking()[shown..]
        .iter()
        .map(|&i| p[i])
        .collect();
    let expected = format!(
        "{} more: {}",
        format::grouped(hidden.len()),
        format::percent(kernel::compensated_sum(&hidden))
    );
    assert!(line.contains(&expected), "{expected} in {line}");
}

#[test]
fn sparsemax_beside_softmax() {
    let mut app = App::new(Settings {
        tab: SOFTMAX_TAB,
        panel: Panel::Sparse,
        ..Settings::default()
    });
    app.update(Action::Resize(100, 30));
    let screen = draw(&app, &UNICODE, 100, 30);
    let mut sparse = [0.0; 3];
    kernel::sparsemax(&[1.2, 0.9, 0.4], Temperature::ONE, &mut sparse);
    assert_eq!(sparse[2], 0.0);
    for p in sparse {
        let text = format::percent(p);
        assert!(screen.contains(&text), "{text}:\n{screen}");
    }
    insta::assert_snapshot!(screen);
}

#[test]
fn draws_beside_their_expected_counts() {
    let app = App::new(Settings {
        tab: SOFTMAX_TAB,
        panel: Panel::Sampler,
        draws: Some(Draws {
            count: 1000,
            seed: 0,
        }),
        ..Settings::default()
    });
    let screen = draw(&app, &UNICODE, 200, 60);
    let mut p = [0.0; 3];
    kernel::softmax(Level::best(), &[1.2, 0.9, 0.4], Temperature::ONE, &mut p);
    for count in kernel::draw(&p, 1000, 0) {
        assert!(screen.contains(&format!(" {count} ")), "{count}:\n{screen}");
    }
    insta::assert_snapshot!(screen);
}

#[test]
fn the_sampler_columns_and_the_bars_say_the_same_temperature() {
    for order in [Order::Hf, Order::LlamaCpp] {
        let app = labelled(top_p(0.9, order), Panel::Sampler);
        for (width, height) in [(100, 30), (200, 60)] {
            let screen = draw(&app, &NO_COLOR, width, height);
            let header = screen
                .lines()
                .find(|l| l.contains("final"))
                .unwrap_or_else(|| panic!("{screen}"));
            // The filters see the softmax at T = 1 where they come first, else at T = 0.5:
            // the first column and the bars' "before" say which.
            if header.contains("p at T=1") {
                assert!(!header.contains("T=0.5"), "{order:?}:\n{screen}");
            } else {
                assert!(header.contains("p at T "), "{order:?}:\n{screen}");
                assert!(!header.contains("T=1"), "{order:?}:\n{screen}");
            }
        }
    }
}
