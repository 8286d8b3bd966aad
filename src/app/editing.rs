//! Typing: a value, a pasted vector, and the Formula tab's formula and its parameters.
//!
//! A value is typed for the selected element.

use super::{
    App, DEFAULT_FORMULA, Edit, Mode, Origin, Refused, Tab, decimal, error, exact_text, info,
};
use crate::action::Action;
use crate::format::grouped;
use crate::kernel::Formula;

impl App {
    /// Applies an action of the edit field.
    pub(super) fn update_edit(&mut self, action: &Action) {
        match *action {
            Action::EditFormula => {
                if self.tab() == Tab::Formula {
                    self.mode = Mode::Editing(Edit::new(self.formula.text(), Origin::Formula));
                } else {
                    self.status = Some(info(
                        "F edits the formula on the Formula tab (the last one)".to_string(),
                    ));
                }
            }
            Action::StartEdit => {
                self.mode = Mode::Editing(Edit::new(
                    exact_text(self.vector.selected_value()),
                    Origin::Existing,
                ));
            }
            Action::EditInput(c) => self.edit(|edit| edit.insert(c)),
            Action::EditBackspace => self.edit(Edit::backspace),
            Action::EditDelete => self.edit(Edit::delete),
            Action::EditClear => self.edit(Edit::clear),
            Action::EditCursor(to) => self.edit(|edit| edit.move_cursor(to)),
            Action::EditCommit => self.commit_edit(),
            Action::EditCancel => self.cancel_edit(),
            _ => {}
        }
    }

    /// Moves `[ ]` to the formula's next parameter.
    pub(super) fn cycle_formula_focus(&mut self) {
        let params = self.formula.params();
        if params.is_empty() {
            self.status = Some(info(
                "the formula has no parameter: declare one, as in a = 0.2; x * sigmoid(a * x)"
                    .to_string(),
            ));
            return;
        }
        self.formula_focus = (self.formula_focus + 1) % params.len();
        let (name, value) = &params[self.formula_focus];
        self.status = Some(info(format!(
            "[ ] adjust {name} (now {})",
            exact_text(*value)
        )));
    }

    /// Steps the focused formula parameter by a tenth of its order of magnitude (at least 0.1).
    pub(super) fn step_formula_param(&mut self, up: bool) {
        let Some((name, value)) = self.formula_focus().cloned() else {
            self.status = Some(info(
                "the formula has no parameter: declare one, as in a = 0.2; x * sigmoid(a * x)"
                    .to_string(),
            ));
            return;
        };
        let magnitude = value.abs().max(1.0).log10().floor();
        let step = 0.1 * 10f64.powf(magnitude);
        let new = decimal::add(value, if up { step } else { -step });
        match self.formula.with_param(&name, new) {
            Ok(formula) if new.is_finite() => {
                self.formula = formula;
                self.status = Some(info(format!("{name} = {}", exact_text(new))));
            }
            _ => {
                self.status = Some(error(format!(
                    "{name} stays {}: the next step is not a finite number",
                    exact_text(value)
                )));
            }
        }
    }

    pub(super) fn edit(&mut self, change: impl FnOnce(&mut Edit)) {
        if let Mode::Editing(edit) = &mut self.mode {
            change(edit);
        }
    }

    /// Leaves the edit: the value stays as it was, and an element added for the edit goes.
    pub(super) fn cancel_edit(&mut self) {
        let Mode::Editing(edit) = &self.mode else {
            return;
        };
        let origin = edit.origin;
        self.mode = Mode::Normal;
        if origin == Origin::Formula {
            self.status = Some(info(format!("edit cancelled: f(x) stays {}", self.formula)));
            return;
        }
        let selected = self.vector.selected();
        if origin == Origin::Inserted && self.vector.remove_selected().is_ok() {
            self.vector.select(selected.saturating_sub(1));
            self.status = Some(info(format!(
                "edit cancelled: the added element x{selected} is removed"
            )));
        } else {
            self.status = Some(info(format!(
                "edit cancelled: x{selected} stays {}",
                exact_text(self.vector.selected_value())
            )));
        }
        self.view.follow(self.vector.selected_value());
    }

    pub(super) fn commit_edit(&mut self) {
        let Mode::Editing(edit) = &self.mode else {
            return;
        };
        if edit.origin == Origin::Formula {
            match edit.formula() {
                Ok(formula) => {
                    self.mode = Mode::Normal;
                    self.formula = formula;
                    self.formula_focus = 0;
                    self.status = Some(info(format!("f(x) = {}", self.formula)));
                }
                Err(err) => {
                    self.status = Some(error(format!("{err}; Esc keeps f(x) = {}", self.formula)));
                }
            }
            return;
        }
        match edit.value() {
            Ok(value) => {
                let result = self.vector.set_selected(value);
                if result.is_ok() {
                    self.mode = Mode::Normal;
                    self.status = Some(info(format!(
                        "{} = {}",
                        self.vector.name(self.vector.selected()),
                        exact_text(value)
                    )));
                }
                self.changed(result);
            }
            Err(reason) => {
                self.status = Some(error(format!(
                    "not a usable value: {reason}; Esc keeps {}",
                    exact_text(self.vector.selected_value())
                )));
            }
        }
    }

    pub(super) fn paste(&mut self, text: &str) {
        // Many terminals (and tmux) send a pasted line break as CR: lines all the same.
        let text = &text.replace("\r\n", "\n").replace('\r', "\n");
        if let Mode::Editing(edit) = &mut self.mode {
            if let Err(why) = edit.insert_text(text) {
                self.status = Some(error(format!("paste refused: {why}")));
            }
            return;
        }
        let vector = match crate::input::parse_text(text) {
            Ok(vector) => vector,
            Err(err) => {
                self.status = Some(error(format!("paste refused: {err}; vector unchanged")));
                return;
            }
        };
        let count = vector.values.len();
        let labelled = vector.labels.is_some();
        match self.vector.replace(vector.values, vector.labels) {
            Ok(()) => {
                self.source = None;
                self.select_top_when_sorted();
                self.view.keep_target_within(count);
                self.status = Some(info(format!(
                    "pasted {} {}number{}",
                    grouped(count),
                    if labelled { "labelled " } else { "" },
                    if count == 1 { "" } else { "s" }
                )));
                self.view.follow(self.vector.selected_value());
            }
            Err(Refused(why)) => {
                self.status = Some(error(format!("paste refused: {why}; vector unchanged")));
            }
        }
    }
}

/// The formula the Formula tab opens with, parsed.
pub(super) fn default_formula() -> Formula {
    Formula::parse(DEFAULT_FORMULA, &[]).expect("the default formula parses")
}
