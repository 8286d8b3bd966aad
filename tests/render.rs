//! Tests of the screen as drawn on ratatui's TestBackend.
//!
//! Snapshots of every tab and mode, and every size from nothing up drawn without a panic.

mod common;

use actscope::action::Action;
use actscope::app::{App, SOFTMAX_TAB, Settings, TABS, Tab};
use actscope::theme::Theme;
use common::screen::draw;

const UNICODE: Theme = Theme::new(true, true);

/// The index of the tab a name opens.
fn tab(name: &str) -> usize {
    Tab::from_name(name).expect("a tab").0
}

fn app_after(actions: impl IntoIterator<Item = Action>) -> App {
    let mut app = App::default();
    for action in actions {
        app.update(action);
    }
    app
}

#[test]
fn every_tab_at_100x30() {
    for (index, tab) in TABS.iter().enumerate() {
        let app = app_after([Action::SelectTab(index)]);
        let name = match tab {
            Tab::Function(a) => format!("tab_{index:02}_{}", a.name()),
            Tab::Softmax => format!("tab_{index:02}_softmax"),
            Tab::Formula => format!("tab_{index:02}_formula"),
        };
        insta::assert_snapshot!(name, draw(&app, &UNICODE, 100, 30));
    }
}

#[test]
fn the_seed_vector_shows_its_percentages() {
    let screen = draw(&App::default(), &UNICODE, 100, 30);
    for needle in ["45.66 %", "33.83 %", "20.52 %", "Sigmoid", "10›"] {
        assert!(screen.contains(needle), "{needle} missing:\n{screen}");
    }
}

#[test]
fn edit_mode_with_an_invalid_entry() {
    let mut app = app_after([Action::StartEdit]);
    for c in "1e999".chars() {
        app.update(Action::EditInput(c));
    }
    let screen = draw(&app, &UNICODE, 100, 30);
    assert!(screen.contains("too large"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn help_overlay() {
    let app = app_after([Action::ToggleHelp]);
    insta::assert_snapshot!(draw(&app, &UNICODE, 100, 30));
}

#[test]
fn at_80x24() {
    insta::assert_snapshot!(draw(&App::default(), &UNICODE, 80, 24));
}

#[test]
fn softmax_overflow_lesson() {
    let app = app_after([
        Action::SelectTab(SOFTMAX_TAB),
        Action::Paste("[900, 1000, 1000]".into()),
    ]);
    let screen = draw(&app, &UNICODE, 100, 30);
    assert!(screen.contains("NaN"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn softmax_insights_target_and_jacobian() {
    let app = app_after([
        Action::SelectTab(SOFTMAX_TAB),
        Action::CycleTarget,
        Action::ToggleJacobian,
    ]);
    let screen = draw(&app, &UNICODE, 100, 30);
    for needle in [
        "p - y",
        "-0.5434",
        "CE = -log p0 = 0.7840",
        "Jacobian",
        "0.2481",
    ] {
        assert!(screen.contains(needle), "{needle} missing:\n{screen}");
    }
    insta::assert_snapshot!(screen);
}

#[test]
fn vanishing_gradients_and_a_pinned_comparison() {
    let app = app_after([
        Action::SelectTab(tab("relu")),
        Action::CycleCompare,
        Action::DepthUp,
    ]);
    let screen = draw(&app, &UNICODE, 100, 30);
    for needle in ["▃▃ dead", "▃▃▃", "N = 11", "step"] {
        assert!(screen.contains(needle), "{needle} missing:\n{screen}");
    }
    insta::assert_snapshot!(screen);
}

#[test]
fn lower_precision_flags_saturation_and_overflow() {
    let mut app = App::new(Settings {
        values: vec![17.0, 0.5, -20.0],
        ..Settings::default()
    });
    app.update(Action::CyclePrecision);
    app.update(Action::CyclePrecision);
    let screen = draw(&app, &UNICODE, 100, 30);
    // NumPy's 1 / (1 + np.exp(20)) in f16: the exp overflows, and the 0 is the underflow f16
    // makes of the exact 2.1e-9 (PyTorch's too).
    for needle in [
        "f NumPy",
        "f' torch",
        "f16:",
        "NumPy and PyTorch: x0 saturated,",
        "x2 underflow",
        "marks: s saturated, u underflow",
        "f 1 (saturated)",
    ] {
        assert!(screen.contains(needle), "{needle} missing:\n{screen}");
    }
    insta::assert_snapshot!(screen);
}

#[test]
fn every_tab_and_overlay_is_pure_ascii_without_unicode() {
    let theme = Theme::new(false, false);
    for index in 0..TABS.len() {
        for extra in [
            vec![],
            vec![Action::ToggleHelp],
            vec![
                Action::ToggleJacobian,
                Action::CycleTarget,
                Action::CyclePrecision,
            ],
            vec![Action::CycleCompare, Action::StartEdit],
            vec![Action::StartEdit, Action::EditClear, Action::EditInput('x')],
            vec![Action::Nudge(f64::MAX), Action::Nudge(f64::MAX)],
            vec![
                Action::StartEdit,
                Action::Paste("1e999".into()),
                Action::EditCommit,
            ],
        ] {
            let mut actions = vec![Action::SelectTab(index)];
            actions.extend(extra);
            let app = app_after(actions.clone());
            let screen = draw(&app, &theme, 100, 30);
            assert!(screen.is_ascii(), "{actions:?}");
            // The only question marks are the help key's own.
            let cleaned = screen
                .replace("? help", "")
                .replace("| ?  ", "")
                .replace("Esc  ?", "")
                .replace("Esc or ? closes", "");
            assert!(
                !cleaned.contains('?'),
                "a '?' stands in for a symbol in {actions:?}:\n{screen}"
            );
        }
    }
}

#[test]
fn ascii_without_colour() {
    let theme = Theme::new(false, false);
    let app = App::new(Settings {
        marker: actscope::theme::MarkerKind::Ascii,
        ..Settings::default()
    });
    let screen = draw(&app, &theme, 100, 30);
    assert!(screen.is_ascii(), "non-ASCII on an ASCII screen:\n{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn tiny_sizes_never_panic() {
    let apps = [
        App::default(),
        app_after([Action::SelectTab(SOFTMAX_TAB)]),
        app_after([Action::ToggleHelp]),
        app_after([Action::StartEdit, Action::EditInput('x')]),
    ];
    for app in &apps {
        for width in 0..=42 {
            for height in 0..=16 {
                let _ = draw(app, &UNICODE, width, height);
            }
        }
    }
    let small = draw(&App::default(), &UNICODE, 30, 10);
    assert!(small.contains("terminal too small"), "{small}");
}

mod mouse {
    use actscope::action::Action;
    use actscope::app::App;
    use actscope::{keymap, ui};
    use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    use ratatui::layout::Rect;

    /// The event loop's path: the ui's hit test, then the keymap.
    fn action_for_mouse(app: &App, screen: Rect, mouse: MouseEvent) -> Option<Action> {
        let hit = ui::hit_test(app, &super::UNICODE, screen, mouse.column, mouse.row);
        keymap::action_for_mouse(&mouse, app.mode(), hit)
    }

    fn at(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
        MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }
    }

    fn click(app: &App, column: u16, row: u16) -> Option<Action> {
        let screen = Rect::new(0, 0, 100, 30);
        action_for_mouse(
            app,
            screen,
            at(MouseEventKind::Down(MouseButton::Left), column, row),
        )
    }

    #[test]
    fn clicking_a_tab_selects_it() {
        let app = App::default();
        // " actscope " and one marker column, then " Step ", " Sigmoid ", ...
        assert_eq!(click(&app, 12, 0), Some(Action::SelectTab(0)));
        assert_eq!(click(&app, 20, 0), Some(Action::SelectTab(1)));
        assert_eq!(click(&app, 3, 0), None);
    }

    #[test]
    fn clicking_a_row_selects_the_element() {
        let app = App::default();
        // Side by side at 100 columns: the panel's border at row 3, its header at 4, rows from 5.
        assert_eq!(click(&app, 60, 5), Some(Action::SelectElement(0)));
        assert_eq!(click(&app, 60, 7), Some(Action::SelectElement(2)));
        assert_eq!(click(&app, 60, 8), None);
        assert_eq!(click(&app, 60, 4), None);
    }

    #[test]
    fn the_wheel_nudges_and_other_modes_ignore_the_mouse() {
        let screen = Rect::new(0, 0, 100, 30);
        let app = App::default();
        let up = at(MouseEventKind::ScrollUp, 10, 10);
        assert_eq!(action_for_mouse(&app, screen, up), Some(Action::Nudge(0.1)));
        let mut editing = App::default();
        editing.update(Action::StartEdit);
        assert_eq!(action_for_mouse(&editing, screen, up), None);
        let tiny = Rect::new(0, 0, 10, 5);
        let down = at(MouseEventKind::Down(MouseButton::Left), 1, 1);
        assert_eq!(action_for_mouse(&app, tiny, down), None);
    }
}

/// A vector whose 70000 is inf in f16 (and -100 underflows, 17 overflows e^x).
const OVERFLOWING: &str = "-20 17 70000 -0.0 1e-8 -100";
/// Every flag at once in f16 (harmless overflow, saturation, underflow, x past the format).
const MANY_FLAGS: &str = "-20 -1e-8 -0.0 17 89 10000 65504 70000";

/// The panel's text, its lines joined by single spaces (a reason may wrap), and its lines
/// (those under the header, above the status line and the key hints).
fn panel_text(screen: &str) -> (String, Vec<String>) {
    let rows: Vec<&str> = screen.lines().collect();
    let lines: Vec<String> = rows[3..rows.len() - 2]
        .iter()
        .map(|line| {
            // Side by side, the panel is right of the chart's border.
            let panel = line
                .rsplit_once("││")
                .or_else(|| line.rsplit_once("||"))
                .map_or(*line, |(_, panel)| panel);
            let panel = panel.replace(['│', '|', '┘', '└', '─', '+', '"'], " ");
            // An ASCII border's run of dashes is no word.
            panel
                .split_whitespace()
                .filter(|word| word.len() < 2 || word.chars().any(|c| c != '-'))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    (format!(" {}", lines.join(" ")), lines)
}

/// What the footer must end with, whole: on a function tab the marks' legend (each flag of the
/// cells, `None` when none is flagged); on the Softmax tab the naive form's verdict.
fn footer_tail(app: &App, format: &str) -> Option<String> {
    use actscope::analysis::{Analysis, Kind, SoftmaxExtras};
    use actscope::kernel::precision::Flag;
    let analysis = Analysis::new(app, 21);
    match &analysis.kind {
        Kind::Function(numbers) => {
            let low = numbers.low.as_ref().expect("a lower precision");
            let mut words: Vec<&str> = low
                .models
                .iter()
                .flat_map(|model| &model.evaluations)
                .flat_map(|(f, df)| [f.flag, df.flag])
                .filter(|&flag| flag != Flag::Fine)
                .map(Flag::word)
                .collect();
            words.sort_unstable();
            words.dedup();
            (!words.is_empty()).then(|| words.join(","))
        }
        Kind::Softmax(SoftmaxExtras { low: Some(low), .. }) => {
            let verdicts: Vec<String> = low
                .models
                .iter()
                .map(|(_, forms, _)| {
                    let nan = forms.naive.iter().filter(|p| p.is_nan()).count();
                    let inf = forms
                        .naive_log
                        .iter()
                        .filter(|&&l| l == f64::NEG_INFINITY)
                        .count();
                    if nan + inf == 0 {
                        "no NaN, no -inf".to_string()
                    } else {
                        format!("{nan} p NaN, {inf} log p -inf")
                    }
                })
                .collect();
            Some(if verdicts[0] == verdicts[1] {
                format!("naive in {format}: NumPy and PyTorch: {}", verdicts[0])
            } else {
                format!(
                    "naive in {format}: NumPy: {} PyTorch: {}",
                    verdicts[0], verdicts[1]
                )
            })
        }
        Kind::Softmax(_) => None,
    }
}

/// Whether the footer says `tail` whole, each phrase on one line.
fn footer_is_whole(flowing: &str, lines: &[String], tail: Option<&str>, softmax: bool) -> bool {
    let Some(tail) = tail else {
        return !flowing.contains("marks:");
    };
    if softmax {
        // The verdict whole, the form's name on the line of the first model's.
        let (head, _) = tail.split_once(": ").expect("a head");
        let first_model = tail[head.len() + 2..].split(':').next().expect("a model");
        return flowing.trim_end().ends_with(tail)
            && lines
                .iter()
                .any(|line| line.contains(&format!("{head}: {first_model}")))
            && (!tail.contains("no NaN") || lines.iter().any(|l| l.contains("no NaN, no -inf")));
    }
    // The legend lists each flag of the cells, by its mark, and nothing else.
    let Some((_, legend)) = flowing.rsplit_once("marks: ") else {
        return false;
    };
    let mut words: Vec<&str> = legend
        .trim_end()
        .split(", ")
        .map(|entry| entry.get(2..).unwrap_or(""))
        .collect();
    words.sort_unstable();
    let phrases_kept = words
        .iter()
        .filter(|word| word.contains(' '))
        .all(|word| lines.iter().any(|line| line.contains(*word)));
    let first = legend.trim_end().split(", ").next().unwrap_or("");
    let head_kept = lines
        .iter()
        .any(|line| line.contains(&format!("marks: {first}")));
    words.join(",") == tail && phrases_kept && head_kept
}

#[test]
fn the_precision_footer_is_whole_from_80x24() {
    const ASCII: Theme = Theme::new(false, false);
    let mut missing = Vec::new();
    for (index, &tab) in TABS.iter().enumerate() {
        if tab == Tab::Formula {
            continue;
        }
        let inputs = [
            "1.2 0.9 0.4",
            "12 1 -3",
            OVERFLOWING,
            "-1e5 3 20000 -30",
            MANY_FLAGS,
            "70000 1 2 -0.0 1e-8",
        ];
        for input in inputs {
            for cycles in 1..=3 {
                let mut actions = vec![Action::SelectTab(index), Action::Paste(input.to_string())];
                actions.extend(std::iter::repeat_n(Action::CyclePrecision, cycles));
                // No status message: the selected element's readout.
                actions.push(Action::SelectElement(0));
                let app = app_after(actions);
                let format = ["f32", "f16", "bf16"][cycles - 1];
                let lead = if tab == Tab::Softmax {
                    format!("naive in {format}:")
                } else {
                    format!(" {format}:")
                };
                let tail = footer_tail(&app, format);
                let n = app.vector().len();
                for (width, height) in [(80, 24), (90, 24), (100, 30), (120, 30), (160, 45)] {
                    for theme in [&UNICODE, &ASCII] {
                        // At 80x24, with each element selected in turn (the status line's
                        // readout changes with it).
                        let selections = if (width, height) == (80, 24) { n } else { 1 };
                        for selected in 0..selections {
                            let mut app = app.clone();
                            app.update(Action::SelectElement(selected));
                            let screen = draw(&app, theme, width, height);
                            let body: Vec<&str> = screen.lines().skip(3).collect();
                            let (flowing, lines) = panel_text(&screen);
                            let whole = body.iter().all(|line| !line.contains('…'))
                                && flowing.contains(&lead)
                                && footer_is_whole(
                                    &flowing,
                                    &lines,
                                    tail.as_deref(),
                                    tab == Tab::Softmax,
                                );
                            let stable_told =
                                !(tab == Tab::Softmax && format == "f16" && input == OVERFLOWING)
                                    || flowing.contains(
                                        "x2 = 70000 is inf in f16, so x - max is inf - inf = NaN \
                                         naive in f16:",
                                    );
                            if !whole || !stable_told {
                                missing.push(format!(
                                    "tab {index}, {input:?}, {format}, {width}x{height}, x{selected}, \
                                     unicode {}, expected {tail:?}:\n{screen}",
                                    theme.unicode
                                ));
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "{} screens cut the precision footer; the first:\n{}",
        missing.len(),
        missing[0]
    );
}

/// The words (runs of two or more letters) of a rendered screen.
fn words(screen: &str) -> std::collections::BTreeSet<String> {
    screen
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_string)
        .collect()
}

#[test]
fn no_word_is_cut_at_any_width() {
    // Words that only a narrow screen uses (the counted forms of long lines, the line that
    // counts the rows a lower precision's footer hides).
    const NARROW_ONLY: [&str; 3] = ["flags", "too", "more"];
    let states: Vec<(&str, Vec<Action>)> = vec![
        ("browsing", vec![]),
        ("help", vec![Action::ToggleHelp]),
        ("editing", vec![Action::StartEdit, Action::EditInput('x')]),
        ("compare", vec![Action::CycleCompare, Action::CycleCompare]),
        ("f32", vec![Action::CyclePrecision]),
        ("f16", vec![Action::CyclePrecision, Action::CyclePrecision]),
        ("bf16", vec![Action::CyclePrecision; 3]),
        (
            "f16, overflowing",
            vec![
                Action::Paste(OVERFLOWING.to_string()),
                Action::CyclePrecision,
                Action::CyclePrecision,
            ],
        ),
        (
            "target and Jacobian",
            vec![Action::CycleTarget, Action::ToggleJacobian],
        ),
        ("picker", vec![Action::OpenPicker, Action::PickerInput('s')]),
    ];
    let mut cuts = Vec::new();
    for index in 0..TABS.len() {
        for (what, extra) in &states {
            let mut actions = vec![Action::SelectTab(index)];
            actions.extend(extra.iter().cloned());
            let app = app_after(actions);
            // The same state on a screen wide enough for every text whole.
            let whole = words(&draw(&app, &UNICODE, 300, 60));
            for width in [40, 60, 80, 100, 120] {
                for height in [24, 30] {
                    let screen = draw(&app, &UNICODE, width, height);
                    for word in words(&screen) {
                        if !whole.contains(&word) && !NARROW_ONLY.contains(&word.as_str()) {
                            cuts.push(format!("{word:?} at {width}x{height}, tab {index}, {what}"));
                        }
                    }
                }
            }
        }
    }
    assert!(
        cuts.is_empty(),
        "{} cut words:\n{}",
        cuts.len(),
        cuts.join("\n")
    );
}
