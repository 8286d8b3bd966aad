//! The one place that knows keys: a key press, in the current mode, becomes an [`Action`].

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::action::Action;
use crate::app::Mode;

/// A small step for ←/→ (h/l).
pub const NUDGE: f64 = 0.1;
/// A big step for Shift-←/→ (H/L).
pub const BIG_NUDGE: f64 = 1.0;

/// The action a terminal event asks for, if any: key presses (never releases or repeats) and
/// bracketed pastes. Resizes and anything else ask for nothing (the caller redraws).
#[must_use]
pub fn action_for_event(event: &Event, mode: &Mode) -> Option<Action> {
    match event {
        Event::Key(key) => action_for_key(*key, mode),
        Event::Paste(text) => Some(Action::Paste(text.clone())),
        _ => None,
    }
}

/// The action a key press asks for in `mode`, if any.
#[must_use]
pub fn action_for_key(key: KeyEvent, mode: &Mode) -> Option<Action> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(key.code, KeyCode::Char('c' | 'C')) {
        return Some(Action::Quit);
    }
    if ctrl && matches!(key.code, KeyCode::Char('z' | 'Z')) {
        return Some(Action::Suspend);
    }
    match mode {
        Mode::Normal => normal(key, ctrl),
        Mode::Editing(_) => editing(key, ctrl),
        Mode::Help => help(key),
    }
}

fn normal(key: KeyEvent, ctrl: bool) -> Option<Action> {
    if ctrl {
        return None;
    }
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    let action = match key.code {
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Char('?') => Action::ToggleHelp,
        KeyCode::Tab => Action::NextTab,
        KeyCode::BackTab => Action::PrevTab,
        KeyCode::Char(c @ '1'..='9') => Action::SelectTab(c as usize - '1' as usize),
        KeyCode::Char('0') => Action::SelectTab(9),
        KeyCode::Up | KeyCode::Char('k') => Action::SelectPrev,
        KeyCode::Down | KeyCode::Char('j') => Action::SelectNext,
        KeyCode::Left if shift => Action::Nudge(-BIG_NUDGE),
        KeyCode::Right if shift => Action::Nudge(BIG_NUDGE),
        KeyCode::Left | KeyCode::Char('h') => Action::Nudge(-NUDGE),
        KeyCode::Right | KeyCode::Char('l') => Action::Nudge(NUDGE),
        KeyCode::Char('H') => Action::Nudge(-BIG_NUDGE),
        KeyCode::Char('L') => Action::Nudge(BIG_NUDGE),
        KeyCode::Enter | KeyCode::Char('e') => Action::StartEdit,
        KeyCode::Char('a') | KeyCode::Insert => Action::AddElement,
        KeyCode::Char('x') | KeyCode::Delete => Action::RemoveElement,
        KeyCode::Char('[') => Action::ParamDown,
        KeyCode::Char(']') => Action::ParamUp,
        KeyCode::Char('+' | '=') => Action::ZoomIn,
        KeyCode::Char('-' | '_') => Action::ZoomOut,
        KeyCode::Char('r') => Action::ResetView,
        KeyCode::Char('d') => Action::ToggleDerivative,
        KeyCode::Char('m') => Action::CycleMarker,
        KeyCode::Char('>') => Action::DepthUp,
        KeyCode::Char('<') => Action::DepthDown,
        KeyCode::Char('c') => Action::CycleCompare,
        KeyCode::Char('C') => Action::ClearCompare,
        KeyCode::Char('y') => Action::Share,
        KeyCode::Char('}') => Action::ShiftAll(1.0),
        KeyCode::Char('{') => Action::ShiftAll(-1.0),
        KeyCode::Char('t') => Action::CycleTarget,
        KeyCode::Char('J') => Action::ToggleJacobian,
        KeyCode::Char('p') => Action::CyclePrecision,
        _ => return None,
    };
    Some(action)
}

fn editing(key: KeyEvent, ctrl: bool) -> Option<Action> {
    match key.code {
        KeyCode::Enter => Some(Action::EditCommit),
        KeyCode::Esc => Some(Action::EditCancel),
        KeyCode::Char('g' | 'G') if ctrl => Some(Action::EditCancel),
        KeyCode::Char('u' | 'U') if ctrl => Some(Action::EditClear),
        KeyCode::Backspace => Some(Action::EditBackspace),
        KeyCode::Char('h') if ctrl => Some(Action::EditBackspace),
        KeyCode::Char(c) if !ctrl && !c.is_control() => Some(Action::EditInput(c)),
        _ => None,
    }
}

fn help(key: KeyEvent) -> Option<Action> {
    match key.code {
        KeyCode::Esc | KeyCode::Char('?') | KeyCode::Enter => Some(Action::ToggleHelp),
        KeyCode::Char('q') => Some(Action::Quit),
        _ => None,
    }
}

/// Every key, for the help overlay: (keys, what they do).
pub const HELP: &[(&str, &str)] = &[
    ("q  Ctrl-C", "quit"),
    ("?  Esc", "this help (Esc or ? closes it)"),
    ("Ctrl-Z", "suspend (fg brings it back)"),
    ("Tab / Shift-Tab", "next / previous tab"),
    ("1-9, 0", "jump to tab 1-10"),
    ("↑ ↓  k j", "select an element"),
    ("← →  h l", "nudge it by 0.1"),
    ("Shift-← →  H L", "nudge it by 1"),
    (
        "Enter  e",
        "type an exact value (Enter commits, Esc cancels)",
    ),
    ("a", "add an element after the selected one"),
    ("x  Delete", "remove the selected element"),
    ("paste", "a whole vector: [1.2, 0.9, 0.4] replaces it"),
    (
        "[ ]",
        "parameter down / up (T on Softmax, exact/tanh on GELU)",
    ),
    ("+ -", "zoom in / out around the selected element"),
    ("r", "reset the view to x in [-5, 5]"),
    ("d", "show / hide the derivative"),
    ("m", "chart marker: braille, half-block, ASCII"),
    (
        "< >",
        "depth N for |f'(x)|^N; ▁▁ marks |f'| < 1% of its max",
    ),
    ("c  C", "pin another activation beside this one / unpin"),
    (
        "{ }",
        "shift every logit by -1 / +1 (softmax does not change)",
    ),
    ("t", "target class: cross-entropy and its gradient p - y"),
    ("J", "the softmax Jacobian in place of the chart"),
    ("p", "evaluate in f64, f32, f16, bf16: overflow, saturation"),
    (
        "y",
        "copy the view and the command that reopens it (OSC 52)",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Edit, Mode};

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn with(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    fn editing_mode() -> Mode {
        Mode::Editing(Edit {
            buffer: String::new(),
            fresh: false,
            error: None,
        })
    }

    #[test]
    fn normal_mode_table() {
        let table = [
            (press(KeyCode::Char('q')), Some(Action::Quit)),
            (
                with(KeyCode::Char('c'), KeyModifiers::CONTROL),
                Some(Action::Quit),
            ),
            (press(KeyCode::Char('?')), Some(Action::ToggleHelp)),
            (press(KeyCode::Tab), Some(Action::NextTab)),
            (
                with(KeyCode::BackTab, KeyModifiers::SHIFT),
                Some(Action::PrevTab),
            ),
            (press(KeyCode::Char('1')), Some(Action::SelectTab(0))),
            (press(KeyCode::Char('9')), Some(Action::SelectTab(8))),
            (press(KeyCode::Char('0')), Some(Action::SelectTab(9))),
            (press(KeyCode::Up), Some(Action::SelectPrev)),
            (press(KeyCode::Char('k')), Some(Action::SelectPrev)),
            (press(KeyCode::Down), Some(Action::SelectNext)),
            (press(KeyCode::Char('j')), Some(Action::SelectNext)),
            (press(KeyCode::Left), Some(Action::Nudge(-0.1))),
            (press(KeyCode::Char('l')), Some(Action::Nudge(0.1))),
            (
                with(KeyCode::Left, KeyModifiers::SHIFT),
                Some(Action::Nudge(-1.0)),
            ),
            (
                with(KeyCode::Right, KeyModifiers::SHIFT),
                Some(Action::Nudge(1.0)),
            ),
            (
                with(KeyCode::Char('H'), KeyModifiers::SHIFT),
                Some(Action::Nudge(-1.0)),
            ),
            (press(KeyCode::Enter), Some(Action::StartEdit)),
            (press(KeyCode::Char('e')), Some(Action::StartEdit)),
            (press(KeyCode::Char('a')), Some(Action::AddElement)),
            (press(KeyCode::Char('x')), Some(Action::RemoveElement)),
            (press(KeyCode::Delete), Some(Action::RemoveElement)),
            (press(KeyCode::Char('[')), Some(Action::ParamDown)),
            (press(KeyCode::Char(']')), Some(Action::ParamUp)),
            (press(KeyCode::Char('+')), Some(Action::ZoomIn)),
            (press(KeyCode::Char('-')), Some(Action::ZoomOut)),
            (press(KeyCode::Char('r')), Some(Action::ResetView)),
            (press(KeyCode::Char('d')), Some(Action::ToggleDerivative)),
            (press(KeyCode::Char('m')), Some(Action::CycleMarker)),
            (press(KeyCode::Char('>')), Some(Action::DepthUp)),
            (press(KeyCode::Char('<')), Some(Action::DepthDown)),
            (press(KeyCode::Char('c')), Some(Action::CycleCompare)),
            (press(KeyCode::Char('y')), Some(Action::Share)),
            (press(KeyCode::Char('}')), Some(Action::ShiftAll(1.0))),
            (press(KeyCode::Char('t')), Some(Action::CycleTarget)),
            (press(KeyCode::Char('p')), Some(Action::CyclePrecision)),
            (
                with(KeyCode::Char('C'), KeyModifiers::SHIFT),
                Some(Action::ClearCompare),
            ),
            (press(KeyCode::Char('z')), None),
            (press(KeyCode::F(5)), None),
            (with(KeyCode::Char('x'), KeyModifiers::CONTROL), None),
            (
                with(KeyCode::Char('z'), KeyModifiers::CONTROL),
                Some(Action::Suspend),
            ),
        ];
        for (key, want) in table {
            assert_eq!(action_for_key(key, &Mode::Normal), want, "{key:?}");
        }
    }

    #[test]
    fn edit_mode_table() {
        let mode = editing_mode();
        let table = [
            (press(KeyCode::Char('q')), Some(Action::EditInput('q'))),
            (press(KeyCode::Char('-')), Some(Action::EditInput('-'))),
            (press(KeyCode::Enter), Some(Action::EditCommit)),
            (press(KeyCode::Esc), Some(Action::EditCancel)),
            (
                with(KeyCode::Char('g'), KeyModifiers::CONTROL),
                Some(Action::EditCancel),
            ),
            (
                with(KeyCode::Char('u'), KeyModifiers::CONTROL),
                Some(Action::EditClear),
            ),
            (press(KeyCode::Backspace), Some(Action::EditBackspace)),
            (
                with(KeyCode::Char('c'), KeyModifiers::CONTROL),
                Some(Action::Quit),
            ),
            (press(KeyCode::Left), None),
        ];
        for (key, want) in table {
            assert_eq!(action_for_key(key, &mode), want, "{key:?}");
        }
    }

    #[test]
    fn help_mode_table() {
        for code in [KeyCode::Esc, KeyCode::Char('?'), KeyCode::Enter] {
            assert_eq!(
                action_for_key(press(code), &Mode::Help),
                Some(Action::ToggleHelp)
            );
        }
        assert_eq!(
            action_for_key(press(KeyCode::Char('q')), &Mode::Help),
            Some(Action::Quit)
        );
        assert_eq!(action_for_key(press(KeyCode::Char('j')), &Mode::Help), None);
    }

    #[test]
    fn releases_and_repeats_do_nothing() {
        let mut key = press(KeyCode::Char('q'));
        key.kind = KeyEventKind::Release;
        assert_eq!(action_for_key(key, &Mode::Normal), None);
        key.kind = KeyEventKind::Repeat;
        assert_eq!(action_for_key(key, &Mode::Normal), None);
    }

    #[test]
    fn paste_and_resize_events() {
        let paste = Event::Paste("[1, 2]".into());
        assert_eq!(
            action_for_event(&paste, &Mode::Normal),
            Some(Action::Paste("[1, 2]".into()))
        );
        assert_eq!(
            action_for_event(&Event::Resize(10, 10), &Mode::Normal),
            None
        );
    }
}
