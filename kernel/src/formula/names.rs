//! The names a formula may call: the math functions, `min`, `max`, `where` and every activation.
//!
//! Function names are read case-insensitively (`GELU(x)` is `gelu(x)`), activations with their
//! aliases ([`Activation::from_name`]); variables and parameters are case-sensitive.

use crate::activation::Activation;

/// A math function of one argument (`tanh` is the activation, with its accurate derivative).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Math {
    Exp,
    Ln,
    Log1p,
    Expm1,
    Sqrt,
    Abs,
    Sin,
    Cos,
    Erf,
    Erfc,
}

/// The math functions by name (`log` is the natural logarithm, as in NumPy and PyTorch).
const MATH: [(&str, Math); 11] = [
    ("exp", Math::Exp),
    ("ln", Math::Ln),
    ("log", Math::Ln),
    ("log1p", Math::Log1p),
    ("expm1", Math::Expm1),
    ("sqrt", Math::Sqrt),
    ("abs", Math::Abs),
    ("sin", Math::Sin),
    ("cos", Math::Cos),
    ("erf", Math::Erf),
    ("erfc", Math::Erfc),
];

/// What a call calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Function {
    Math(Math),
    Activation(Activation),
    Min,
    Max,
    Where,
}

impl Function {
    /// The function named `name` (any case), if there is one.
    pub(crate) fn named(name: &str) -> Option<Function> {
        let lower = name.to_lowercase();
        match lower.as_str() {
            "min" => return Some(Function::Min),
            "max" => return Some(Function::Max),
            "where" => return Some(Function::Where),
            _ => {}
        }
        if let Some((_, math)) = MATH.iter().find(|(n, _)| *n == lower) {
            return Some(Function::Math(*math));
        }
        // from_name also reads '-' and ' ' as '_', which a name cannot hold: no surprise here.
        Activation::from_name(&lower).map(Function::Activation)
    }

    /// How many arguments it takes: `(fewest, most)`.
    pub(crate) fn arity(self) -> (usize, usize) {
        match self {
            Function::Math(_) => (1, 1),
            Function::Activation(a) => (1, if a.param().is_some() { 2 } else { 1 }),
            Function::Min | Function::Max => (2, 2),
            Function::Where => (3, 3),
        }
    }
}

/// Every function name a formula may call, for suggestions.
pub(crate) fn function_names() -> impl Iterator<Item = &'static str> {
    let activations = Activation::ALL
        .into_iter()
        .flat_map(|a| std::iter::once(a.name()).chain(a.aliases().iter().copied()));
    MATH.iter()
        .map(|(name, _)| *name)
        .chain(["min", "max", "where"])
        .chain(activations)
}

/// The constant a name stands for: `pi` (or `π`) and `e`.
pub(crate) fn constant(name: &str) -> Option<f64> {
    match name {
        "pi" | "π" => Some(std::f64::consts::PI),
        "e" => Some(std::f64::consts::E),
        _ => None,
    }
}

/// The candidate closest to `name` if it is close enough to be a typo: case differences count
/// as none, and a name of 1 or 2 letters may differ only in case (`a` is not a typo of `x`),
/// up to 4 letters by one edit, longer ones by two.
pub(crate) fn closest<'a>(
    name: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = name.to_lowercase();
    let limit = match name.chars().count() {
        0..=2 => 0,
        3..=4 => 1,
        _ => 2,
    };
    candidates
        .map(|c| (edit_distance(&lower, &c.to_lowercase()), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Levenshtein distance with adjacent transpositions (optimal string alignment), in chars.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for (i, row) in d.chunks_mut(width).enumerate() {
        row[0] = i;
    }
    for (j, cell) in d.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_activation_name_and_alias_is_a_function() {
        for a in Activation::ALL {
            for name in std::iter::once(a.name()).chain(a.aliases().iter().copied()) {
                assert_eq!(
                    Function::named(name),
                    Some(Function::Activation(a)),
                    "{name}"
                );
            }
        }
        assert_eq!(
            Function::named("SiLU"),
            Some(Function::Activation(Activation::Silu))
        );
        assert_eq!(Function::named("log"), Some(Function::Math(Math::Ln)));
        assert_eq!(
            Function::named("tanh"),
            Some(Function::Activation(Activation::Tanh))
        );
        assert_eq!(Function::named("sigmod"), None);
    }

    #[test]
    fn typos_find_their_name() {
        assert_eq!(closest("sigmod", function_names()), Some("sigmoid"));
        assert_eq!(closest("gleu", function_names()), Some("gelu"));
        assert_eq!(closest("Relu", function_names()), Some("relu"));
        assert_eq!(closest("banana", function_names()), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("ab", "ba"), 1);
    }
}
