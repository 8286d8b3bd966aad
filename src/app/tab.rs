//! The tabs: one per element-wise activation, then Softmax, then the user's own formula.

use crate::kernel::Activation;

/// One tab of the explorer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    /// An element-wise activation (the GELU tab shows the exact or the tanh form).
    Function(Activation),
    /// Softmax over the whole vector.
    Softmax,
    /// A formula the user types.
    Formula,
}

/// The tabs, in order, family by family: the squashing ones (step, sigmoid, tanh and their hard
/// and algebraic cousins), the ReLU family (softplus is its smooth member), the exponential
/// family, the smooth self-gated ones, then softmax, then the formula. Digits 1-9 and 0 jump to
/// the first ten.
pub const TABS: [Tab; 20] = [
    Tab::Function(Activation::Step),
    Tab::Function(Activation::Sigmoid),
    Tab::Function(Activation::Tanh),
    Tab::Function(Activation::HardSigmoid),
    Tab::Function(Activation::HardTanh),
    Tab::Function(Activation::Softsign),
    Tab::Function(Activation::Relu),
    Tab::Function(Activation::LeakyRelu),
    Tab::Function(Activation::Relu6),
    Tab::Function(Activation::SquaredRelu),
    Tab::Function(Activation::Softplus),
    Tab::Function(Activation::Elu),
    Tab::Function(Activation::Selu),
    Tab::Function(Activation::Celu),
    Tab::Function(Activation::Gelu),
    Tab::Function(Activation::Silu),
    Tab::Function(Activation::Mish),
    Tab::Function(Activation::HardSwish),
    Tab::Softmax,
    Tab::Formula,
];

/// Index of the Softmax tab in [`TABS`].
pub const SOFTMAX_TAB: usize = TABS.len() - 2;
/// Index of the Formula tab in [`TABS`].
pub const FORMULA_TAB: usize = TABS.len() - 1;

impl Tab {
    /// The short label in the tab bar.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Tab::Function(Activation::LeakyRelu) => "Leaky",
            Tab::Function(Activation::Gelu | Activation::GeluTanh) => "GELU",
            Tab::Function(Activation::HardSigmoid) => "HardSigmoid",
            Tab::Function(Activation::HardTanh) => "HardTanh",
            Tab::Function(Activation::HardSwish) => "HardSwish",
            Tab::Function(Activation::SquaredRelu) => "ReLU²",
            Tab::Function(a) => a.title(),
            Tab::Softmax => "Softmax",
            Tab::Formula => "Formula",
        }
    }

    /// The tab a name on the command line means, and whether it asks for GELU's tanh form
    /// (`--tab gelu_tanh` opens GELU in its tanh form).
    #[must_use]
    pub fn from_name(name: &str) -> Option<(usize, bool)> {
        if name.trim().eq_ignore_ascii_case("softmax") {
            return Some((SOFTMAX_TAB, false));
        }
        if name.trim().eq_ignore_ascii_case("formula") {
            return Some((FORMULA_TAB, false));
        }
        let activation = Activation::from_name(name)?;
        let (wanted, approximate) = match activation {
            Activation::GeluTanh => (Activation::Gelu, true),
            other => (other, false),
        };
        let index = TABS.iter().position(|t| *t == Tab::Function(wanted))?;
        Some((index, approximate))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_activation_has_a_tab_and_the_first_is_step() {
        for a in Activation::ALL {
            let shown = if a == Activation::GeluTanh {
                Activation::Gelu
            } else {
                a
            };
            assert!(
                TABS.contains(&Tab::Function(shown)),
                "{} has no tab",
                a.name()
            );
        }
        assert_eq!(TABS[0], Tab::Function(Activation::Step));
    }

    #[test]
    fn tab_names_resolve() {
        assert_eq!(Tab::from_name("softmax"), Some((SOFTMAX_TAB, false)));
        assert_eq!(Tab::from_name("Formula"), Some((FORMULA_TAB, false)));
        assert_eq!(Tab::from_name("gelu_tanh"), Some((14, true)));
        assert_eq!(Tab::from_name("swish"), Some((15, false)));
        assert_eq!(Tab::from_name("hard-swish"), Some((17, false)));
        assert_eq!(Tab::from_name("nope"), None);
    }
}
