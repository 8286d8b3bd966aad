//! The tabs' parameters: one per activation that has one, GELU's exact or tanh form, and the
//! softmax temperature (a [`Temperature`], valid by construction).

use crate::kernel::{Activation, Temperature};

/// Temperatures that `[` and `]` step through on the Softmax tab.
const TEMPERATURES: [f64; 12] = [
    0.0, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0, 100.0,
];

/// Every tab's parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    values: [f64; Activation::ALL.len()],
    /// The GELU tab shows the tanh approximation.
    pub gelu_tanh: bool,
    /// The softmax temperature.
    pub temperature: Temperature,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            values: Activation::ALL.map(Activation::default_param),
            gelu_tanh: false,
            temperature: Temperature::ONE,
        }
    }
}

/// What a step of a parameter did.
#[derive(Clone, Debug, PartialEq)]
pub enum Stepped {
    /// It changed; the text says to what.
    To(String),
    /// It did not; the text says why.
    Refused(String),
}

impl Params {
    /// The value in force for `activation` (0 when it has none).
    #[must_use]
    pub fn get(&self, activation: Activation) -> f64 {
        self.values[index(activation)]
    }

    /// Sets `activation`'s parameter when its range accepts `value`; says whether it did.
    pub fn set(&mut self, activation: Activation, value: f64) -> bool {
        let accepted = activation.param().is_some_and(|spec| spec.accepts(value));
        if accepted {
            self.values[index(activation)] = value;
        }
        accepted
    }

    /// Steps `activation`'s parameter up or down by its spec's step (GELU: toggles its form).
    pub fn step(&mut self, activation: Activation, up: bool) -> Stepped {
        if matches!(activation, Activation::Gelu | Activation::GeluTanh) {
            self.gelu_tanh = !self.gelu_tanh;
            return Stepped::To(
                if self.gelu_tanh {
                    "GELU: tanh approximation"
                } else {
                    "GELU: exact (erf)"
                }
                .to_string(),
            );
        }
        let Some(spec) = activation.param() else {
            return Stepped::Refused(format!("{} has no parameter", activation.title()));
        };
        let old = self.get(activation);
        let new = tidy(if up { old + spec.step } else { old - spec.step });
        if self.set(activation, new) {
            Stepped::To(format!("{} = {new}", spec.symbol))
        } else {
            Stepped::Refused(format!(
                "{} stays {old}: {}",
                spec.symbol,
                spec.range_text()
            ))
        }
    }

    /// Steps the temperature to the next or previous of the preset values.
    pub fn step_temperature(&mut self, up: bool) -> Stepped {
        let t = self.temperature.get();
        let next = if up {
            TEMPERATURES.iter().copied().find(|&v| v > t)
        } else {
            TEMPERATURES.iter().rev().copied().find(|&v| v < t)
        };
        match next.and_then(|v| Temperature::new(v).ok()) {
            Some(v) => {
                self.temperature = v;
                Stepped::To(if v.is_argmax() {
                    "T = 0: argmax (one-hot, ties split)".to_string()
                } else {
                    format!("T = {}", v.get())
                })
            }
            None => Stepped::Refused(format!(
                "T is already at its {}",
                if up {
                    "largest step"
                } else {
                    "smallest (0 = argmax)"
                }
            )),
        }
    }
}

fn index(activation: Activation) -> usize {
    Activation::ALL
        .iter()
        .position(|a| *a == activation)
        .unwrap_or(0)
}

/// Rounds away binary noise after a step (`0.01 + 0.01 = 0.02`).
fn tidy(value: f64) -> f64 {
    if !value.is_finite() {
        return value;
    }
    format!("{value:.12e}").parse::<f64>().unwrap_or(value) + 0.0
}
