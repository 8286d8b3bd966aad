//! The key table: every binding of the explorer, in the order the help overlay lists them.

use crossterm::event::{KeyCode, KeyModifiers};

use super::{BIG_NUDGE, Binding, Binds, Hint, Key, NUDGE, On, Scope};
use crate::action::{Action, Scroll};

pub(super) const fn key(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

pub(super) const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

pub(super) const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

const fn shift(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::SHIFT,
    }
}

pub(super) const fn hint(priority: u8, place: u8, keys: &'static str, text: &'static str) -> Hint {
    Hint {
        priority,
        place,
        keys,
        text,
        softmax_text: None,
        formula_text: None,
        on: On::Every,
    }
}

/// A hint shown only on the Softmax tab.
const fn softmax_hint(priority: u8, place: u8, keys: &'static str, text: &'static str) -> Hint {
    Hint {
        on: On::Softmax,
        ..hint(priority, place, keys, text)
    }
}

pub(super) const fn row(
    scope: Scope,
    keys: &'static [Key],
    label: &'static str,
    binds: Binds,
    help: Option<&'static str>,
    hint: Option<Hint>,
) -> Binding {
    Binding {
        scope,
        keys,
        label,
        binds,
        help,
        hint,
    }
}

/// The keys of browsing (and those that work everywhere), in the order the help lists them.
pub(super) static BROWSING: &[Binding] = &[
    row(
        Scope::Normal,
        &[ch('q')],
        "q  Ctrl-C",
        Binds::Action(Action::Quit),
        Some("quit"),
        Some(hint(1, 9, "q", "quit")),
    ),
    row(
        Scope::Everywhere,
        &[ctrl('c')],
        "",
        Binds::Action(Action::Quit),
        None,
        None,
    ),
    row(
        Scope::Normal,
        &[ch('?')],
        "?",
        Binds::Action(Action::ToggleHelp),
        Some("this help"),
        Some(hint(0, 8, "?", "help")),
    ),
    row(
        Scope::Everywhere,
        &[ctrl('z')],
        "Ctrl-Z",
        Binds::Action(Action::Suspend),
        Some("suspend (fg brings it back)"),
        None,
    ),
    row(
        Scope::Normal,
        &[key(KeyCode::Tab)],
        "Tab / Shift-Tab",
        Binds::Action(Action::NextTab),
        Some("next / previous tab"),
        Some(hint(5, 3, "Tab", "next")),
    ),
    row(
        Scope::Normal,
        &[shift(KeyCode::BackTab), key(KeyCode::BackTab)],
        "",
        Binds::Action(Action::PrevTab),
        None,
        None,
    ),
    row(
        Scope::Normal,
        &[ch('/')],
        "/",
        Binds::Action(Action::OpenPicker),
        Some("find a tab by name or alias (swish, hard-swish, ...)"),
        Some(hint(10, 6, "/", "find")),
    ),
    row(
        Scope::Normal,
        &[
            ch('1'),
            ch('2'),
            ch('3'),
            ch('4'),
            ch('5'),
            ch('6'),
            ch('7'),
            ch('8'),
            ch('9'),
            ch('0'),
        ],
        "1-9, 0",
        Binds::TabDigit,
        Some("jump to tab 1-10"),
        None,
    ),
    row(
        Scope::Normal,
        &[key(KeyCode::Up), ch('k')],
        "↑ ↓  k j",
        Binds::Action(Action::SelectPrev),
        Some("select an element"),
        Some(hint(3, 1, "↑/↓", "select")),
    ),
    row(
        Scope::Normal,
        &[key(KeyCode::Down), ch('j')],
        "",
        Binds::Action(Action::SelectNext),
        None,
        None,
    ),
    row(
        Scope::Normal,
        &[key(KeyCode::PageUp)],
        "PgUp PgDn",
        Binds::Action(Action::SelectRow(Scroll::PageUp)),
        Some("select a page of rows up / down"),
        None,
    ),
    row(
        Scope::Normal,
        &[key(KeyCode::PageDown)],
        "",
        Binds::Action(Action::SelectRow(Scroll::PageDown)),
        None,
        None,
    ),
    row(
        Scope::Normal,
        &[key(KeyCode::Home), ch('g')],
        "Home End  g G",
        Binds::Action(Action::SelectRow(Scroll::Top)),
        Some("select the first / last row"),
        None,
    ),
    row(
        Scope::Normal,
        &[key(KeyCode::End), ch('G')],
        "",
        Binds::Action(Action::SelectRow(Scroll::Bottom)),
        None,
        None,
    ),
    row(
        Scope::Normal,
        &[key(KeyCode::Left), ch('h')],
        "← →  h l",
        Binds::Action(Action::Nudge(-NUDGE)),
        Some("nudge it by 0.1"),
        Some(hint(2, 0, "←/→", "nudge")),
    ),
    row(
        Scope::Normal,
        &[key(KeyCode::Right), ch('l')],
        "",
        Binds::Action(Action::Nudge(NUDGE)),
        None,
        None,
    ),
    row(
        Scope::Normal,
        &[shift(KeyCode::Left), ch('H')],
        "Shift-← →  H L",
        Binds::Action(Action::Nudge(-BIG_NUDGE)),
        Some("nudge it by 1"),
        None,
    ),
    row(
        Scope::Normal,
        &[shift(KeyCode::Right), ch('L')],
        "",
        Binds::Action(Action::Nudge(BIG_NUDGE)),
        None,
        None,
    ),
    row(
        Scope::Normal,
        &[key(KeyCode::Enter), ch('e')],
        "Enter  e",
        Binds::Action(Action::StartEdit),
        Some("type an exact value (Enter commits, Esc cancels)"),
        Some(hint(4, 2, "Enter", "edit")),
    ),
    row(
        Scope::Normal,
        &[ch('a'), key(KeyCode::Insert)],
        "a  Insert",
        Binds::Action(Action::AddElement),
        Some("add an element after the selected one and type it"),
        Some(hint(7, 5, "a", "add")),
    ),
    row(
        Scope::Normal,
        &[ch('x'), key(KeyCode::Delete)],
        "x  Delete",
        Binds::Action(Action::RemoveElement),
        Some("remove the selected element"),
        Some(hint(8, 6, "x", "del")),
    ),
    row(
        Scope::Everywhere,
        &[],
        "paste",
        Binds::Pasted,
        Some("a vector replaces it: 1.2 0.9, cat=1.2 dog=0.9, JSON, CSV lines"),
        None,
    ),
    row(
        Scope::Normal,
        &[ch('[')],
        "[ ]",
        Binds::Action(Action::ParamDown),
        Some("parameter down / up (on Softmax what f chose; exact/tanh on GELU)"),
        Some(Hint {
            priority: 6,
            place: 4,
            keys: "[ ]",
            text: "param",
            softmax_text: Some("adjust"),
            formula_text: None,
            on: On::Every,
        }),
    ),
    row(
        Scope::Normal,
        &[ch(']')],
        "",
        Binds::Action(Action::ParamUp),
        None,
        None,
    ),
    row(
        Scope::Normal,
        &[ch('f')],
        "f",
        Binds::Action(Action::CycleFocus),
        Some("what [ ] adjust: Softmax T, top-k, top-p, min-p; Formula its parameters"),
        Some(Hint {
            softmax_text: Some("T/k/p/m"),
            formula_text: Some("next param"),
            on: On::SoftmaxAndFormula,
            ..hint(6, 4, "f", "")
        }),
    ),
    row(
        Scope::Normal,
        &[ch('F')],
        "F",
        Binds::Action(Action::EditFormula),
        Some("Formula: edit the formula (Enter applies, Esc keeps the last)"),
        Some(Hint {
            on: On::Formula,
            ..hint(3, 3, "F", "formula")
        }),
    ),
    row(
        Scope::Normal,
        &[ch('o')],
        "o",
        Binds::Action(Action::CycleOrder),
        Some("Softmax: the sampler's order: hf, llama.cpp, vllm"),
        Some(softmax_hint(11, 5, "o", "order")),
    ),
    row(
        Scope::Normal,
        &[ch('v')],
        "v",
        Binds::Action(Action::CyclePanel),
        Some("Softmax: the panel: softmax, sampler, sparsemax"),
        Some(softmax_hint(9, 5, "v", "panel")),
    ),
    row(
        Scope::Normal,
        &[ch('n')],
        "n  N",
        Binds::Action(Action::Draw),
        Some("Softmax: draw samples (1,000, or --draws N; again: next seed) / clear"),
        Some(softmax_hint(12, 5, "n", "draw")),
    ),
    row(
        Scope::Normal,
        &[ch('N')],
        "",
        Binds::Action(Action::ClearDraws),
        None,
        None,
    ),
    row(
        Scope::Normal,
        &[],
        "(marks) k p m",
        Binds::Legend,
        Some("beside a row of the sampler: removed by top-k, top-p, min-p"),
        None,
    ),
    row(
        Scope::Normal,
        &[ch('s')],
        "s",
        Binds::Action(Action::ToggleSort),
        Some("list the elements by probability / in input order"),
        None,
    ),
    row(
        Scope::Normal,
        &[ch('+'), ch('=')],
        "+ -",
        Binds::Action(Action::ZoomIn),
        Some("zoom in / out around the selected element"),
        Some(hint(9, 7, "+/-", "zoom")),
    ),
    row(
        Scope::Normal,
        &[ch('-'), ch('_')],
        "",
        Binds::Action(Action::ZoomOut),
        None,
        None,
    ),
    row(
        Scope::Normal,
        &[ch('r')],
        "r",
        Binds::Action(Action::ResetView),
        Some("reset the view to x in [-5, 5]"),
        None,
    ),
    row(
        Scope::Normal,
        &[ch('d')],
        "d",
        Binds::Action(Action::ToggleDerivative),
        Some("show / hide the derivative"),
        None,
    ),
    row(
        Scope::Normal,
        &[ch('m')],
        "m",
        Binds::Action(Action::CycleMarker),
        Some("chart marker: braille, half-block, ASCII"),
        None,
    ),
    row(
        Scope::Normal,
        &[ch('<')],
        "< >",
        Binds::Action(Action::DepthDown),
        Some("depth N for |f'(x)|^N; ▁▁ marks saturated and dead regions"),
        None,
    ),
    row(
        Scope::Normal,
        &[ch('>')],
        "",
        Binds::Action(Action::DepthUp),
        None,
        None,
    ),
    row(
        Scope::Normal,
        &[ch('c')],
        "c  C",
        Binds::Action(Action::CycleCompare),
        Some("pin another activation beside this one / unpin"),
        None,
    ),
    row(
        Scope::Normal,
        &[ch('C')],
        "",
        Binds::Action(Action::ClearCompare),
        None,
        None,
    ),
    row(
        Scope::Normal,
        &[ch('{')],
        "{ }",
        Binds::Action(Action::ShiftAll(-1.0)),
        Some("shift every logit by -1 / +1 (softmax does not change)"),
        None,
    ),
    row(
        Scope::Normal,
        &[ch('}')],
        "",
        Binds::Action(Action::ShiftAll(1.0)),
        None,
        None,
    ),
    row(
        Scope::Normal,
        &[ch('t')],
        "t",
        Binds::Action(Action::CycleTarget),
        Some("target class: cross-entropy and its gradient p - y"),
        None,
    ),
    row(
        Scope::Normal,
        &[ch('J')],
        "J",
        Binds::Action(Action::ToggleJacobian),
        Some("the softmax Jacobian in place of the chart"),
        None,
    ),
    row(
        Scope::Normal,
        &[ch('p')],
        "p",
        Binds::Action(Action::CyclePrecision),
        Some("cycle f64, f32, f16, bf16: NumPy and PyTorch side by side, what breaks"),
        None,
    ),
    row(
        Scope::Normal,
        &[ch('y')],
        "y",
        Binds::Action(Action::Share),
        Some("copy the screen, and a command that reopens its tab, vector and settings"),
        None,
    ),
];
