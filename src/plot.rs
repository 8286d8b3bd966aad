//! What a chart of an activation shows, as numbers: sampled curves, the softmax sweep, y bounds
//! that fit, tick positions. Pure; the terminal chart and (later) `actscope plot` draw from it.

use crate::kernel::{self, Activation, Level, Temperature};

/// A curve as `(x, y)` points.
pub type Points = Vec<(f64, f64)>;

/// `n` evenly spaced x values across `window`, ends included (at least 2).
#[must_use]
pub fn grid(window: (f64, f64), n: usize) -> Vec<f64> {
    let n = n.max(2);
    let (lo, hi) = window;
    (0..n)
        .map(|i| lo + (hi - lo) * (i as f64) / ((n - 1) as f64))
        .collect()
}

/// `f` and `f'` sampled at `n` points across `window`.
#[must_use]
pub fn sample(
    activation: Activation,
    param: f64,
    window: (f64, f64),
    n: usize,
) -> (Points, Points) {
    let xs = grid(window, n);
    let mut ys = vec![0.0; xs.len()];
    let mut dys = vec![0.0; xs.len()];
    activation.value_slice(Level::best(), &xs, param, &mut ys);
    activation.derivative_slice(Level::best(), &xs, param, &mut dys);
    (
        finite(xs.iter().copied().zip(ys)),
        finite(xs.iter().copied().zip(dys)),
    )
}

/// How each probability moves as element `selected` sweeps `window` (the others held): one curve
/// per element, `p_j(x)` with `x` standing in for `values[selected]`.
#[must_use]
pub fn softmax_sweep(
    values: &[f64],
    selected: usize,
    temperature: f64,
    window: (f64, f64),
    n: usize,
) -> Vec<Points> {
    let mut curves = vec![Vec::with_capacity(n); values.len()];
    let mut logits = values.to_vec();
    let mut p = vec![0.0; values.len()];
    let Ok(temperature) = Temperature::new(temperature) else {
        return vec![Vec::new(); values.len()];
    };
    for x in grid(window, n) {
        logits[selected] = x;
        kernel::softmax(Level::best(), &logits, temperature, &mut p);
        for (curve, &pj) in curves.iter_mut().zip(&p) {
            curve.push((x, pj));
        }
    }
    curves.into_iter().map(finite).collect()
}

/// Keeps only points whose coordinates are both finite: the one place non-finite values are
/// stopped before a chart (they would draw stray lines).
pub fn finite(points: impl IntoIterator<Item = (f64, f64)>) -> Points {
    points
        .into_iter()
        .filter(|(x, y)| x.is_finite() && y.is_finite())
        .collect()
}

/// A y window that shows every point of `curves` with a 10 % margin, its ends rounded outward to
/// a round step (sigmoid with its derivative: `[-0.1, 1.1]`).
#[must_use]
pub fn fit_y(curves: &[&[(f64, f64)]]) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for &(_, y) in curves.iter().flat_map(|c| c.iter()) {
        if y.is_finite() {
            lo = lo.min(y);
            hi = hi.max(y);
        }
    }
    if lo > hi {
        return (-1.0, 1.0);
    }
    let span = if hi - lo > 1e-12 * hi.abs().max(lo.abs()).max(1e-300) {
        hi - lo
    } else {
        lo.abs().max(1.0)
    };
    let step = round_step(span / 10.0);
    let lo = ((lo - span * 0.1) / step).floor() * step;
    let hi = ((hi + span * 0.1) / step).ceil() * step;
    if lo.is_finite() && hi.is_finite() && lo < hi {
        (lo, hi)
    } else {
        (-1.0, 1.0)
    }
}

/// The round number (1, 2 or 5 times a power of ten) nearest above `raw`.
fn round_step(raw: f64) -> f64 {
    let power = 10f64.powf(raw.log10().floor());
    let scaled = raw / power;
    let nice = if scaled <= 1.0 {
        1.0
    } else if scaled <= 2.0 {
        2.0
    } else if scaled <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

/// `count` evenly spaced tick positions from `lo` to `hi`, ends included.
#[must_use]
pub fn ticks(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    grid((lo, hi), count)
        .into_iter()
        .map(|t| {
            if t.abs() < (hi - lo).abs() * 1e-12 {
                0.0
            } else {
                t
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sigmoid_with_its_derivative_fits_the_classic_window() {
        let (f, df) = sample(Activation::Sigmoid, 0.0, (-5.0, 5.0), 200);
        let (lo, hi) = fit_y(&[&f, &df]);
        assert!(
            (lo + 0.1).abs() < 1e-12 && (hi - 1.1).abs() < 1e-12,
            "{lo} {hi}"
        );
    }

    #[test]
    fn flat_and_empty_curves_still_get_a_window() {
        let (f, df) = sample(Activation::Step, 0.0, (1.0, 2.0), 10);
        let (lo, hi) = fit_y(&[&f, &df]);
        assert!(lo < 0.0 && hi > 1.0);
        assert_eq!(fit_y(&[]), (-1.0, 1.0));
        let (lo, hi) = fit_y(&[&[(0.0, 1e300), (1.0, 1e300)]]);
        assert!(lo < 1e300 && hi > 1e300);
    }

    #[test]
    fn non_finite_points_are_dropped() {
        let kept = finite([(0.0, f64::NAN), (1.0, 2.0), (f64::INFINITY, 0.0)]);
        assert_eq!(kept, [(1.0, 2.0)]);
    }

    #[test]
    fn softmax_sweep_moves_the_selected_probability_up() {
        let curves = softmax_sweep(&[1.2, 0.9, 0.4], 0, 1.0, (-5.0, 5.0), 11);
        assert_eq!(curves.len(), 3);
        let first = &curves[0];
        assert!(first.first().unwrap().1 < 0.01 && first.last().unwrap().1 > 0.95);
        for i in 0..11 {
            let sum: f64 = curves.iter().map(|c| c[i].1).sum();
            assert!((sum - 1.0).abs() < 1e-12);
        }
    }

    #[test]
    fn ticks_include_zero_exactly() {
        assert_eq!(ticks(-5.0, 5.0, 5), [-5.0, -2.5, 0.0, 2.5, 5.0]);
        assert!((ticks(-0.1, 1.1, 3)[1] - 0.5).abs() < 1e-12);
    }
}
