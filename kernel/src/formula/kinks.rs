//! Where a formula may have a kink: the x where an argument of a kinked function switches.
//!
//! Found only where the switching quantity is affine in x, `s(x) = m·x + c` with `m != 0`
//! (root `-c/m`); a curved one (`abs(sin(x))`) is left to sampling.

use super::ast::{Binary, Kind, Node};
use super::compile;
use super::names::{Function, Math};

/// The candidate kinks of `node` with `params` bound, finite, sorted, without repeats.
pub(crate) fn of(node: &Node, params: &[(String, f64)]) -> Vec<f64> {
    let mut out = Vec::new();
    visit(node, params, &mut out);
    out.retain(|x| x.is_finite());
    // -0 and 0 are one point.
    for x in &mut out {
        *x += 0.0;
    }
    out.sort_by(f64::total_cmp);
    out.dedup();
    out
}

fn visit(node: &Node, params: &[(String, f64)], out: &mut Vec<f64>) {
    let mut root_of_difference = |a: &Node, b: &Node, shift: f64| {
        if let (Some((m, c)), Some((n, d))) = (affine(a, params), affine(b, params)) {
            let slope = m - n;
            if slope != 0.0 {
                out.push((shift - (c - d)) / slope);
            }
        }
    };
    let zero = Node::new(Kind::Number(0.0), 0);
    match &node.kind {
        Kind::Compare(_, a, b) => root_of_difference(a, b, 0.0),
        Kind::Call(Function::Min | Function::Max, _, args) => {
            root_of_difference(&args[0], &args[1], 0.0);
        }
        Kind::Call(Function::Math(Math::Abs), _, args) => root_of_difference(&args[0], &zero, 0.0),
        Kind::Call(Function::Where, _, args) if !matches!(args[0].kind, Kind::Compare(..)) => {
            root_of_difference(&args[0], &zero, 0.0);
        }
        Kind::Call(Function::Activation(g), _, args) => {
            let p = args.get(1).map_or(g.default_param(), |p| {
                compile::tape(p, params).value(f64::NAN)
            });
            for &k in g.kinks(p) {
                root_of_difference(&args[0], &zero, k);
            }
        }
        _ => {}
    }
    match &node.kind {
        Kind::Neg(a) => visit(a, params, out),
        Kind::Binary(_, a, b) | Kind::Compare(_, a, b) => {
            visit(a, params, out);
            visit(b, params, out);
        }
        Kind::Call(_, _, args) => args.iter().for_each(|a| visit(a, params, out)),
        _ => {}
    }
}

/// `(m, c)` if the node is `m·x + c`.
fn affine(node: &Node, params: &[(String, f64)]) -> Option<(f64, f64)> {
    if !node.uses_x() {
        return Some((0.0, compile::tape(node, params).value(f64::NAN)));
    }
    match &node.kind {
        Kind::X => Some((1.0, 0.0)),
        Kind::Neg(a) => affine(a, params).map(|(m, c)| (-m, -c)),
        Kind::Binary(op, a, b) => {
            let ((m, c), (n, d)) = (affine(a, params)?, affine(b, params)?);
            match op {
                Binary::Add => Some((m + n, c + d)),
                Binary::Sub => Some((m - n, c - d)),
                Binary::Mul if m == 0.0 => Some((c * n, c * d)),
                Binary::Mul if n == 0.0 => Some((m * d, c * d)),
                Binary::Div if n == 0.0 => Some((m / d, c / d)),
                Binary::Pow if n == 0.0 && d == 1.0 => Some((m, c)),
                _ => None,
            }
        }
        _ => None,
    }
}
