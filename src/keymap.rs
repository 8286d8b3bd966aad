//! Terminal events to actions.
//!
//! A key press, in the current mode, is looked up in the one key table ([`crate::bindings`]); a
//! bracketed paste and a resize are actions of their own; a mouse event becomes one from what the
//! ui's hit test found under it.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::action::Action;
use crate::app::Mode;

pub use crate::bindings::{BIG_NUDGE, NUDGE};
use crate::bindings::{BINDINGS, Binds, Scope};

/// The scope of the bindings that work in `mode`.
#[must_use]
pub fn scope_of(mode: &Mode) -> Scope {
    match mode {
        Mode::Normal => Scope::Normal,
        Mode::Editing(_) => Scope::Editing,
        Mode::Help(_) => Scope::Help,
        Mode::Picker(_) => Scope::Picker,
    }
}

/// The action a terminal event asks for, if any: key presses (never releases or repeats) and
/// bracketed pastes. Resizes and anything else ask for nothing (the caller redraws); mouse events
/// go through [`action_for_mouse`].
#[must_use]
pub fn action_for_event(event: &Event, mode: &Mode) -> Option<Action> {
    match event {
        Event::Key(key) => action_for_key(*key, mode),
        Event::Paste(text) => Some(Action::Paste(text.clone())),
        Event::Resize(width, height) => Some(Action::Resize(*width, *height)),
        _ => None,
    }
}

/// The action a key press asks for in `mode`, if any.
#[must_use]
pub fn action_for_key(pressed: KeyEvent, mode: &Mode) -> Option<Action> {
    if pressed.kind != KeyEventKind::Press {
        return None;
    }
    let scope = scope_of(mode);
    for binding in BINDINGS.iter().filter(|b| b.scope.covers(scope)) {
        if let Some(matched) = binding.keys.iter().find(|k| k.matches(pressed)) {
            return match &binding.binds {
                Binds::Action(action) => Some(action.clone()),
                Binds::TabDigit => match matched.code {
                    KeyCode::Char('0') => Some(Action::SelectTab(9)),
                    KeyCode::Char(c @ '1'..='9') => {
                        Some(Action::SelectTab(c as usize - '1' as usize))
                    }
                    _ => None,
                },
                Binds::Typed | Binds::Pasted | Binds::Legend => None,
            };
        }
        if binding.binds == Binds::Typed
            && let KeyCode::Char(c) = pressed.code
            && !pressed
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            && !c.is_control()
        {
            return Some(if scope == Scope::Picker {
                Action::PickerInput(c)
            } else {
                Action::EditInput(c)
            });
        }
    }
    None
}

/// What is under the mouse, as the ui's hit test reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    /// A tab's label: its index.
    Tab(usize),
    /// A row of the vector panel: the element's index.
    Element(usize),
}

/// What a mouse event asks for in `mode`, given what is under it: a click on a tab selects it, a
/// click on a row selects that element, the wheel nudges the selected element. Only while
/// browsing.
#[must_use]
pub fn action_for_mouse(mouse: &MouseEvent, mode: &Mode, hit: Option<Hit>) -> Option<Action> {
    if *mode != Mode::Normal {
        return None;
    }
    match mouse.kind {
        MouseEventKind::ScrollUp => Some(Action::Nudge(NUDGE)),
        MouseEventKind::ScrollDown => Some(Action::Nudge(-NUDGE)),
        MouseEventKind::Down(MouseButton::Left) => match hit? {
            Hit::Tab(index) => Some(Action::SelectTab(index)),
            Hit::Element(index) => Some(Action::SelectElement(index)),
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::{CursorMove, Scroll};
    use crate::app::{Edit, HelpView, Origin, Picker};
    use crate::bindings::{BINDINGS, Binds, Scope, TabKind};

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn with(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    fn editing_mode() -> Mode {
        Mode::Editing(Edit::new(String::new(), Origin::Existing))
    }

    fn mode_of(scope: Scope) -> Mode {
        match scope {
            Scope::Everywhere | Scope::Normal => Mode::Normal,
            Scope::Editing => editing_mode(),
            Scope::Help => Mode::Help(HelpView::default()),
            Scope::Picker => Mode::Picker(Picker::default()),
        }
    }

    #[test]
    fn every_row_resolves_to_its_action() {
        for binding in BINDINGS.iter() {
            let mode = mode_of(binding.scope);
            for key in binding.keys {
                let got = action_for_key(KeyEvent::new(key.code, key.modifiers), &mode);
                let want = match (&binding.binds, key.code) {
                    (Binds::Action(action), _) => Some(action.clone()),
                    (Binds::TabDigit, KeyCode::Char('0')) => Some(Action::SelectTab(9)),
                    (Binds::TabDigit, KeyCode::Char(c)) => {
                        Some(Action::SelectTab(c as usize - '1' as usize))
                    }
                    (other, _) => panic!("{other:?} has keys"),
                };
                assert_eq!(got, want, "{key:?} in {:?}", binding.scope);
            }
        }
    }

    #[test]
    #[allow(clippy::too_many_lines)] // one line per Action: the list is the test
    fn every_action_has_a_row() {
        // A match without a wildcard: a new Action fails to compile here until it has a row
        // (or is named as reached another way).
        let bound = |action: &Action| -> bool {
            match action {
                Action::Paste(_) => BINDINGS.iter().any(|b| b.binds == Binds::Pasted),
                Action::EditInput(_) | Action::PickerInput(_) => {
                    BINDINGS.iter().any(|b| b.binds == Binds::Typed)
                }
                Action::SelectTab(_) => BINDINGS.iter().any(|b| b.binds == Binds::TabDigit),
                // Reached by a mouse click on a row (action_for_mouse) and a terminal resize.
                Action::SelectElement(_) | Action::Resize(..) => true,
                Action::NextTab
                | Action::PrevTab
                | Action::SelectNext
                | Action::SelectPrev
                | Action::SelectRow(_)
                | Action::Nudge(_)
                | Action::StartEdit
                | Action::EditBackspace
                | Action::EditDelete
                | Action::EditCursor(_)
                | Action::ScrollHelp(_)
                | Action::OpenPicker
                | Action::PickerBackspace
                | Action::PickerStep(_)
                | Action::PickerChoose
                | Action::PickerCancel
                | Action::EditClear
                | Action::EditCommit
                | Action::EditCancel
                | Action::AddElement
                | Action::RemoveElement
                | Action::ParamUp
                | Action::ParamDown
                | Action::ZoomIn
                | Action::ZoomOut
                | Action::ResetView
                | Action::ToggleDerivative
                | Action::CycleMarker
                | Action::DepthUp
                | Action::DepthDown
                | Action::CycleCompare
                | Action::ClearCompare
                | Action::ShiftAll(_)
                | Action::CycleTarget
                | Action::ToggleJacobian
                | Action::CyclePrecision
                | Action::CycleFocus
                | Action::EditFormula
                | Action::CycleOrder
                | Action::CyclePanel
                | Action::ToggleSort
                | Action::Draw
                | Action::ClearDraws
                | Action::Share
                | Action::ToggleHelp
                | Action::Quit
                | Action::Suspend => BINDINGS
                    .iter()
                    .any(|b| b.binds == Binds::Action(action.clone()) && !b.keys.is_empty()),
            }
        };
        for action in [
            Action::NextTab,
            Action::PrevTab,
            Action::SelectTab(0),
            Action::SelectNext,
            Action::SelectPrev,
            Action::SelectElement(0),
            Action::Nudge(NUDGE),
            Action::Nudge(-NUDGE),
            Action::Nudge(BIG_NUDGE),
            Action::Nudge(-BIG_NUDGE),
            Action::StartEdit,
            Action::EditInput('1'),
            Action::EditBackspace,
            Action::EditDelete,
            Action::EditCursor(CursorMove::Left),
            Action::EditCursor(CursorMove::Right),
            Action::EditCursor(CursorMove::Home),
            Action::EditCursor(CursorMove::End),
            Action::ScrollHelp(Scroll::Up),
            Action::ScrollHelp(Scroll::Down),
            Action::ScrollHelp(Scroll::PageUp),
            Action::ScrollHelp(Scroll::PageDown),
            Action::ScrollHelp(Scroll::Top),
            Action::ScrollHelp(Scroll::Bottom),
            Action::Resize(80, 24),
            Action::OpenPicker,
            Action::PickerInput('s'),
            Action::PickerBackspace,
            Action::PickerStep(1),
            Action::PickerStep(-1),
            Action::PickerChoose,
            Action::PickerCancel,
            Action::EditClear,
            Action::EditCommit,
            Action::EditCancel,
            Action::AddElement,
            Action::RemoveElement,
            Action::Paste(String::new()),
            Action::ParamUp,
            Action::ParamDown,
            Action::ZoomIn,
            Action::ZoomOut,
            Action::ResetView,
            Action::ToggleDerivative,
            Action::CycleMarker,
            Action::DepthUp,
            Action::DepthDown,
            Action::CycleCompare,
            Action::ClearCompare,
            Action::ShiftAll(1.0),
            Action::ShiftAll(-1.0),
            Action::CycleTarget,
            Action::ToggleJacobian,
            Action::CyclePrecision,
            Action::Share,
            Action::ToggleHelp,
            Action::Quit,
            Action::Suspend,
            Action::SelectRow(Scroll::PageUp),
            Action::SelectRow(Scroll::PageDown),
            Action::SelectRow(Scroll::Top),
            Action::SelectRow(Scroll::Bottom),
            Action::CycleFocus,
            Action::EditFormula,
            Action::CycleOrder,
            Action::CyclePanel,
            Action::ToggleSort,
            Action::Draw,
            Action::ClearDraws,
        ] {
            assert!(bound(&action), "{action:?} has no key");
        }
    }

    #[test]
    fn normal_mode_table() {
        let table = [
            (press(KeyCode::Char('q')), Some(Action::Quit)),
            (
                with(KeyCode::Char('c'), KeyModifiers::CONTROL),
                Some(Action::Quit),
            ),
            (
                with(KeyCode::Char('C'), KeyModifiers::CONTROL),
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
            (with(KeyCode::Char('q'), KeyModifiers::ALT), None),
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
            (
                with(KeyCode::Char('E'), KeyModifiers::SHIFT),
                Some(Action::EditInput('E')),
            ),
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
                with(KeyCode::Char('h'), KeyModifiers::CONTROL),
                Some(Action::EditBackspace),
            ),
            (
                with(KeyCode::Char('c'), KeyModifiers::CONTROL),
                Some(Action::Quit),
            ),
            (with(KeyCode::Char('x'), KeyModifiers::CONTROL), None),
            (press(KeyCode::F(1)), None),
        ];
        for (key, want) in table {
            assert_eq!(action_for_key(key, &mode), want, "{key:?}");
        }
    }

    #[test]
    fn help_mode_table() {
        for code in [KeyCode::Esc, KeyCode::Char('?'), KeyCode::Enter] {
            assert_eq!(
                action_for_key(press(code), &Mode::Help(HelpView::default())),
                Some(Action::ToggleHelp)
            );
        }
        assert_eq!(
            action_for_key(press(KeyCode::Char('q')), &Mode::Help(HelpView::default())),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for_key(press(KeyCode::Char('j')), &Mode::Help(HelpView::default())),
            Some(Action::ScrollHelp(Scroll::Down))
        );
        assert_eq!(
            action_for_key(press(KeyCode::Char('x')), &Mode::Help(HelpView::default())),
            None
        );
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
            Some(Action::Resize(10, 10))
        );
        assert_eq!(action_for_event(&Event::FocusGained, &Mode::Normal), None);
    }

    #[test]
    fn the_help_and_the_hints_come_from_the_table() {
        use crate::bindings::{help_lines, hints};
        let help = help_lines();
        assert_eq!(help.first(), Some(&("q  Ctrl-C", "quit")));
        assert!(help.iter().any(|(keys, _)| *keys == "paste"));
        for keys in ["Esc  Ctrl-G", "Ctrl-U", "a  Insert", "↑ ↓  PgUp PgDn"] {
            assert!(help.iter().any(|(k, _)| *k == keys), "{keys} missing");
        }
        assert!(
            !help
                .iter()
                .any(|(k, what)| k.contains("Esc") && what.contains("this help")),
            "Esc does not open the help"
        );
        let normal = hints(Scope::Normal, TabKind::Function);
        let shown: Vec<(&str, &str)> = normal.iter().map(|&(_, k, t)| (k, t)).collect();
        assert_eq!(shown.first(), Some(&("←/→", "nudge")));
        assert_eq!(shown[shown.len() - 2..], [("?", "help"), ("q", "quit")]);
        assert!(shown.contains(&("[ ]", "param")));
        assert!(
            hints(Scope::Normal, TabKind::Softmax)
                .iter()
                .any(|&(_, k, t)| (k, t) == ("[ ]", "adjust"))
        );
        let editing: Vec<(&str, &str)> = hints(Scope::Editing, TabKind::Function)
            .iter()
            .map(|&(_, k, t)| (k, t))
            .collect();
        assert_eq!(
            editing,
            [
                ("Enter", "commit"),
                ("Esc", "cancel"),
                ("←/→", "move"),
                ("Ctrl-U", "clear")
            ]
        );
    }
}
