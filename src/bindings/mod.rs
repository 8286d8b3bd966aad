//! The key table and what its rows are: every binding of the explorer as data.
//!
//! A row holds a scope, keys, an action, help text and a hint. From the table the keymap resolves
//! key presses, the help overlay lists every key and the hint bar picks its few. Data only: nothing
//! here knows the app's state.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::Action;
use std::sync::LazyLock;

mod modes;
mod table;

/// Every key of the explorer, in the order the help overlay lists them: browsing, then the
/// modes.
pub static BINDINGS: LazyLock<Vec<Binding>> = LazyLock::new(|| {
    table::BROWSING
        .iter()
        .chain(modes::MODES)
        .cloned()
        .collect()
});

/// A small step for ←/→ (h/l).
pub const NUDGE: f64 = 0.1;
/// A big step for Shift-←/→ (H/L).
pub const BIG_NUDGE: f64 = 1.0;

/// Which mode a binding works in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// In every mode.
    Everywhere,
    /// Browsing.
    Normal,
    /// Typing a value.
    Editing,
    /// The help overlay.
    Help,
    /// The tab picker.
    Picker,
}

impl Scope {
    /// Whether a binding of this scope works where `current` is the mode's scope.
    #[must_use]
    pub fn covers(self, current: Scope) -> bool {
        self == Scope::Everywhere || self == current
    }
}

/// A key as a binding names it. For characters the Shift modifier is ignored (the character
/// says it: `H` is Shift-h); for other keys it must match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl, Shift as required.
    pub modifiers: KeyModifiers,
}

impl Key {
    /// Whether a pressed key is this one.
    #[must_use]
    pub fn matches(self, pressed: KeyEvent) -> bool {
        let relevant = if matches!(pressed.code, KeyCode::Char(_)) {
            KeyModifiers::CONTROL | KeyModifiers::ALT
        } else {
            KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT
        };
        let code = match (pressed.code, self.modifiers.contains(KeyModifiers::CONTROL)) {
            // Terminals send Ctrl-letters in either case.
            (KeyCode::Char(c), true) => KeyCode::Char(c.to_ascii_lowercase()),
            (code, _) => code,
        };
        code == self.code && pressed.modifiers & relevant == self.modifiers & relevant
    }
}

/// What a binding does.
#[derive(Clone, Debug, PartialEq)]
pub enum Binds {
    /// This action.
    Action(Action),
    /// A digit key: 1-9 jump to tabs 1-9, 0 to tab 10.
    TabDigit,
    /// Any printable character: typed into the edit field or the picker.
    Typed,
    /// A bracketed paste (not a key): the text as a whole vector, or into the edit field.
    Pasted,
    /// Not a key: a line of the help that explains a mark on screen.
    Legend,
}

/// A line in the hint bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hint {
    /// Lower is left out last when the line is short.
    pub priority: u8,
    /// Where it stands in the line, left to right.
    pub place: u8,
    /// The keys, short (`←/→`).
    pub keys: &'static str,
    /// What they do, one word or two.
    pub text: &'static str,
    /// What they do on the Softmax tab, when that differs.
    pub softmax_text: Option<&'static str>,
    /// What they do on the Formula tab, when that differs.
    pub formula_text: Option<&'static str>,
    /// The tabs it shows on.
    pub on: On,
}

/// The kind of tab open, as far as the hints care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TabKind {
    /// An element-wise activation.
    Function,
    /// The Softmax tab.
    Softmax,
    /// The Formula tab.
    Formula,
}

/// Which tabs a hint shows on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum On {
    /// Every tab.
    Every,
    /// The Softmax tab alone.
    Softmax,
    /// The Formula tab alone.
    Formula,
    /// The Softmax and the Formula tabs.
    SoftmaxAndFormula,
}

impl On {
    fn covers(self, kind: TabKind) -> bool {
        match self {
            On::Every => true,
            On::Softmax => kind == TabKind::Softmax,
            On::Formula => kind == TabKind::Formula,
            On::SoftmaxAndFormula => kind != TabKind::Function,
        }
    }
}

/// One row of the table.
#[derive(Clone, Debug, PartialEq)]
pub struct Binding {
    /// The mode it works in.
    pub scope: Scope,
    /// The keys.
    pub keys: &'static [Key],
    /// The keys as the help overlay writes them.
    pub label: &'static str,
    /// What they do.
    pub binds: Binds,
    /// The help overlay's line; `None` keeps the row out of it.
    pub help: Option<&'static str>,
    /// The hint bar's entry, if any.
    pub hint: Option<Hint>,
}

/// The help overlay's lines, in table order: (keys, what they do) for every key of browsing and
/// of typing a value, the latter under a heading line (empty keys).
#[must_use]
pub fn help_lines() -> Vec<(&'static str, &'static str)> {
    let lines = |scopes: &[Scope]| -> Vec<(&'static str, &'static str)> {
        BINDINGS
            .iter()
            .filter(|b| scopes.contains(&b.scope))
            .filter_map(|b| b.help.map(|help| (b.label, help)))
            .collect()
    };
    let mut all = lines(&[Scope::Normal, Scope::Everywhere]);
    all.push(("", "while typing a value:"));
    all.extend(lines(&[Scope::Editing]));
    all.push(("", "in the tab picker (/):"));
    all.extend(lines(&[Scope::Picker]));
    all.push(("", "in this help:"));
    all.extend(lines(&[Scope::Help]));
    all
}

/// The hint bar's entries where `scope` is the mode's, on a tab of `kind`, in the order they
/// stand, each with the priority that decides which stay on a short line.
#[must_use]
pub fn hints(scope: Scope, kind: TabKind) -> Vec<(u8, &'static str, &'static str)> {
    let mut hints: Vec<Hint> = BINDINGS
        .iter()
        .filter(|b| b.scope == scope)
        .filter_map(|b| b.hint)
        .filter(|h| h.on.covers(kind))
        .collect();
    hints.sort_by_key(|h| h.place);
    hints
        .into_iter()
        .map(|h| {
            let text = match (kind, h.softmax_text, h.formula_text) {
                (TabKind::Softmax, Some(text), _) | (TabKind::Formula, _, Some(text)) => text,
                _ => h.text,
            };
            (h.priority, h.keys, text)
        })
        .collect()
}
