//! Sparse relatives of softmax: sparsemax and 1.5-entmax of `x / T`.
//!
//! Both map a vector onto the probability simplex like softmax does, but give exactly zero to the
//! entries below a threshold.
//!
//! - sparsemax (Martins and Astudillo, "From Softmax to Sparsemax", ICML 2016):
//!   `p_i = max(z_i - τ, 0)` with `τ` such that `Σ p_i = 1`: the Euclidean projection of `z` onto
//!   the simplex.
//! - 1.5-entmax (Peters, Niculae and Martins, "Sparse Sequence-to-Sequence Models", ACL 2019):
//!   `p_i = max(z_i/2 - τ, 0)²` with `τ` such that `Σ p_i = 1`: between softmax (never zero) and
//!   sparsemax. The `z/2` is the α-entmax scaling `((α - 1) z - τ)^(1/(α-1))` at α = 1.5, as the
//!   `entmax` package computes it.
//!
//! Both are exact sort-based algorithms (Martins and Astudillo's Algorithm 1; Peters et al.'s
//! Algorithm 2): sort `z` in decreasing order, find the largest support size `k` whose threshold
//! still lies below the `k`-th value, and take `τ` from the top `k`. Only the entries that can be
//! in the support are sorted: a bisection on `τ` over a shrinking set proves the others out
//! first (`candidates`), so a million entries cost a pass or two, not an `O(n log n)` sort.
//!
//! # Accuracy
//!
//! `z_i = (x_i - max x) / T` is formed from `x - max` with its rounding error carried (TwoSum) and
//! divided by `T` in double-double arithmetic, so it can neither overflow nor lose the digits of
//! `x - max` (`[1e308, -1e308]` at `T = 1e-300` works). The threshold `τ` and each `z_i - τ`,
//! where the two cancel, are double-double too and rounded once: every non-zero entry is within
//! about 1 ulp of the exact value of `x / T`, and the entries below the threshold are exactly
//! `0.0`.
//!
//! # `T = 0`
//!
//! As `T -> 0+`, `z_i -> -∞` for every entry below the maximum and stays `0` on the `k` entries
//! equal to it. The threshold then only sees those `k`: sparsemax gives `τ = -1/k`, 1.5-entmax
//! `τ = -1/√k`, and both give `1/k` on each maximum and `0` elsewhere, the same one-hot limit
//! (ties split evenly) as [`mod@crate::softmax`] at `T = 0`. A `+∞` element is that limit too.

mod candidates;

use crate::double_double::DoubleDouble;
use crate::eft::{two_product, two_sum};
use crate::ranking;
use crate::scalar::softmax::{Shape, shape};
use crate::softmax::Temperature;

const ZERO: DoubleDouble = DoubleDouble { hi: 0.0, lo: 0.0 };
const NEG_INFINITY: DoubleDouble = DoubleDouble {
    hi: f64::NEG_INFINITY,
    lo: 0.0,
};

/// Sparsemax of `x / T` into `out`: `p_i = max(z_i - τ, 0)`, `z = (x - max x) / T`, with
/// `τ = (Σ_{j <= k} z_(j) - 1) / k` over the `k` largest `z`, `k` the largest size with
/// `1 + k·z_(k) > Σ_{j <= k} z_(j)` (Martins and Astudillo, 2016, Algorithm 1).
///
/// Returns the support size: how many entries are non-zero (0 for an empty or undefined input).
/// The entries sum to 1, those below the threshold are exactly `0.0`, and sparsemax is unchanged
/// by adding a constant to every `x`. With two entries it is
/// `p_0 = clamp((z_0 - z_1)/2 + 1/2, 0, 1)`.
///
/// `T = 0` (or a `+∞` element) gives the one-hot limit with ties split evenly (see the module
/// notes). A NaN anywhere, or every element `-∞`, makes every output NaN.
///
/// # Panics
/// If `xs` and `out` differ in length.
pub fn sparsemax(xs: &[f64], t: Temperature, out: &mut [f64]) -> usize {
    sparse_map(xs, t, out, Map::Sparsemax)
}

/// 1.5-entmax of `x / T` into `out`: `p_i = max(y_i - τ, 0)²` with `y = (x - max x) / (2T)` and
/// `τ` such that the entries sum to 1 (Peters, Niculae and Martins, 2019, Algorithm 2).
///
/// For the `k` largest `y`: `mean = (1/k) Σ y`, `ss = Σ y² - k·mean²`,
/// `τ_k = mean - √((1 - ss) / k)`; the support size is the largest `k` with `τ_k <= y_(k)`, and
/// `τ = τ_k` for it.
///
/// Returns the support size (0 for an empty or undefined input). The entries sum to 1, those
/// below the threshold are exactly `0.0`, and it is unchanged by adding a constant to every `x`.
/// With two entries `d = y_1 - y_0 > -1` it is
/// `p_0 = ((√(2 - d²) - d) / 2)²`, `p_1 = ((√(2 - d²) + d) / 2)²`.
///
/// `T = 0` (or a `+∞` element) gives the one-hot limit with ties split evenly (see the module
/// notes). A NaN anywhere, or every element `-∞`, makes every output NaN.
///
/// # Panics
/// If `xs` and `out` differ in length.
pub fn entmax15(xs: &[f64], t: Temperature, out: &mut [f64]) -> usize {
    sparse_map(xs, t, out, Map::Entmax15)
}

#[derive(Clone, Copy)]
enum Map {
    Sparsemax,
    Entmax15,
}

fn sparse_map(xs: &[f64], t: Temperature, out: &mut [f64], map: Map) -> usize {
    assert_eq!(xs.len(), out.len(), "input and output lengths differ");
    match shape(xs, t.get()) {
        Shape::Empty => 0,
        Shape::Undefined => {
            out.fill(f64::NAN);
            0
        }
        Shape::OneHot { max, ties } => {
            let share = 1.0 / ties as f64;
            for (o, &x) in out.iter_mut().zip(xs) {
                *o = if x == max { share } else { 0.0 };
            }
            ties
        }
        Shape::Finite { max, .. } => {
            let t = t.get();
            let halved = matches!(map, Map::Entmax15);
            let order = candidates::descending(xs, max, t, halved)
                .unwrap_or_else(|| ranking::descending(xs));
            let scores = order.iter().map(|&i| tempered(xs[i], max, t));
            let (support, tau) = match map {
                Map::Sparsemax => sparsemax_threshold(scores),
                Map::Entmax15 => entmax15_threshold(scores.map(half)),
            };
            out.fill(0.0);
            let mut nonzero = 0;
            for (&i, score) in order.iter().zip(support) {
                let gap = score.add(tau.neg());
                let p = match map {
                    Map::Sparsemax => gap.to_f64(),
                    Map::Entmax15 => gap.mul(gap).to_f64(),
                };
                // A score exactly at the threshold is outside the support.
                if gap.hi > 0.0 && p > 0.0 {
                    out[i] = p;
                    nonzero += 1;
                }
            }
            nonzero
        }
    }
}

/// The sparsemax support (its scores, largest first) and threshold `τ`, from the scores in
/// decreasing order (the first is the maximum's, exactly 0).
fn sparsemax_threshold(
    scores: impl Iterator<Item = DoubleDouble>,
) -> (Vec<DoubleDouble>, DoubleDouble) {
    let mut support = Vec::new();
    let mut sum = ZERO;
    for z in scores {
        // τ >= -1 (the largest entry, z = 0, is at most 1), so z <= -1 is outside the support;
        // stopping below -2 keeps infinities and huge values out of the sums.
        if z.hi < -2.0 {
            break;
        }
        let k = support.len() + 1;
        let candidate = sum.add(z);
        // 1 + k·z_(k) > Σ_{j <= k} z_(j): the k-th entry would still be positive.
        let margin = DoubleDouble::ONE
            .add(z.mul(DoubleDouble::from_f64(k as f64)))
            .add(candidate.neg());
        if margin.hi <= 0.0 {
            break;
        }
        sum = candidate;
        support.push(z);
    }
    let tau = sum.add(DoubleDouble::ONE.neg()).div(support.len() as f64);
    (support, tau)
}

/// The 1.5-entmax support (its halved scores `y`, largest first) and threshold `τ`, from the
/// halved scores in decreasing order (the first is the maximum's, exactly 0).
fn entmax15_threshold(
    halved: impl Iterator<Item = DoubleDouble>,
) -> (Vec<DoubleDouble>, DoubleDouble) {
    let mut support = Vec::new();
    let mut sum = ZERO;
    let mut sum_of_squares = ZERO;
    let mut tau = DoubleDouble::ONE.neg();
    for y in halved {
        // τ >= -1 (the largest entry, y = 0, is (0 - τ)² <= 1), so y <= -1 is outside the
        // support; stopping below -2 keeps infinities and huge values out of the sums.
        if y.hi < -2.0 {
            break;
        }
        let k = (support.len() + 1) as f64;
        let candidate_sum = sum.add(y);
        let candidate_squares = sum_of_squares.add(y.mul(y));
        let mean = candidate_sum.div(k);
        // ss = Σ y² - k·mean² = Σ y² - mean·Σ y
        let spread = candidate_squares.add(candidate_sum.mul(mean).neg());
        let delta = DoubleDouble::ONE.add(spread.neg()).div(k);
        let root = if delta.hi > 0.0 { sqrt(delta) } else { ZERO };
        let candidate_tau = mean.add(root.neg());
        // τ_k <= y_(k): the k-th entry is still inside the support.
        if y.add(candidate_tau.neg()).hi < 0.0 {
            break;
        }
        sum = candidate_sum;
        sum_of_squares = candidate_squares;
        tau = candidate_tau;
        support.push(y);
    }
    (support, tau)
}

/// `(x - max) / T` as a double-double (`<= 0`), `-∞` where it overflows. `x - max` is exact as
/// a TwoSum; when it overflows (a spread above `f64::MAX`) the halves `x/2 - max/2` are used and
/// the quotient doubled.
fn tempered(x: f64, max: f64, t: f64) -> DoubleDouble {
    let (difference, error) = two_sum(x, -max);
    let (difference, scale) = if difference.is_finite() {
        (
            DoubleDouble {
                hi: difference,
                lo: error,
            },
            1.0,
        )
    } else if x == f64::NEG_INFINITY {
        return NEG_INFINITY;
    } else {
        // Both are finite and at least 2^1022 apart, so halving them is exact.
        let (hi, lo) = two_sum(0.5 * x, -(0.5 * max));
        (DoubleDouble { hi, lo }, 2.0)
    };
    let quotient = if t == 1.0 {
        difference
    } else {
        let q = difference.div(t);
        if q.hi.is_finite() && q.lo.is_finite() {
            q
        } else {
            // The quotient overflowed (or its correction did): far below any threshold.
            DoubleDouble::from_f64(difference.hi / t)
        }
    };
    let hi = quotient.hi * scale;
    if hi.is_finite() {
        DoubleDouble {
            hi,
            lo: quotient.lo * scale,
        }
    } else {
        NEG_INFINITY
    }
}

/// `z / 2` (exact for the normal numbers; the scores that matter are never subnormal but 0).
fn half(z: DoubleDouble) -> DoubleDouble {
    DoubleDouble {
        hi: 0.5 * z.hi,
        lo: 0.5 * z.lo,
    }
}

/// `√a` for `a > 0` in double-double: the `f64` root and one Newton correction,
/// `s + (a - s²) / (2s)`.
fn sqrt(a: DoubleDouble) -> DoubleDouble {
    let s = a.hi.sqrt();
    let (square, square_error) = two_product(s, s);
    let residual = a.add(
        DoubleDouble {
            hi: square,
            lo: square_error,
        }
        .neg(),
    );
    DoubleDouble::from_f64(s).add(DoubleDouble::from_f64(residual.hi / (2.0 * s)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn temperature(t: f64) -> Temperature {
        Temperature::new(t).expect("a valid temperature")
    }

    fn run(map: fn(&[f64], Temperature, &mut [f64]) -> usize, xs: &[f64], t: f64) -> Vec<f64> {
        let mut out = vec![f64::NAN; xs.len()];
        let support = map(xs, temperature(t), &mut out);
        assert_eq!(
            support,
            out.iter().filter(|&&p| p > 0.0).count(),
            "the support size counts the non-zero entries of {out:?}"
        );
        out
    }

    fn ulp(x: f64) -> f64 {
        let a = x.abs();
        a.next_up() - a
    }

    fn assert_close(got: f64, want: f64, ulps: f64) {
        assert!(
            (got - want).abs() <= ulps * ulp(want),
            "{got:e} vs {want:e}: {} ulp",
            (got - want).abs() / ulp(want)
        );
    }

    #[test]
    fn the_readme_examples() {
        let p = run(sparsemax, &[1.2, 0.9, 0.4], 1.0);
        assert_close(p[0], 0.649_999_999_999_999_9, 1.0);
        assert_close(p[1], 0.350_000_000_000_000_03, 1.0);
        assert_eq!(p[2].to_bits(), 0);
        let p = run(entmax15, &[1.2, 0.9, 0.4], 1.0);
        assert_close(p[0], 0.542_589_021_555_195_7, 2.0);
        assert_close(p[1], 0.344_107_094_828_217_44, 2.0);
        assert_close(p[2], 0.113_303_883_616_586_89, 2.0);
    }

    #[test]
    fn single_element_and_all_equal() {
        assert_eq!(run(sparsemax, &[-7.5], 1.0), [1.0]);
        assert_eq!(run(entmax15, &[1e300], 1e-300), [1.0]);
        for t in [0.0, 1e-300, 1.0, 1e300] {
            assert_eq!(run(sparsemax, &[2.5; 4], t), [0.25; 4]);
            assert_eq!(run(entmax15, &[2.5; 4], t), [0.25; 4]);
        }
    }

    #[test]
    fn zero_temperature_is_one_hot_with_ties_split() {
        for map in [sparsemax, entmax15] {
            assert_eq!(run(map, &[1.0, 3.0, 3.0], 0.0), [0.0, 0.5, 0.5]);
            assert_eq!(run(map, &[1.0, 3.0, 2.0], 0.0), [0.0, 1.0, 0.0]);
            // A tiny temperature reaches the same limit.
            assert_eq!(run(map, &[1.0, 3.0, 3.0], 1e-300), [0.0, 0.5, 0.5]);
            assert_eq!(run(map, &[f64::INFINITY, 3.0], 1.0), [1.0, 0.0]);
        }
    }

    #[test]
    fn huge_spreads_and_tiny_temperatures_do_not_overflow() {
        for map in [sparsemax, entmax15] {
            assert_eq!(run(map, &[1e308, -1e308], 1.0), [1.0, 0.0]);
            assert_eq!(run(map, &[-1e308, 1e308], 1e-300), [0.0, 1.0]);
            assert_eq!(
                run(map, &[-f64::MAX, f64::MAX, 0.0], 1e300),
                [0.0, 1.0, 0.0]
            );
            assert_eq!(
                run(map, &[f64::NEG_INFINITY, 1.0, f64::NEG_INFINITY], 1.0),
                [0.0, 1.0, 0.0]
            );
        }
        // A spread of 2·MAX at T = MAX: z = [0, -2], still exact.
        assert_eq!(run(sparsemax, &[f64::MAX, -f64::MAX], f64::MAX), [1.0, 0.0]);
        // A spread of 0.5 at T = 1e300: z is tiny and the result uniform to the last bit.
        assert_eq!(run(sparsemax, &[0.25, -0.25], 1e300), [0.5, 0.5]);
    }

    #[test]
    fn undefined_and_empty_inputs() {
        for map in [sparsemax, entmax15] {
            assert!(run_nan(map, &[1.0, f64::NAN]));
            assert!(run_nan(map, &[f64::NEG_INFINITY; 3]));
            assert!(run(map, &[], 1.0).is_empty());
        }
    }

    fn run_nan(map: fn(&[f64], Temperature, &mut [f64]) -> usize, xs: &[f64]) -> bool {
        let mut out = vec![0.0; xs.len()];
        map(xs, Temperature::ONE, &mut out) == 0 && out.iter().all(|p| p.is_nan())
    }

    #[test]
    fn sqrt_is_double_double_accurate() {
        let two = DoubleDouble::from_f64(2.0);
        let root = sqrt(two);
        assert_eq!(root.hi, std::f64::consts::SQRT_2);
        // √2 = 1.4142135623730951 - 9.667293313452913e-17
        assert!((root.lo + 9.667_293_313_452_913e-17).abs() < 1e-31);
    }

    /// Finite inputs, mostly of moderate size, with huge ones among them.
    fn vector() -> impl Strategy<Value = Vec<f64>> {
        prop::collection::vec(
            prop_oneof![4 => -10.0..10.0f64, 1 => -1e300..1e300f64],
            1..40,
        )
    }

    fn any_temperature() -> impl Strategy<Value = f64> {
        prop_oneof![
            Just(0.0),
            Just(1.0),
            1e-300..1e-3f64,
            1e-3..1e3f64,
            1e3..1e300f64
        ]
    }

    proptest! {
        #[test]
        fn both_are_distributions(xs in vector(), t in any_temperature()) {
            for map in [sparsemax, entmax15] {
                let p = run(map, &xs, t);
                let mut sum = 0.0;
                for &pi in &p {
                    prop_assert!((0.0..=1.0).contains(&pi), "p = {pi} for {xs:?}, T = {t}");
                    prop_assert!(pi.to_bits() != (-0.0f64).to_bits());
                    sum += pi;
                }
                // Each entry is rounded once and the naive sum adds one rounding per term.
                let bound = 4.0 * xs.len() as f64 * f64::EPSILON;
                prop_assert!((sum - 1.0).abs() <= bound, "sum = {sum} for {xs:?}, T = {t}");
            }
        }

        #[test]
        fn an_exact_shift_changes_nothing(
            ticks in prop::collection::vec(-4096i32..4096, 1..30),
            shift in -1_000_000i32..1_000_000,
            t in prop_oneof![Just(1.0), 0.01..100.0f64],
        ) {
            // Multiples of 1/256 plus an integer: every x and every x - max is exact.
            let xs: Vec<f64> = ticks.iter().map(|&k| f64::from(k) / 256.0).collect();
            let shifted: Vec<f64> = xs.iter().map(|x| x + f64::from(shift)).collect();
            for map in [sparsemax, entmax15] {
                prop_assert_eq!(run(map, &xs, t), run(map, &shifted, t));
            }
        }

        #[test]
        fn a_rounded_shift_changes_little(
            xs in prop::collection::vec(-1e3..1e3f64, 1..20),
            shift in -1e3..1e3f64,
            t in prop_oneof![Just(1.0), 0.05..20.0f64],
        ) {
            let shifted: Vec<f64> = xs.iter().map(|x| x + shift).collect();
            for map in [sparsemax, entmax15] {
                for (a, b) in run(map, &xs, t).iter().zip(run(map, &shifted, t)) {
                    // x + shift is rounded by up to 1.2e-13: 2.3e-12 in z at T = 0.05.
                    prop_assert!((a - b).abs() <= 1e-11, "{a} vs {b}");
                }
            }
        }

        #[test]
        fn two_entries_have_closed_forms(x0 in -5.0..5.0f64, x1 in -5.0..5.0f64, t in 0.1..10.0f64) {
            let p = run(sparsemax, &[x0, x1], t);
            let big = usize::from(x1 > x0);
            let (top, other) = if big == 0 { (x0, x1) } else { (x1, x0) };
            let gap = (top - other) / t;
            let want = (gap / 2.0 + 0.5).clamp(0.0, 1.0);
            prop_assert!((p[big] - want).abs() <= 2.0 * ulp(want), "{} vs {want}", p[big]);
            prop_assert!((p[0] + p[1] - 1.0).abs() <= f64::EPSILON);
            if gap >= 1.0 {
                prop_assert_eq!(p[1 - big], 0.0);
            }

            let p = run(entmax15, &[x0, x1], t);
            let d = -gap / 2.0;
            if d > -1.0 {
                let root = (2.0 - d * d).sqrt();
                let want = ((root - d) / 2.0).powi(2);
                prop_assert!((p[big] - want).abs() <= 4.0 * ulp(want), "{} vs {want}", p[big]);
            } else {
                prop_assert_eq!(p[big], 1.0);
                prop_assert_eq!(p[1 - big], 0.0);
            }
        }
    }
}
