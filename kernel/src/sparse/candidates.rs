//! The entries that can be in a sparse map's support, found without sorting the whole slice.
//!
//! Both thresholds lie in `[-1, 0]` in their own variable (`v = z` for sparsemax, `v = z/2` for
//! 1.5-entmax, `z = (x - max)/T`): the largest entry has `v = 0` and a share of at most 1. And
//! `τ` solves `f(τ) = Σ max(v - τ, 0)^a = 1` (`a = 1`, `a = 2`) with `f` decreasing, so a
//! bisection on `[-1, 0]` that finds `f(mid) > 1` has proven `τ > mid` and may drop every entry
//! with `v <= mid`. A few passes over a shrinking set leave the support and a handful of
//! neighbours; only those are sorted, and the exact (double-double) algorithm walks them as it
//! would the whole sorted slice: the results are the same, bit for bit.

use std::cmp::Ordering;

/// A margin far above the rounding of `v` in f64 (about 1e-16) and of the sums of `f`.
const MARGIN: f64 = 1e-9;
/// Below this many candidates, sorting is cheaper than another pass.
const FEW: usize = 256;

/// The indices of `xs` that may be in the support, largest `x` first, equal values in index
/// order (as [`crate::ranking::descending`] orders them); `None` when `1/T` is not finite (the
/// caller then sorts everything). `max` is the largest element, `t > 0`.
pub(super) fn descending(xs: &[f64], max: f64, t: f64, halved: bool) -> Option<Vec<usize>> {
    let scale = if halved { 0.5 / t } else { 1.0 / t };
    if !scale.is_finite() {
        return None;
    }
    let value = |x: f64| (x - max) * scale;
    let mut kept: Vec<(f64, usize)> = xs
        .iter()
        .enumerate()
        .filter(|&(_, &x)| value(x) > -1.0 - MARGIN)
        .map(|(i, &x)| (x, i))
        .collect();
    let (mut low, mut high) = (-1.0, 0.0);
    while kept.len() > FEW && high - low > MARGIN {
        let middle = 0.5 * (low + high);
        let mass: f64 = kept
            .iter()
            .map(|&(x, _)| {
                let gap = (value(x) - middle).max(0.0);
                if halved { gap * gap } else { gap }
            })
            .sum();
        // The sum's own rounding: far below the margin for any slice bench can hold.
        let doubt = MARGIN + kept.len() as f64 * 4.0 * f64::EPSILON;
        if mass > 1.0 + doubt {
            low = middle;
            kept.retain(|&(x, _)| value(x) > low - MARGIN);
        } else if mass < 1.0 - doubt {
            high = middle;
        } else {
            break;
        }
    }
    kept.sort_unstable_by(|a, b| {
        b.0.partial_cmp(&a.0)
            .unwrap_or(Ordering::Equal)
            .then(a.1.cmp(&b.1))
    });
    Some(kept.into_iter().map(|(_, i)| i).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::softmax::Temperature;
    use crate::sparse::{entmax15, sparsemax};

    /// A deterministic spread of `n` values in [-width, width], some repeated.
    fn values(n: usize, width: f64, seed: u64) -> Vec<f64> {
        let mut state = seed;
        (0..n)
            .map(|i| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                let v = ((state >> 11) as f64 / (1u64 << 53) as f64).mul_add(2.0 * width, -width);
                if i % 7 == 0 { v.round() } else { v }
            })
            .collect()
    }

    #[test]
    fn the_candidates_hold_the_support_in_the_full_order() {
        for (n, width, t) in [
            (3000, 10.0, 1.0),
            (5000, 2.0, 0.3),
            (1000, 1e-3, 1e-4),
            (4000, 50.0, 7.0),
        ] {
            let xs = values(n, width, n as u64);
            let max = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let full = crate::ranking::descending(&xs);
            for (halved, map) in [
                (
                    false,
                    sparsemax as fn(&[f64], Temperature, &mut [f64]) -> usize,
                ),
                (true, entmax15),
            ] {
                let kept = descending(&xs, max, t, halved).expect("a finite 1/T");
                let mut p = vec![0.0; n];
                let support = map(&xs, Temperature::new(t).expect("valid"), &mut p);
                assert!(support >= 1 && kept.len() >= support, "{n} {t}");
                // The support is the first entries of the candidates, and the candidates are the
                // full order with the rest left out.
                assert!(kept[..support].iter().all(|&i| p[i] > 0.0));
                let in_kept: Vec<usize> =
                    full.iter().copied().filter(|i| kept.contains(i)).collect();
                assert_eq!(in_kept, kept);
            }
        }
    }
}
