//! The parsed formula as a tree, and its canonical text (fewest parentheses, one style).

use std::fmt;

use super::lex::Comparison;
use super::names::Function;

/// The deepest a tree may nest: parentheses, calls, unary minus and operator chains alike.
/// Deeper text is refused, so no recursion over a tree can exhaust the stack.
pub(crate) const MAX_DEPTH: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Binary {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Kind {
    Number(f64),
    X,
    /// `pi` or `e`, by its canonical name.
    Constant(&'static str, f64),
    Param(String),
    Neg(Box<Node>),
    Binary(Binary, Box<Node>, Box<Node>),
    Compare(Comparison, Box<Node>, Box<Node>),
    /// A call, with the function's name as written (an alias stays an alias).
    Call(Function, String, Vec<Node>),
}

/// A node of the tree: what it is, where it starts (1-based column), how deep it nests.
/// Two nodes are equal when they compute the same way, wherever they were written.
#[derive(Clone, Debug)]
pub(crate) struct Node {
    pub(crate) kind: Kind,
    pub(crate) column: usize,
    pub(crate) depth: usize,
}

impl PartialEq for Node {
    fn eq(&self, other: &Node) -> bool {
        self.kind == other.kind
    }
}

impl Node {
    pub(crate) fn new(kind: Kind, column: usize) -> Node {
        let depth = 1 + match &kind {
            Kind::Number(_) | Kind::X | Kind::Constant(..) | Kind::Param(_) => 0,
            Kind::Neg(a) => a.depth,
            Kind::Binary(_, a, b) | Kind::Compare(_, a, b) => a.depth.max(b.depth),
            Kind::Call(_, _, args) => args.iter().map(|a| a.depth).max().unwrap_or(0),
        };
        Node {
            kind,
            column,
            depth,
        }
    }

    /// Whether the value depends on x.
    pub(crate) fn uses_x(&self) -> bool {
        match &self.kind {
            Kind::X => true,
            Kind::Number(_) | Kind::Constant(..) | Kind::Param(_) => false,
            Kind::Neg(a) => a.uses_x(),
            Kind::Binary(_, a, b) | Kind::Compare(_, a, b) => a.uses_x() || b.uses_x(),
            Kind::Call(_, _, args) => args.iter().any(Node::uses_x),
        }
    }

    /// Whether the value uses the parameter `name`.
    pub(crate) fn uses_param(&self, name: &str) -> bool {
        match &self.kind {
            Kind::Param(n) => n == name,
            Kind::Number(_) | Kind::X | Kind::Constant(..) => false,
            Kind::Neg(a) => a.uses_param(name),
            Kind::Binary(_, a, b) | Kind::Compare(_, a, b) => {
                a.uses_param(name) || b.uses_param(name)
            }
            Kind::Call(_, _, args) => args.iter().any(|a| a.uses_param(name)),
        }
    }

    /// How tightly the node binds when printed: comparisons 1, sums 2, products 3, unary
    /// minus 4, powers 5, the rest 6.
    fn precedence(&self) -> u8 {
        match &self.kind {
            Kind::Compare(..) => 1,
            Kind::Binary(Binary::Add | Binary::Sub, ..) => 2,
            Kind::Binary(Binary::Mul | Binary::Div, ..) => 3,
            Kind::Neg(_) => 4,
            Kind::Binary(Binary::Pow, ..) => 5,
            _ => 6,
        }
    }

    /// Writes the node, in parentheses if it binds less tightly than `least`.
    fn write(&self, f: &mut fmt::Formatter<'_>, least: u8) -> fmt::Result {
        let wrap = self.precedence() < least;
        if wrap {
            f.write_str("(")?;
        }
        match &self.kind {
            Kind::Number(v) => f.write_str(&number_text(*v))?,
            Kind::X => f.write_str("x")?,
            Kind::Constant(name, _) => f.write_str(name)?,
            Kind::Param(name) => f.write_str(name)?,
            Kind::Neg(a) => {
                f.write_str("-")?;
                a.write(f, 4)?;
            }
            Kind::Binary(Binary::Pow, a, b) => {
                // Right-associative, its right side a unary: x^-2, 2^x^2 = 2^(x^2).
                a.write(f, 6)?;
                f.write_str("^")?;
                b.write(f, 4)?;
            }
            Kind::Binary(op, a, b) => {
                let (symbol, level) = match op {
                    Binary::Add => ("+", 2),
                    Binary::Sub => ("-", 2),
                    Binary::Mul => ("*", 3),
                    Binary::Div | Binary::Pow => ("/", 3),
                };
                a.write(f, level)?;
                write!(f, " {symbol} ")?;
                b.write(f, level + 1)?;
            }
            Kind::Compare(op, a, b) => {
                a.write(f, 2)?;
                write!(f, " {} ", op.symbol())?;
                b.write(f, 2)?;
            }
            Kind::Call(_, name, args) => {
                write!(f, "{name}(")?;
                for (i, arg) in args.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    arg.write(f, 0)?;
                }
                f.write_str(")")?;
            }
        }
        if wrap {
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, 0)
    }
}

/// A number as canonical text: the shortest decimal that reads back to the same `f64`, with an
/// exponent only when plain digits would run long (`0.001`, `1e-10`, `2.5e20`).
pub(crate) fn number_text(v: f64) -> String {
    let magnitude = v.abs();
    if v == 0.0 || (1e-5..1e16).contains(&magnitude) {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}
