//! The key table: every binding of the explorer, in the order the help overlay lists them.

use crossterm::event::{KeyCode, KeyModifiers};

use super::{BIG_NUDGE, Binding, Binds, Hint, Key, NUDGE, Scope};
use crate::action::Action;

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
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

const fn hint(priority: u8, keys: &'static str, text: &'static str) -> Hint {
    Hint {
        priority,
        keys,
        text,
        softmax_text: None,
    }
}

const fn row(
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

/// Every key of the explorer, in the order the help overlay lists them.
pub static BINDINGS: &[Binding] = &[
    row(
        Scope::Normal,
        &[ch('q')],
        "q  Ctrl-C",
        Binds::Action(Action::Quit),
        Some("quit"),
        Some(hint(1, "q", "quit")),
    ),
    row(
        Scope::Everywhere,
        &[ctrl('c')],
        "Ctrl-C",
        Binds::Action(Action::Quit),
        None,
        None,
    ),
    row(
        Scope::Normal,
        &[ch('?')],
        "?  Esc",
        Binds::Action(Action::ToggleHelp),
        Some("this help (Esc or ? closes it)"),
        Some(hint(0, "?", "help")),
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
        Some(hint(5, "Tab", "next")),
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
        Some(hint(3, "↑/↓", "select")),
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
        &[key(KeyCode::Left), ch('h')],
        "← →  h l",
        Binds::Action(Action::Nudge(-NUDGE)),
        Some("nudge it by 0.1"),
        Some(hint(2, "←/→", "nudge")),
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
        Some(hint(4, "Enter", "edit")),
    ),
    row(
        Scope::Normal,
        &[ch('a'), key(KeyCode::Insert)],
        "a",
        Binds::Action(Action::AddElement),
        Some("add an element after the selected one"),
        Some(hint(7, "a", "add")),
    ),
    row(
        Scope::Normal,
        &[ch('x'), key(KeyCode::Delete)],
        "x  Delete",
        Binds::Action(Action::RemoveElement),
        Some("remove the selected element"),
        Some(hint(8, "x", "del")),
    ),
    row(
        Scope::Everywhere,
        &[],
        "paste",
        Binds::Pasted,
        Some("a whole vector: [1.2, 0.9, 0.4] replaces it"),
        None,
    ),
    row(
        Scope::Normal,
        &[ch('[')],
        "[ ]",
        Binds::Action(Action::ParamDown),
        Some("parameter down / up (T on Softmax, exact/tanh on GELU)"),
        Some(Hint {
            priority: 6,
            keys: "[ ]",
            text: "param",
            softmax_text: Some("T"),
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
        &[ch('+'), ch('=')],
        "+ -",
        Binds::Action(Action::ZoomIn),
        Some("zoom in / out around the selected element"),
        Some(hint(9, "+/-", "zoom")),
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
        Some("depth N for |f'(x)|^N; ▁▁ marks |f'| < 1% of its max"),
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
        Some("evaluate in f64, f32, f16, bf16: overflow, saturation"),
        None,
    ),
    row(
        Scope::Normal,
        &[ch('y')],
        "y",
        Binds::Action(Action::Share),
        Some("copy the view and the command that reopens it (OSC 52)"),
        None,
    ),
    row(
        Scope::Editing,
        &[key(KeyCode::Enter)],
        "Enter",
        Binds::Action(Action::EditCommit),
        None,
        Some(hint(0, "Enter", "commit")),
    ),
    row(
        Scope::Editing,
        &[key(KeyCode::Esc), ctrl('g')],
        "Esc",
        Binds::Action(Action::EditCancel),
        None,
        Some(hint(1, "Esc", "cancel")),
    ),
    row(
        Scope::Editing,
        &[ctrl('u')],
        "Ctrl-U",
        Binds::Action(Action::EditClear),
        None,
        Some(hint(2, "Ctrl-U", "clear")),
    ),
    row(
        Scope::Editing,
        &[key(KeyCode::Backspace), ctrl('h')],
        "Backspace",
        Binds::Action(Action::EditBackspace),
        None,
        None,
    ),
    row(Scope::Editing, &[], "", Binds::Typed, None, None),
    row(
        Scope::Help,
        &[key(KeyCode::Esc), ch('?'), key(KeyCode::Enter)],
        "Esc",
        Binds::Action(Action::ToggleHelp),
        None,
        Some(hint(0, "Esc", "close help")),
    ),
    row(
        Scope::Help,
        &[ch('q')],
        "q",
        Binds::Action(Action::Quit),
        None,
        Some(hint(1, "q", "quit")),
    ),
];
