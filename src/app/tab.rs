//! The tabs: one per element-wise activation, then Softmax.

use crate::kernel::Activation;

/// One tab of the explorer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    /// An element-wise activation (the GELU tab shows the exact or the tanh form).
    Function(Activation),
    /// Softmax over the whole vector.
    Softmax,
}

/// The tabs, in order.
pub const TABS: [Tab; 11] = [
    Tab::Function(Activation::Step),
    Tab::Function(Activation::Sigmoid),
    Tab::Function(Activation::Tanh),
    Tab::Function(Activation::Relu),
    Tab::Function(Activation::LeakyRelu),
    Tab::Function(Activation::Elu),
    Tab::Function(Activation::Gelu),
    Tab::Function(Activation::Silu),
    Tab::Function(Activation::Mish),
    Tab::Function(Activation::Softplus),
    Tab::Softmax,
];

/// Index of the Softmax tab in [`TABS`].
pub const SOFTMAX_TAB: usize = TABS.len() - 1;

impl Tab {
    /// The short label in the tab bar.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Tab::Function(Activation::LeakyRelu) => "Leaky",
            Tab::Function(Activation::Gelu | Activation::GeluTanh) => "GELU",
            Tab::Function(a) => a.title(),
            Tab::Softmax => "Softmax",
        }
    }

    /// The tab a name on the command line means, and whether it asks for GELU's tanh form
    /// (`--tab gelu_tanh` opens GELU in its tanh form).
    #[must_use]
    pub fn from_name(name: &str) -> Option<(usize, bool)> {
        if name.trim().eq_ignore_ascii_case("softmax") {
            return Some((SOFTMAX_TAB, false));
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
    fn tab_names_resolve() {
        assert_eq!(Tab::from_name("softmax"), Some((SOFTMAX_TAB, false)));
        assert_eq!(Tab::from_name("gelu_tanh"), Some((6, true)));
        assert_eq!(Tab::from_name("swish"), Some((7, false)));
        assert_eq!(Tab::from_name("nope"), None);
    }
}
