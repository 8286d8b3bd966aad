//! The input vector: its values (1 to [`MAX_ELEMENTS`], every one finite) and which one is
//! selected. Every change goes through a method that keeps those rules.

use super::decimal;
use crate::format;

/// The fewest elements the input vector may have.
pub const MIN_ELEMENTS: usize = 1;
/// The most elements the input vector may have.
pub const MAX_ELEMENTS: usize = 16;
/// The vector the explorer opens with.
pub const DEFAULT_VALUES: [f64; 3] = [1.2, 0.9, 0.4];

/// Why a change to the vector was refused (nothing changed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused(pub String);

/// The input vector and its selection.
#[derive(Clone, Debug, PartialEq)]
pub struct InputVector {
    values: Vec<f64>,
    selected: usize,
}

impl Default for InputVector {
    fn default() -> InputVector {
        InputVector {
            values: DEFAULT_VALUES.to_vec(),
            selected: 0,
        }
    }
}

/// Whether `values` may be the input vector: 1 to 16 elements, all finite.
#[must_use]
pub fn acceptable(values: &[f64]) -> bool {
    (MIN_ELEMENTS..=MAX_ELEMENTS).contains(&values.len()) && values.iter().all(|v| v.is_finite())
}

impl InputVector {
    /// `values` as the input vector, or `None` when they break the rules.
    #[must_use]
    pub fn new(values: Vec<f64>) -> Option<InputVector> {
        acceptable(&values).then(|| InputVector {
            values: values.into_iter().map(|v| v + 0.0).collect(),
            selected: 0,
        })
    }

    /// The values.
    #[must_use]
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// How many there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Never: the vector keeps at least one element.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Index of the selected element.
    #[must_use]
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The selected element's value.
    #[must_use]
    pub fn selected_value(&self) -> f64 {
        self.values[self.selected]
    }

    /// Selects element `index` (ignored when out of range).
    pub fn select(&mut self, index: usize) {
        if index < self.values.len() {
            self.selected = index;
        }
    }

    /// Selects the next element, wrapping.
    pub fn select_next(&mut self) {
        self.selected = (self.selected + 1) % self.values.len();
    }

    /// Selects the previous element, wrapping.
    pub fn select_previous(&mut self) {
        self.selected = (self.selected + self.values.len() - 1) % self.values.len();
    }

    /// Sets the selected element to `value`.
    ///
    /// # Errors
    /// [`Refused`] when `value` is not finite.
    pub fn set_selected(&mut self, value: f64) -> Result<(), Refused> {
        if !value.is_finite() {
            return Err(Refused(format!(
                "x{} must stay finite (within ±1.8e308)",
                self.selected
            )));
        }
        self.values[self.selected] = value + 0.0;
        Ok(())
    }

    /// Adds `amount` to the selected element as the value reads (`1.2 + 0.1 = 1.3`,
    /// `0.1234567890123456 + 0.1 = 0.2234567890123456`): the decimal sum, rounded once.
    ///
    /// # Errors
    /// [`Refused`] when the result would not be finite, or would not change (the step is below
    /// the spacing of f64 there).
    pub fn nudge(&mut self, amount: f64) -> Result<(), Refused> {
        let old = self.selected_value();
        let new = decimal::add(old, amount);
        if !new.is_finite() {
            return Err(Refused(format!(
                "x{} cannot go past ±1.8e308",
                self.selected
            )));
        }
        if new == old {
            return Err(Refused(format!(
                "x{} = {} stays: a step of {amount} is under half the spacing of f64 there ({})",
                self.selected,
                exact_text(old),
                exact_text(old.abs().next_up() - old.abs()),
            )));
        }
        self.values[self.selected] = new;
        Ok(())
    }

    /// Adds `amount` to every element as the values read (decimal sums, each rounded once).
    ///
    /// # Errors
    /// [`Refused`] when some element would not be finite.
    pub fn shift_all(&mut self, amount: f64) -> Result<(), Refused> {
        let shifted: Vec<f64> = self
            .values
            .iter()
            .map(|&v| decimal::add(v, amount))
            .collect();
        if let Some(i) = shifted.iter().position(|v| !v.is_finite()) {
            return Err(Refused(format!(
                "shift refused: x{i} {amount:+} would pass ±1.8e308"
            )));
        }
        self.values = shifted;
        Ok(())
    }

    /// Inserts `value` after the selected element and selects it.
    ///
    /// # Errors
    /// [`Refused`] when the vector is full.
    pub fn insert_after_selected(&mut self, value: f64) -> Result<(), Refused> {
        if self.values.len() >= MAX_ELEMENTS {
            return Err(Refused(format!("at most {MAX_ELEMENTS} elements")));
        }
        self.values.insert(self.selected + 1, value + 0.0);
        self.selected += 1;
        Ok(())
    }

    /// Removes the selected element and returns it.
    ///
    /// # Errors
    /// [`Refused`] when it is the last one.
    pub fn remove_selected(&mut self) -> Result<f64, Refused> {
        if self.values.len() <= MIN_ELEMENTS {
            return Err(Refused("the vector keeps at least one element".to_string()));
        }
        let removed = self.values.remove(self.selected);
        self.selected = self.selected.min(self.values.len() - 1);
        Ok(removed)
    }

    /// Replaces every value (a paste), keeping the selection where it still exists.
    ///
    /// # Errors
    /// [`Refused`] when `values` break the rules.
    pub fn replace(&mut self, values: Vec<f64>) -> Result<(), Refused> {
        if values.len() > MAX_ELEMENTS {
            return Err(Refused(format!(
                "{} numbers, at most {MAX_ELEMENTS}",
                values.len()
            )));
        }
        let Some(replacement) = InputVector::new(values) else {
            return Err(Refused("every element must be a finite number".to_string()));
        };
        let selected = self.selected.min(replacement.len() - 1);
        *self = replacement;
        self.selected = selected;
        Ok(())
    }
}

/// A value as the edit field pre-fills it and the command line writes it: the shortest text
/// that reads back the same.
#[must_use]
pub fn exact_text(value: f64) -> String {
    format::full_precision(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_hold_for_every_change() {
        assert!(InputVector::new(vec![]).is_none());
        assert!(InputVector::new(vec![f64::NAN]).is_none());
        assert!(InputVector::new(vec![0.0; 17]).is_none());
        let mut v = InputVector::new(vec![1.0]).unwrap();
        assert!(v.remove_selected().is_err());
        for _ in 0..20 {
            let _ = v.insert_after_selected(0.0);
        }
        assert_eq!(v.len(), MAX_ELEMENTS);
        assert!(v.set_selected(f64::INFINITY).is_err());
        assert!(v.replace(vec![1.0, f64::NAN]).is_err());
        assert_eq!(v.len(), MAX_ELEMENTS);
        v.replace(vec![5.0]).unwrap();
        assert_eq!((v.values(), v.selected()), (&[5.0][..], 0));
    }

    #[test]
    fn minus_zero_is_zero() {
        let mut v = InputVector::new(vec![-0.0]).unwrap();
        assert_eq!(v.values()[0].to_bits(), 0);
        v.set_selected(-0.0).unwrap();
        assert_eq!(v.values()[0].to_bits(), 0);
    }
}
