//! The tab picker (`/`): every tab by its names and aliases, filtered as you type.
//!
//! "swish", "hardswish" and "hard-swish" all find theirs; Enter opens the one chosen.

use super::tab::{FORMULA_TAB, SOFTMAX_TAB, TABS, Tab};
use super::{Mode, error};
use crate::action::Action;
use crate::kernel::Activation;

/// A tab the picker can open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// Index into [`TABS`].
    pub tab: usize,
    /// The GELU tab in its tanh form.
    pub gelu_tanh: bool,
    /// How the list names it (`Hard swish`).
    pub title: &'static str,
    /// The names it answers to (`hard_swish, hardswish, h_swish`).
    pub names: Vec<&'static str>,
}

/// Every choice, in tab order (GELU's tanh form right after GELU).
#[must_use]
pub fn choices() -> Vec<Choice> {
    let mut all = Vec::new();
    for (index, tab) in TABS.iter().enumerate() {
        match *tab {
            Tab::Function(a) => {
                all.push(choice(index, a, false));
                if a == Activation::Gelu {
                    all.push(choice(index, Activation::GeluTanh, true));
                }
            }
            Tab::Softmax => all.push(Choice {
                tab: SOFTMAX_TAB,
                gelu_tanh: false,
                title: "Softmax",
                names: vec!["softmax", "sampler", "sparsemax", "entmax"],
            }),
            Tab::Formula => all.push(Choice {
                tab: FORMULA_TAB,
                gelu_tanh: false,
                title: "Formula",
                names: vec!["formula", "custom", "expression"],
            }),
        }
    }
    all
}

fn choice(tab: usize, a: Activation, gelu_tanh: bool) -> Choice {
    let mut names = vec![a.name()];
    names.extend(a.aliases());
    Choice {
        tab,
        gelu_tanh,
        title: a.title(),
        names,
    }
}

/// `text` as names are compared: lower case, without `-`, `_` or spaces.
fn folded(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The choices whose title or a name holds `query` (case, `-`, `_` and spaces aside), those
/// starting with it first.
#[must_use]
pub fn matches(query: &str) -> Vec<Choice> {
    let query = folded(query);
    let mut starting = Vec::new();
    let mut holding = Vec::new();
    for choice in choices() {
        let keys: Vec<String> = std::iter::once(choice.title)
            .chain(choice.names.iter().copied())
            .map(folded)
            .collect();
        if keys.iter().any(|k| k.starts_with(&query)) {
            starting.push(choice);
        } else if keys.iter().any(|k| k.contains(&query)) {
            holding.push(choice);
        }
    }
    starting.extend(holding);
    starting
}

/// The name nearest `query` when nothing matches it, within two typos (a letter added, dropped,
/// changed or two swapped): `sigmod` -> `sigmoid`.
#[must_use]
pub fn nearest(query: &str) -> Option<&'static str> {
    let query = folded(query);
    if query.is_empty() {
        return None;
    }
    choices()
        .into_iter()
        .flat_map(|choice| choice.names)
        .map(|name| (distance(&query, &folded(name)), name))
        .filter(|&(d, _)| d <= 2)
        .min_by_key(|&(d, _)| d)
        .map(|(_, name)| name)
}

/// The optimal string alignment distance between `a` and `b` (edits, with a swap of two
/// neighbours counting one).
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// The picker's state: what was typed and which match is highlighted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Picker {
    /// The text typed.
    pub query: String,
    /// Index into [`matches`](fn@matches) of the query.
    pub selected: usize,
}

impl Picker {
    /// Types a character.
    pub fn insert(&mut self, c: char) {
        self.query.push(c);
        self.selected = 0;
    }

    /// Deletes the last character.
    pub fn backspace(&mut self) {
        self.query.pop();
        self.selected = 0;
    }

    /// Moves the highlight by `step` within the matches, wrapping.
    pub fn step(&mut self, step: isize) {
        let count = matches(&self.query).len();
        if count > 0 {
            let at = (self.selected as isize + step).rem_euclid(count as isize);
            self.selected = at as usize;
        }
    }

    /// The highlighted choice, if anything matches.
    #[must_use]
    pub fn chosen(&self) -> Option<Choice> {
        let found = matches(&self.query);
        found
            .get(self.selected.min(found.len().saturating_sub(1)))
            .cloned()
    }
}

impl super::App {
    /// Applies an action of the tab picker.
    pub(super) fn update_picker(&mut self, action: &Action) {
        if *action == Action::OpenPicker {
            self.mode = Mode::Picker(Picker::default());
            return;
        }
        let Mode::Picker(picker) = &mut self.mode else {
            return;
        };
        match *action {
            Action::PickerInput(c) => picker.insert(c),
            Action::PickerBackspace => picker.backspace(),
            Action::PickerStep(step) => picker.step(step),
            Action::PickerCancel => self.mode = Mode::Normal,
            Action::PickerChoose => self.choose_picked(),
            _ => {}
        }
    }

    /// Opens the tab the picker highlights, or says nothing matches.
    fn choose_picked(&mut self) {
        let Mode::Picker(picker) = &self.mode else {
            return;
        };
        if let Some(choice) = picker.chosen() {
            self.mode = Mode::Normal;
            self.tab = choice.tab;
            if choice.gelu_tanh || matches!(self.tab(), Tab::Function(Activation::Gelu)) {
                self.params.gelu_tanh = choice.gelu_tanh;
            }
        } else {
            let query = picker.query.clone();
            self.status = Some(error(format!(
                "no tab answers to {query:?}; Backspace edits it, Esc closes the picker"
            )));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(query: &str) -> &'static str {
        matches(query).first().map_or("", |c| c.names[0])
    }

    #[test]
    fn names_and_aliases_find_their_tab() {
        for query in ["swish", "SiLU", "silu"] {
            assert_eq!(first(query), "silu", "{query}");
        }
        for query in ["hardswish", "hard-swish", "Hard Swish", "hard_swish"] {
            assert_eq!(first(query), "hard_swish", "{query}");
        }
        assert_eq!(first("soft"), "softsign");
        assert_eq!(first("gelu_tanh"), "gelu_tanh");
        assert_eq!(first("softm"), "softmax");
        assert!(matches("nothing like it").is_empty());
        assert_eq!(matches("").len(), choices().len());
    }

    #[test]
    fn a_near_miss_names_the_nearest() {
        assert_eq!(nearest("sigmod"), Some("sigmoid"));
        assert_eq!(nearest("softpls"), Some("softplus"));
        assert_eq!(nearest("rleu"), Some("relu"));
        assert_eq!(nearest("nothing like it"), None);
    }

    #[test]
    fn every_tab_can_be_picked() {
        let picked: Vec<usize> = choices().iter().map(|c| c.tab).collect();
        for index in 0..TABS.len() {
            assert!(picked.contains(&index), "tab {index}");
        }
    }

    #[test]
    fn the_highlight_wraps_within_the_matches() {
        let mut picker = Picker::default();
        for c in "relu".chars() {
            picker.insert(c);
        }
        let count = matches("relu").len();
        assert!(count >= 4);
        picker.step(-1);
        assert_eq!(picker.selected, count - 1);
        picker.step(1);
        assert_eq!(picker.chosen().map(|c| c.names[0]), Some("relu"));
    }
}
