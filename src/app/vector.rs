//! The input vector: values, labels, the selected element, and the elements ranked by value.
//!
//! 1 to [`MAX_ELEMENTS`] values, every one finite, and a label for each when it has labels. Every
//! change goes through a method that keeps those rules.

use std::cmp::Ordering;

use super::decimal;
use crate::format;

/// The fewest elements the input vector may have.
pub const MIN_ELEMENTS: usize = 1;
/// The most elements the input vector may hold (a file, standard input or a paste): a million,
/// more than any vocabulary's logits.
pub const MAX_ELEMENTS: usize = 1_000_000;
/// The most elements `a` grows the vector to: a vector typed by hand.
pub const MAX_TYPED: usize = 16;
/// The vector the explorer opens with.
pub const DEFAULT_VALUES: [f64; 3] = [1.2, 0.9, 0.4];

/// Why a change to the vector was refused (nothing changed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused(pub String);

/// The input vector, its labels and its selection.
#[derive(Clone, Debug, PartialEq)]
pub struct InputVector {
    values: Vec<f64>,
    labels: Option<Vec<String>>,
    selected: usize,
    /// The indices from the largest value to the smallest, equal values by index: the order of
    /// the softmax probabilities (the same at every temperature).
    ranking: Vec<usize>,
}

impl Default for InputVector {
    fn default() -> InputVector {
        InputVector::new(DEFAULT_VALUES.to_vec()).expect("the default vector is valid")
    }
}

/// Whether `values` may be the input vector: 1 to [`MAX_ELEMENTS`] elements, all finite.
#[must_use]
pub fn acceptable(values: &[f64]) -> bool {
    (MIN_ELEMENTS..=MAX_ELEMENTS).contains(&values.len()) && values.iter().all(|v| v.is_finite())
}

/// Larger values first; equal values by index.
fn descending(values: &[f64], a: usize, b: usize) -> Ordering {
    values[b].total_cmp(&values[a]).then(a.cmp(&b))
}

fn ranked(values: &[f64]) -> Vec<usize> {
    let mut ranking: Vec<usize> = (0..values.len()).collect();
    ranking.sort_unstable_by(|&a, &b| descending(values, a, b));
    ranking
}

impl InputVector {
    /// `values` as the input vector, or `None` when they break the rules.
    #[must_use]
    pub fn new(values: Vec<f64>) -> Option<InputVector> {
        InputVector::labelled(values, None)
    }

    /// `values` with `labels` (one each) as the input vector, or `None` when they break the
    /// rules or the counts differ.
    #[must_use]
    pub fn labelled(values: Vec<f64>, labels: Option<Vec<String>>) -> Option<InputVector> {
        if !acceptable(&values) || labels.as_ref().is_some_and(|l| l.len() != values.len()) {
            return None;
        }
        Some(InputVector {
            ranking: ranked(&values),
            values,
            labels,
            selected: 0,
        })
    }

    /// The values.
    #[must_use]
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// The labels, one per value, if the vector has them.
    #[must_use]
    pub fn labels(&self) -> Option<&[String]> {
        self.labels.as_deref()
    }

    /// How element `i` is named: its label, or `x{i}`.
    #[must_use]
    pub fn name(&self, i: usize) -> String {
        match &self.labels {
            Some(labels) => labels[i].clone(),
            None => format!("x{i}"),
        }
    }

    /// The indices from the largest value to the smallest (equal values by index).
    #[must_use]
    pub fn ranking(&self) -> &[usize] {
        &self.ranking
    }

    /// Where element `i` stands in [`InputVector::ranking`].
    #[must_use]
    pub fn rank_of(&self, i: usize) -> usize {
        self.ranking
            .binary_search_by(|&j| descending(&self.values, j, i))
            .unwrap_or(0)
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

    /// Sets the selected element to `value`.
    ///
    /// # Errors
    /// `Refused` when `value` is not finite.
    pub fn set_selected(&mut self, value: f64) -> Result<(), Refused> {
        if !value.is_finite() {
            return Err(Refused(format!(
                "{} must stay finite (within ±1.8e308)",
                self.name(self.selected)
            )));
        }
        self.set_value(self.selected, value);
        Ok(())
    }

    /// Sets element `i` and moves it to its place in the ranking (O(n), no sort).
    fn set_value(&mut self, i: usize, value: f64) {
        let from = self.rank_of(i);
        self.ranking.remove(from);
        self.values[i] = value;
        let to = self
            .ranking
            .partition_point(|&j| descending(&self.values, j, i) == Ordering::Less);
        self.ranking.insert(to, i);
    }

    /// Adds `amount` to the selected element as the value reads (`1.2 + 0.1 = 1.3`,
    /// `0.1234567890123456 + 0.1 = 0.2234567890123456`): the decimal sum, rounded once.
    ///
    /// # Errors
    /// `Refused` when the result would not be finite, or would not change (the step is below
    /// the spacing of f64 there).
    pub fn nudge(&mut self, amount: f64) -> Result<(), Refused> {
        let old = self.selected_value();
        let new = decimal::add(old, amount);
        let name = self.name(self.selected);
        if !new.is_finite() {
            return Err(Refused(format!("{name} cannot go past ±1.8e308")));
        }
        if new == old {
            return Err(Refused(format!(
                "{name} = {} stays: a step of {amount} is under half the spacing of f64 there ({})",
                exact_text(old),
                exact_text(old.abs().next_up() - old.abs()),
            )));
        }
        self.set_value(self.selected, new + 0.0);
        Ok(())
    }

    /// Adds `amount` to every element as the values read (decimal sums, each rounded once).
    ///
    /// # Errors
    /// `Refused` when some element would not be finite.
    pub fn shift_all(&mut self, amount: f64) -> Result<(), Refused> {
        let shifted: Vec<f64> = self
            .values
            .iter()
            .map(|&v| decimal::add(v, amount) + 0.0)
            .collect();
        if let Some(i) = shifted.iter().position(|v| !v.is_finite()) {
            return Err(Refused(format!(
                "shift refused: {} {amount:+} would pass ±1.8e308",
                self.name(i)
            )));
        }
        // Rounding may tie values that differed (1e16 and 1e16 + 2, + 1): rank again.
        self.ranking = ranked(&shifted);
        self.values = shifted;
        Ok(())
    }

    /// Inserts `value` after the selected element and selects it. A labelled vector names it
    /// `new`, `new 2`, ... (the first such label not taken).
    ///
    /// # Errors
    /// `Refused` when the vector already has [`MAX_TYPED`] elements: longer vectors come from
    /// a file or a paste.
    pub fn insert_after_selected(&mut self, value: f64) -> Result<(), Refused> {
        if self.values.len() >= MAX_TYPED {
            return Err(Refused(format!(
                "a adds up to {MAX_TYPED} elements; paste or load longer vectors \
                 (--input-file PATH)"
            )));
        }
        let at = self.selected + 1;
        if let Some(labels) = &mut self.labels {
            // Among n labels one of "new", "new 2", ..., "new n+1" is free.
            let label = (1..=labels.len() + 1)
                .map(|k| {
                    if k == 1 {
                        "new".to_string()
                    } else {
                        format!("new {k}")
                    }
                })
                .find(|label| !labels.contains(label))
                .unwrap_or_default();
            labels.insert(at, label);
        }
        self.values.insert(at, value);
        self.selected = at;
        self.ranking = ranked(&self.values);
        Ok(())
    }

    /// Removes the selected element (and its label) and returns it.
    ///
    /// # Errors
    /// `Refused` when it is the last one.
    pub fn remove_selected(&mut self) -> Result<f64, Refused> {
        if self.values.len() <= MIN_ELEMENTS {
            return Err(Refused("the vector keeps at least one element".to_string()));
        }
        let removed = self.values.remove(self.selected);
        if let Some(labels) = &mut self.labels {
            labels.remove(self.selected);
        }
        self.selected = self.selected.min(self.values.len() - 1);
        self.ranking = ranked(&self.values);
        Ok(removed)
    }

    /// Replaces every value and label (a paste, a file), keeping the selection where it still
    /// exists.
    ///
    /// # Errors
    /// `Refused` when `values` break the rules.
    pub fn replace(
        &mut self,
        values: Vec<f64>,
        labels: Option<Vec<String>>,
    ) -> Result<(), Refused> {
        if values.len() > MAX_ELEMENTS {
            return Err(Refused(format!(
                "{} numbers, at most {}",
                values.len(),
                format::grouped(MAX_ELEMENTS)
            )));
        }
        let Some(replacement) = InputVector::labelled(values, labels) else {
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
        assert!(InputVector::new(vec![0.0; MAX_ELEMENTS + 1]).is_none());
        assert!(InputVector::new(vec![0.0; 50_000]).is_some());
        let mut v = InputVector::new(vec![1.0]).unwrap();
        assert!(v.remove_selected().is_err());
        for _ in 0..20 {
            let _ = v.insert_after_selected(0.0);
        }
        assert_eq!(v.len(), MAX_TYPED);
        assert!(v.set_selected(f64::INFINITY).is_err());
        assert!(v.replace(vec![1.0, f64::NAN], None).is_err());
        assert_eq!(v.len(), MAX_TYPED);
        v.replace(vec![5.0], None).unwrap();
        assert_eq!((v.values(), v.selected()), (&[5.0][..], 0));
    }

    #[test]
    fn minus_zero_is_kept_as_typed() {
        // -0 is a value of its own in the precision models (NumPy's f16 np.maximum keeps it,
        // PyTorch's relu returns it), so the vector holds what was typed.
        let mut v = InputVector::new(vec![-0.0]).unwrap();
        assert_eq!(v.values()[0].to_bits(), (-0.0f64).to_bits());
        v.set_selected(0.0).unwrap();
        assert_eq!(v.values()[0].to_bits(), 0);
        v.set_selected(-0.0).unwrap();
        assert_eq!(v.values()[0].to_bits(), (-0.0f64).to_bits());
    }

    /// The ranking after every kind of change equals a fresh sort.
    #[test]
    fn the_ranking_follows_every_change() {
        let mut v = InputVector::new(vec![0.5, 2.0, -1.0, 2.0, 0.5]).unwrap();
        assert_eq!(v.ranking(), [1, 3, 0, 4, 2]);
        v.select(2);
        v.set_selected(2.0).unwrap();
        assert_eq!(v.ranking(), [1, 2, 3, 0, 4]);
        v.nudge(-10.0).unwrap();
        assert_eq!(v.ranking(), [1, 3, 0, 4, 2]);
        for i in 0..v.len() {
            assert_eq!(v.ranking()[v.rank_of(i)], i);
        }
        v.remove_selected().unwrap();
        assert_eq!(v.ranking(), ranked(v.values()));
        v.insert_after_selected(9.0).unwrap();
        assert_eq!(v.ranking()[0], v.selected());
    }

    #[test]
    fn labels_follow_their_elements() {
        let labels = ["cat", "dog", "bird"].map(String::from).to_vec();
        let mut v = InputVector::labelled(vec![1.2, 0.9, 0.4], Some(labels)).unwrap();
        assert_eq!(v.name(1), "dog");
        v.select(1);
        v.insert_after_selected(0.0).unwrap();
        v.insert_after_selected(0.0).unwrap();
        assert_eq!(v.labels().unwrap(), ["cat", "dog", "new", "new 2", "bird"]);
        v.remove_selected().unwrap();
        assert_eq!(v.labels().unwrap(), ["cat", "dog", "new", "bird"]);
        assert!(InputVector::labelled(vec![1.0], Some(vec![])).is_none());
        assert_eq!(InputVector::new(vec![1.0]).unwrap().name(0), "x0");
    }
}
