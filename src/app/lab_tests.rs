//! Tests of the probability lab's state changes.
//!
//! The sampler's controls, the panel, the order of rows, draws, labels and the command line that
//! reopens them.

use super::*;
use crate::analysis::Analysis;
use crate::kernel;
use crate::kernel::{Filter, Order};

fn softmax_app(values: &[f64]) -> App {
    App::new(Settings {
        tab: SOFTMAX_TAB,
        values: values.to_vec(),
        ..Settings::default()
    })
}

fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for action in actions {
        app.update(action);
    }
}

fn status(app: &App) -> &str {
    &app.status().expect("a status").text
}

#[test]
fn f_chooses_what_the_brackets_adjust() {
    let mut app = softmax_app(&[3.0, 2.0, 1.0, 0.0, -1.0]);
    assert_eq!(app.params().focus, Control::Temperature);
    app.update(Action::ParamDown);
    assert_eq!(app.params().temperature().get(), 0.75);
    app.update(Action::CycleFocus);
    assert_eq!(app.params().focus, Control::Filter(Filter::TopK));
    assert!(status(&app).contains("top-k"), "{}", status(&app));
    // From off, down goes to the largest step under the length; up from there is off again.
    app.update(Action::ParamDown);
    assert_eq!(app.sampler().top_k(), 4);
    assert_eq!(
        app.view().panel,
        Panel::Sampler,
        "a filter turning on shows the sampler"
    );
    app.update(Action::ParamUp);
    assert_eq!(app.sampler().top_k(), 0);
    run(&mut app, std::iter::repeat_n(Action::ParamDown, 5));
    assert_eq!(app.sampler().top_k(), 1);
    app.update(Action::ParamDown);
    assert_eq!(app.status().unwrap().kind, StatusKind::Error);
    assert_eq!(app.sampler().top_k(), 1);

    app.update(Action::CycleFocus);
    assert_eq!(app.params().focus, Control::Filter(Filter::TopP));
    app.update(Action::ParamUp);
    assert_eq!(
        app.status().unwrap().kind,
        StatusKind::Error,
        "1 is off, the top"
    );
    run(&mut app, std::iter::repeat_n(Action::ParamDown, 3));
    assert_eq!(app.sampler().top_p(), 0.9);
    app.update(Action::CycleFocus);
    app.update(Action::ParamUp);
    assert_eq!(app.sampler().min_p(), 0.01);
    app.update(Action::CycleFocus);
    assert_eq!(app.params().focus, Control::Temperature);
    // The temperature stayed; the filters did too.
    assert_eq!(app.params().temperature().get(), 0.75);
    assert_eq!(
        (
            app.sampler().top_k(),
            app.sampler().top_p(),
            app.sampler().min_p()
        ),
        (1, 0.9, 0.01)
    );
}

#[test]
fn the_sampler_keys_say_where_they_work() {
    let mut app = App::default();
    for action in [
        Action::CycleFocus,
        Action::CycleOrder,
        Action::CyclePanel,
        Action::Draw,
    ] {
        app.update(action);
        assert!(status(&app).contains("Softmax tab"), "{}", status(&app));
    }
    assert_eq!(app.sampler(), SamplerSettings::default());
    assert_eq!(app.draws(), None);
}

#[test]
fn o_cycles_the_orders_and_names_their_steps() {
    let mut app = softmax_app(&[1.0, 2.0]);
    app.update(Action::CycleOrder);
    assert_eq!(app.sampler().order(), Order::LlamaCpp);
    assert_eq!(status(&app), "order llama.cpp: top-k, top-p, min-p, T");
    app.update(Action::CycleOrder);
    assert_eq!(app.sampler().order(), Order::Vllm);
    app.update(Action::CycleOrder);
    assert_eq!(app.sampler().order(), Order::Hf);
}

#[test]
fn v_cycles_the_panels() {
    let mut app = softmax_app(&[1.0, 2.0]);
    let mut seen = vec![app.view().panel];
    for _ in 0..3 {
        app.update(Action::CyclePanel);
        seen.push(app.view().panel);
    }
    assert_eq!(
        seen,
        [
            Panel::Softmax,
            Panel::Sampler,
            Panel::Sparse,
            Panel::Softmax
        ]
    );
}

#[test]
fn draws_are_seeded_and_counted() {
    let mut app = softmax_app(&[1.2, 0.9, 0.4]);
    app.update(Action::Draw);
    assert_eq!(
        app.draws(),
        Some(Draws {
            count: 1000,
            seed: 0
        })
    );
    assert_eq!(app.view().panel, Panel::Sampler);
    let counts = |app: &App| {
        Analysis::new(app, 11)
            .sampler()
            .and_then(|s| s.counts.clone())
            .expect("counts")
    };
    let first = counts(&app);
    assert_eq!(first.iter().sum::<u64>(), 1000);
    assert_eq!(first, counts(&app), "the same seed draws the same");
    assert_eq!(
        first,
        kernel::draw(&Analysis::new(&app, 11).softmax.probabilities, 1000, 0)
    );
    app.update(Action::Draw);
    assert_eq!(app.draws().unwrap().seed, 1);
    app.update(Action::ClearDraws);
    assert_eq!(app.draws(), None);
}

#[test]
fn a_sorted_list_is_walked_in_its_order() {
    // Past 16 elements the panel lists by probability and opens on the most probable.
    let values: Vec<f64> = (0..40).map(|i| f64::from((i * 17) % 40)).collect();
    let mut app = App::new(Settings {
        values: values.clone(),
        ..Settings::default()
    });
    assert_eq!(app.sort(), Sort::Probability);
    let top = app.vector().selected();
    assert_eq!(values[top], 39.0);
    app.update(Action::SelectNext);
    assert_eq!(app.vector().selected_value(), 38.0);
    app.update(Action::SelectPrev);
    app.update(Action::SelectPrev);
    assert_eq!(
        app.vector().selected_value(),
        0.0,
        "up from the first row wraps to the last"
    );
    run(&mut app, [Action::SelectRow(Scroll::Top)]);
    assert_eq!(app.vector().selected(), top);
    app.update(Action::Resize(100, 30));
    app.update(Action::SelectRow(Scroll::PageDown));
    assert_eq!(app.vector().selected_value(), 39.0 - 16.0);
    app.update(Action::SelectRow(Scroll::Bottom));
    assert_eq!(app.vector().selected_value(), 0.0);
    // Nudging moves the element through the order, and the selection stays on it.
    run(&mut app, std::iter::repeat_n(Action::Nudge(1.0), 3));
    // Now 3, tied with the other 3: the two share rows 36 and 37, by index.
    let row = app.row_of(app.vector().selected());
    assert!((36..=37).contains(&row), "{row}");
    assert_eq!(app.element_at_row(row), app.vector().selected());
    app.update(Action::ToggleSort);
    assert_eq!(app.sort(), Sort::Input);
    assert_eq!(app.row_of(7), 7);
    assert!(
        app.command_line().contains("--sort input"),
        "{}",
        app.command_line()
    );
}

#[test]
fn labels_name_the_elements_everywhere() {
    let mut app = softmax_app(&[0.0]);
    app.update(Action::Paste("cat=1.2 dog=0.9 bird=0.4".into()));
    assert_eq!(app.vector().name(1), "dog");
    app.update(Action::SelectNext);
    app.update(Action::Nudge(1e-30));
    assert!(
        status(&app).starts_with("dog = 0.9 stays"),
        "{}",
        status(&app)
    );
    assert_eq!(
        app.command_line(),
        "actscope --tab softmax --input 'cat=1.2 dog=0.9 bird=0.4'"
    );
    app.update(Action::Paste(r#"{"New York": 1, "a,b": 2}"#.into()));
    assert_eq!(
        app.command_line(),
        r#"actscope --tab softmax --input '1 2' --labels 'New York,"a,b"'"#
    );
}

/// A paste whose lines end in CR, as tmux and many terminals send them, reads as lines.
#[test]
fn pasted_lines_may_end_in_cr() {
    let mut app = softmax_app(&[0.0]);
    app.update(Action::Paste(
        "\"New York\",1.5\r\"Paris, France\",0.3\r".into(),
    ));
    assert_eq!(
        app.vector().labels().unwrap(),
        ["New York", "Paris, France"]
    );
    app.update(Action::Paste("token logit\r\ncat 1.2\r\ndog 0.9".into()));
    assert_eq!(app.vector().labels().unwrap(), ["cat", "dog"]);
}

#[test]
fn the_reopen_command_carries_the_sampler_and_the_file() {
    let mut app = App::new(Settings {
        tab: SOFTMAX_TAB,
        values: vec![1.0, 2.0, 3.0],
        source: Some("/tmp/logits.npy".into()),
        sampler: SamplerSettings::default()
            .with_top_k(2)
            .with_top_p(0.9)
            .unwrap()
            .with_order(Order::LlamaCpp),
        draws: Some(Draws { count: 50, seed: 7 }),
        ..Settings::default()
    });
    assert_eq!(
        app.command_line(),
        "actscope --tab softmax --input-file /tmp/logits.npy --top-k 2 --top-p 0.9 --order \
         llama.cpp --draws 50 --seed 7"
    );
    // Once the vector changes it is no longer the file's: the values are written out.
    app.update(Action::Nudge(0.1));
    assert!(
        app.command_line().contains("--input '1.1 2 3'"),
        "{}",
        app.command_line()
    );
    run(&mut app, [Action::CyclePanel, Action::CyclePanel]);
    assert!(
        app.command_line().contains("--panel sparse"),
        "{}",
        app.command_line()
    );
}
