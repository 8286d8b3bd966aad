//! The order the sparse maps and the samplers walk a vector in: largest value first.
//!
//! Equal values by index (a stable sort), so every result that depends on the order is
//! deterministic.

use std::cmp::Ordering;

/// The indices of `xs` from the largest value to the smallest, equal values (`-0` and `0` too)
/// in index order. NaN compares equal to everything; callers refuse NaN before asking.
pub(crate) fn descending(xs: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..xs.len()).collect();
    order.sort_by(|&a, &b| xs[b].partial_cmp(&xs[a]).unwrap_or(Ordering::Equal));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn largest_first_and_ties_by_index() {
        assert_eq!(descending(&[1.0, 3.0, 2.0, 3.0]), [1, 3, 2, 0]);
        assert_eq!(descending(&[0.0, -0.0, 0.0]), [0, 1, 2]);
        assert_eq!(
            descending(&[f64::NEG_INFINITY, 1.0, f64::INFINITY]),
            [2, 1, 0]
        );
        assert!(descending(&[]).is_empty());
    }
}
