//! Your own activation: a formula in x, parsed, with its exact derivative by dual numbers.
//!
//! ```text
//! a = 0.2; x * sigmoid(a * x)          declarations first, separated by ";", the formula last
//! where(x > 0, x, 0.01 * x)            a leaky ReLU by hand
//! x * tanh(softplus(x))                Mish, from its parts
//! max(0, x)^2                          squared ReLU
//! ```
//!
//! # Grammar
//!
//! ```text
//! formula    = { name "=" expression ";" } expression [ ";" ]
//! expression = sum [ (">" | "<" | ">=" | "<=" | "==" | "!=") sum ]      no chains: a < b < c
//! sum        = product { ("+" | "-") product }                          left-associative
//! product    = unary { ("*" | "/") unary }                              left-associative
//! unary      = ("-" | "+") unary | power
//! power      = primary [ "^" unary ]            right-associative: 2^3^2 = 2^9, -x^2 = -(x^2)
//! primary    = number | name | name "(" expression { "," expression } ")" | "(" expression ")"
//! number     = digits [ "." digits ] [ ("e" | "E") [ "+" | "-" ] digits ]    also .5 and 2.
//! ```
//!
//! Whitespace is free. `**` is `^`; `−` (U+2212), `×`, `·`, `÷`, `≤`, `≥`, `≠`, `π`, `²` and `³`
//! are read as what they look like. Names: `x`; the constants `pi` and `e`; parameters,
//! declared in the text (`a = 0.2;`, the value a constant expression such as `pi/4`, without x
//! or other parameters) or passed from outside (`--param a=0.2`, which wins over the text and
//! must be one the formula uses); functions, in any case:
//!
//! - `exp ln log log1p expm1 sqrt abs sin cos erf erfc` (`log` is the natural logarithm) and
//!   `tanh`, of one argument; `min(a, b)`, `max(a, b)`; `where(condition, a, b)`;
//! - every activation by its name or an alias (`sigmoid(u)`, `swish(u)`, `gelu(u)`, ...);
//!   those with a parameter take it as an optional second argument that may not use x
//!   (`leaky_relu(u)` is α = 0.01, `leaky_relu(u, 0.2)`, `silu(u, 1.702)` is Swish-β).
//!
//! A comparison is 1 where it holds and 0 where not (so `(x > 0) * x` works too); `where`
//! takes the second argument where the condition is nonzero. `e^u` is `exp(u)`.
//!
//! # Values and derivatives
//!
//! `f'` is exact to rounding: each operation carries `(f, f')` by the chain rule, and an
//! activation `g(u)` gives `(g(u), g'(u)·u')` from [`Activation::value`] and
//! [`Activation::derivative`], so `x * sigmoid(x)` has SiLU's derivative quality and
//! `gelu(x)` is bit for bit [`Activation::Gelu`]. Non-finite results are values, never
//! errors: `ln(x)` at x <= 0, `1/x` at 0 give NaN or ±inf, and where the value is NaN so is the
//! derivative.
//!
//! Where a function has a kink the derivative is PyTorch autograd's:
//!
//! - `max(a, b)` and `min(a, b)` at a tie: the mean `(a' + b')/2` (`torch.maximum`), so
//!   `max(0, x)` has ½ at 0 while `relu(x)` has 0 (`torch.relu`); NaN if either side is NaN;
//! - `abs'(0) = 0` (`sgn(0) = 0`);
//! - `where(c, a, b)`: the derivative of the branch taken (`torch.where`); a comparison's
//!   derivative is 0; a NaN condition or comparison gives NaN;
//! - `u^c` with `c = 0`: derivative 0 (`pow_backward`); `c^v` with `c = 0, v >= 0`: 0;
//! - the activations: as [`Activation::derivative`] (`relu'(0) = 0`, `leaky_relu'(0) = α`).
//!
//! [`Activation::value`]: crate::Activation::value
//! [`Activation::derivative`]: crate::Activation::derivative
//! [`Activation::Gelu`]: crate::Activation::Gelu

mod ast;
mod compile;
mod eval;
mod kinks;
mod lex;
mod names;
mod parse;
mod underflow;

use std::fmt::{self, Write as _};
use std::sync::Arc;

use ast::{Node, number_text};

use crate::simd::Level;

/// Why a formula was refused: where (1-based column, in characters) and why.
///
/// `column` is 0 for an error about a parameter given from outside the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormulaError {
    /// 1-based, in characters (not bytes); 0 when the error is not in the text.
    pub column: usize,
    /// One line, without the column.
    pub message: String,
}

impl FormulaError {
    pub(crate) fn at(column: usize, message: impl Into<String>) -> FormulaError {
        FormulaError {
            column,
            message: message.into(),
        }
    }
}

impl fmt::Display for FormulaError {
    /// `column 12: expected ")" to close "(" at column 5, found the end of the formula`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.column == 0 {
            f.write_str(&self.message)
        } else {
            write!(f, "column {}: {}", self.column, self.message)
        }
    }
}

impl std::error::Error for FormulaError {}

/// A parsed formula in x with its parameters bound: evaluate it, with its derivative, at one
/// point or over a slice. Cheap to clone.
#[derive(Clone, Debug, PartialEq)]
pub struct Formula {
    expression: Arc<Node>,
    params: Vec<(String, f64)>,
    tape: Arc<eval::Tape>,
}

impl Formula {
    /// Parses `text`; `outside` are parameters given from outside it (name, value), which
    /// need no declaration and win over one.
    ///
    /// # Errors
    /// The first problem in the text, at its column (or column 0 for a bad outside parameter:
    /// not a name, a reserved name, twice, not finite, or not used by the formula, as an
    /// undeclared name in the text is refused).
    pub fn parse(text: &str, outside: &[(String, f64)]) -> Result<Formula, FormulaError> {
        let mut outside_names: Vec<String> = Vec::new();
        for (name, value) in outside {
            check_outside(name, *value, &outside_names)?;
            outside_names.push(name.clone());
        }
        let parsed = parse::formula(lex::tokens(text)?, &outside_names)?;
        if let Some(unused) = outside_names
            .iter()
            .find(|name| !parsed.expression.uses_param(name))
        {
            let declared: Vec<&str> = parsed
                .declarations
                .iter()
                .map(|(name, _, _)| name.as_str())
                .filter(|name| parsed.expression.uses_param(name))
                .collect();
            let why = if parsed.declarations.iter().any(|(n, _, _)| n == unused) {
                "is declared but the formula does not use it".to_string()
            } else if declared.is_empty() {
                "is not in the formula, which has no parameters".to_string()
            } else {
                format!(
                    "is not in the formula; its parameters: {}",
                    declared.join(", ")
                )
            };
            return Err(FormulaError::at(0, format!("parameter \"{unused}\" {why}")));
        }
        let value_of = |name: &str, own: f64| {
            outside
                .iter()
                .find(|(n, _)| n == name)
                .map_or(own, |(_, v)| *v)
        };
        let mut params: Vec<(String, f64)> = parsed
            .declarations
            .into_iter()
            .map(|(name, value, _)| {
                let value = value_of(&name, value);
                (name, value)
            })
            .collect();
        for (name, value) in outside {
            if !params.iter().any(|(n, _)| n == name) {
                params.push((name.clone(), *value));
            }
        }
        Ok(Formula::bind(Arc::new(parsed.expression), params))
    }

    fn bind(expression: Arc<Node>, params: Vec<(String, f64)>) -> Formula {
        let tape = Arc::new(compile::tape(&expression, &params));
        Formula {
            expression,
            params,
            tape,
        }
    }

    /// The canonical source: every parameter declared with its current value, then the
    /// formula with single spaces and the fewest parentheses (`a = 0.2; x * sigmoid(a * x)`).
    /// It parses back to the same formula.
    #[must_use]
    pub fn text(&self) -> String {
        let mut text = String::new();
        for (name, value) in &self.params {
            // Writing to a String cannot fail.
            let _ = write!(text, "{name} = {}; ", number_text(*value));
        }
        text.push_str(&self.expression.to_string());
        text
    }

    /// The parameters (name, current value): the text's in order, then those only given from
    /// outside.
    #[must_use]
    pub fn params(&self) -> &[(String, f64)] {
        &self.params
    }

    /// The formula with parameter `name` set to `value` (the UI's adjustment).
    ///
    /// # Errors
    /// If there is no such parameter or `value` is not finite (column 0).
    pub fn with_param(&self, name: &str, value: f64) -> Result<Formula, FormulaError> {
        if !value.is_finite() {
            return Err(FormulaError::at(
                0,
                format!("parameter \"{name}\" must be finite, got {value}"),
            ));
        }
        let mut params = self.params.clone();
        let Some(slot) = params.iter_mut().find(|(n, _)| n == name) else {
            return Err(FormulaError::at(
                0,
                format!("the formula has no parameter \"{name}\""),
            ));
        };
        slot.1 = value;
        Ok(Formula::bind(Arc::clone(&self.expression), params))
    }

    /// Whether the formula depends on x at all (`2 * pi` does not).
    #[must_use]
    pub fn uses_x(&self) -> bool {
        self.expression.uses_x()
    }

    /// `(f(x), f'(x))`, the activations inside by [`Activation::value`] and
    /// [`Activation::derivative`]. Never panics; non-finite results are returned as they come.
    ///
    /// [`Activation::value`]: crate::Activation::value
    /// [`Activation::derivative`]: crate::Activation::derivative
    #[must_use]
    pub fn value_and_derivative(&self, x: f64) -> (f64, f64) {
        let (mut y, mut dy) = ([0.0], [0.0]);
        self.tape.eval(Level::SCALAR, &[x], &mut y, &mut dy, None);
        (y[0], dy[0])
    }

    /// `ys[i] = f(xs[i])`, `dys[i] = f'(xs[i])`, a block of points at a time, the activations
    /// inside on the kernel's slices at `level` ([`Activation::value_slice`]). At
    /// [`Level::SCALAR`] each result is [`Formula::value_and_derivative`]'s bit for bit; above
    /// it the vectorised activations may differ in the last bits, within the kernel's bounds.
    ///
    /// [`Activation::value_slice`]: crate::Activation::value_slice
    ///
    /// # Panics
    /// If the three slices differ in length.
    pub fn eval_slice(&self, level: Level, xs: &[f64], ys: &mut [f64], dys: &mut [f64]) {
        assert!(
            xs.len() == ys.len() && xs.len() == dys.len(),
            "input and output lengths differ"
        );
        self.tape.eval(level, xs, ys, dys, None);
    }

    /// [`Formula::eval_slice`], and `underflowed[i]`: whether `dys[i]` is a 0 that only
    /// underflowed in `f64` (the exact `f'` there is not 0: `exp(x)` at -800, `exp(-x^2)` at
    /// 30), as against an exact 0 (`relu(x)`, `max(0, x)`, `where(x > 0, x, 0)` for x < 0).
    /// A chart's dead zone is where `f'` is 0 and did not underflow. The mark is
    /// conservative: a 0 it cannot tell (an underflowed value cancelling another) is exact.
    ///
    /// # Panics
    /// If the four slices differ in length.
    pub fn eval_slice_underflow(
        &self,
        level: Level,
        xs: &[f64],
        ys: &mut [f64],
        dys: &mut [f64],
        underflowed: &mut [bool],
    ) {
        assert!(
            xs.len() == ys.len() && xs.len() == dys.len() && xs.len() == underflowed.len(),
            "input and output lengths differ"
        );
        self.tape.eval(level, xs, ys, dys, Some(underflowed));
    }

    /// The x where a kink of the formula may sit, in increasing order: where the arguments of
    /// `max`, `min`, `abs`, a comparison or a kinked activation (ReLU, leaky ReLU, ...)
    /// switch, for those arguments that are affine in x (`max(0, 2x - 1)` gives 0.5).
    /// A switch inside a curved argument (`abs(sin(x))`) is not found; sample for those.
    #[must_use]
    pub fn kinks(&self) -> Vec<f64> {
        kinks::of(&self.expression, &self.params)
    }
}

impl fmt::Display for Formula {
    /// The formula alone, canonical, without the declarations: `x * sigmoid(a * x)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.expression)
    }
}

/// Checks a parameter given from outside: a name that is free, given once, finite.
fn check_outside(name: &str, value: f64, earlier: &[String]) -> Result<(), FormulaError> {
    let refuse = |why: String| Err(FormulaError::at(0, format!("parameter \"{name}\" {why}")));
    let is_name = matches!(
        lex::tokens(name).as_deref(),
        Ok([lex::Spanned { token: lex::Token::Name(n), .. }, _]) if n == name
    );
    if !is_name {
        return refuse("is not a name (letters, digits and _, not starting with a digit)".into());
    }
    if name == "x" || names::constant(name).is_some() || names::Function::named(name).is_some() {
        return refuse("is taken: x, pi, e and the function names are reserved".into());
    }
    if earlier.iter().any(|n| n == name) {
        return refuse("is given twice".into());
    }
    if !value.is_finite() {
        return refuse(format!("must be finite, got {value}"));
    }
    Ok(())
}
