//! The tabs' parameters, and which one `[` and `]` adjust.
//!
//! One per activation that has one, GELU's exact or tanh form, and the Softmax tab's sampler (the
//! temperature, top-k, top-p, min-p and their order: a [`SamplerSettings`], valid by construction).

use crate::format;
use crate::kernel::{Activation, Filter, Order, SamplerSettings, Temperature};

/// Temperatures that `[` and `]` step through on the Softmax tab.
const TEMPERATURES: [f64; 12] = [
    0.0, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0, 100.0,
];

/// The values of top-k that `[` and `]` step through (below them: none; above the last one
/// under the vector's length: off). 40 is llama.cpp's default, 50 transformers'.
const TOP_KS: [usize; 18] = [
    1, 2, 3, 4, 5, 10, 20, 40, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000,
];
/// The values of top-p that `[` and `]` step through; 1 is off.
const TOP_PS: [f64; 11] = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0];
/// The values of min-p that `[` and `]` step through; 0 is off.
const MIN_PS: [f64; 10] = [0.0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1.0];

/// What `[` and `]` adjust on the Softmax tab.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Control {
    /// The temperature.
    #[default]
    Temperature,
    /// One of the sampler's filters.
    Filter(Filter),
}

impl Control {
    /// Every control, in the order `f` cycles them.
    pub const ALL: [Control; 4] = [
        Control::Temperature,
        Control::Filter(Filter::TopK),
        Control::Filter(Filter::TopP),
        Control::Filter(Filter::MinP),
    ];

    /// Its name: `T`, `top-k`, `top-p`, `min-p`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Control::Temperature => "T",
            Control::Filter(filter) => filter.name(),
        }
    }
}

/// Every tab's parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    values: [f64; Activation::ALL.len()],
    /// The GELU tab shows the tanh approximation.
    pub gelu_tanh: bool,
    /// The softmax temperature, the filters and their order.
    pub sampler: SamplerSettings,
    /// What `[` and `]` adjust on the Softmax tab.
    pub focus: Control,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            values: Activation::ALL.map(Activation::default_param),
            gelu_tanh: false,
            sampler: SamplerSettings::default(),
            focus: Control::Temperature,
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

    /// The softmax temperature.
    #[must_use]
    pub fn temperature(&self) -> Temperature {
        self.sampler.temperature()
    }

    /// Whether any filter is on.
    #[must_use]
    pub fn filtering(&self) -> bool {
        [Filter::TopK, Filter::TopP, Filter::MinP]
            .into_iter()
            .any(|filter| self.sampler.is_on(filter))
    }

    /// A filter's value as the panels show it: `top-k 40`, `top-p off`.
    #[must_use]
    pub fn filter_text(&self, filter: Filter) -> String {
        let value = if self.sampler.is_on(filter) {
            match filter {
                Filter::TopK => self.sampler.top_k().to_string(),
                Filter::TopP => format::full_precision(self.sampler.top_p()),
                Filter::MinP => format::full_precision(self.sampler.min_p()),
            }
        } else {
            "off".to_string()
        };
        format!("{} {value}", filter.name())
    }

    /// Moves the focus of `[ ]` to the next control; says what it adjusts now.
    pub fn cycle_focus(&mut self) -> String {
        let at = Control::ALL
            .iter()
            .position(|&c| c == self.focus)
            .map_or(0, |i| (i + 1) % Control::ALL.len());
        self.focus = Control::ALL[at];
        match self.focus {
            Control::Temperature => format!(
                "[ ] adjust the temperature ({})",
                format::temperature(self.temperature())
            ),
            Control::Filter(filter) => format!(
                "[ ] adjust {} (now {}; {})",
                filter.name(),
                self.filter_text(filter),
                if filter == Filter::TopP {
                    "1 = off"
                } else {
                    "0 = off"
                }
            ),
        }
    }

    /// The next sampler order (hf, llama.cpp, vLLM); says which.
    pub fn cycle_order(&mut self) -> Order {
        let order = self.sampler.order();
        let at = Order::ALL
            .iter()
            .position(|&o| o == order)
            .map_or(0, |i| (i + 1) % Order::ALL.len());
        self.sampler = self.sampler.with_order(Order::ALL[at]);
        Order::ALL[at]
    }

    /// Steps what `[ ]` adjust on the Softmax tab, for a vector of `n` elements.
    pub fn step_sampler(&mut self, up: bool, n: usize) -> Stepped {
        match self.focus {
            Control::Temperature => self.step_temperature(up),
            Control::Filter(Filter::TopK) => self.step_top_k(up, n),
            Control::Filter(Filter::TopP) => {
                let old = self.sampler.top_p();
                match ladder(&TOP_PS, old, up).and_then(|p| self.sampler.with_top_p(p).ok()) {
                    Some(sampler) => {
                        self.sampler = sampler;
                        Stepped::To(self.filter_text(Filter::TopP))
                    }
                    None => Stepped::Refused(format!(
                        "top-p stays {}: {}",
                        format::full_precision(old),
                        if up {
                            "1 (off) is the top"
                        } else {
                            "its smallest step"
                        }
                    )),
                }
            }
            Control::Filter(Filter::MinP) => {
                let old = self.sampler.min_p();
                match ladder(&MIN_PS, old, up).and_then(|m| self.sampler.with_min_p(m).ok()) {
                    Some(sampler) => {
                        self.sampler = sampler;
                        Stepped::To(self.filter_text(Filter::MinP))
                    }
                    None => Stepped::Refused(format!(
                        "min-p stays {}: {}",
                        format::full_precision(old),
                        if up {
                            "1 is the largest"
                        } else {
                            "0 (off) is the smallest"
                        }
                    )),
                }
            }
        }
    }

    /// top-k steps: off is above every k under `n` (top-k `n` keeps everything).
    fn step_top_k(&mut self, up: bool, n: usize) -> Stepped {
        let k = self.sampler.top_k();
        let under: Vec<usize> = TOP_KS.iter().copied().filter(|&v| v < n).collect();
        let next = match (k, up) {
            (0, true) => None,
            (0, false) => under.last().copied(),
            (_, true) => Some(under.iter().copied().find(|&v| v > k).unwrap_or(0)),
            (_, false) => under.iter().rev().copied().find(|&v| v < k),
        };
        match next {
            Some(k) => {
                self.sampler = self.sampler.with_top_k(k);
                Stepped::To(self.filter_text(Filter::TopK))
            }
            None if k == 0 && !up && n <= 1 => {
                Stepped::Refused("top-k: one element is all there is to keep".to_string())
            }
            None => Stepped::Refused(format!(
                "top-k stays {}: {}",
                if k == 0 {
                    "off".to_string()
                } else {
                    k.to_string()
                },
                if up {
                    "off is the top"
                } else {
                    "1 is the smallest"
                }
            )),
        }
    }

    /// Steps the temperature to the next or previous of the preset values.
    pub fn step_temperature(&mut self, up: bool) -> Stepped {
        let t = self.temperature().get();
        let next = if up {
            TEMPERATURES.iter().copied().find(|&v| v > t)
        } else {
            TEMPERATURES.iter().rev().copied().find(|&v| v < t)
        };
        match next.and_then(|v| Temperature::new(v).ok()) {
            Some(v) => {
                self.sampler = self.sampler.with_temperature(v);
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

/// The next value of `steps` (ascending) above `value`, or the one below it.
fn ladder(steps: &[f64], value: f64, up: bool) -> Option<f64> {
    if up {
        steps.iter().copied().find(|&v| v > value)
    } else {
        steps.iter().rev().copied().find(|&v| v < value)
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
