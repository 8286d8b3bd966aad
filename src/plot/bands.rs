//! Bands under a chart: where the gradient is gone, dead or saturated.
//!
//! Exact dead zones and tails from the kernel for a built-in activation; for a formula, judged
//! from its samples, against a reference `|f'|` that stays away from its poles and gaps. A
//! formula's `f'` that is 0 only because it underflowed in `f64` (`exp(-x^2)` at |x| > 27, the
//! kernel marks it) is not dead: it is as small as a number gets, a saturated tail if at an end.

use super::{CurveSpec, Gap, Shape};
use crate::kernel::Activation;

/// Fraction of `sup |f'|` under which a region counts as saturated.
const SATURATED: f64 = 0.01;

/// How near a gap's end (a fraction of the window's width) a formula's `|f'|` is left out of
/// the reference a saturated tail is judged against: near a pole or the edge of a domain
/// (`sqrt` at 0) it grows without bound, and every other `|f'|` would look like 0 beside it.
const NEAR_GAP: f64 = 0.1;

/// What kind of region a band marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BandKind {
    /// f' is exactly 0 over the interval (ReLU for x < 0).
    Dead,
    /// A tail where `|f'|` tends to 0 and is under 1 % of its largest value.
    Saturated,
}

/// An x range under the chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Band {
    /// Left end.
    pub from: f64,
    /// Right end.
    pub to: f64,
    /// Dead or saturated.
    pub kind: BandKind,
}

/// The dead zones (exact, from the kernel) and saturated tails (where the sampled `|f'|` stays
/// under 1 % of its bound out to the window's edge, on a side where the kernel says it tends to
/// 0) within the window. A stationary point, where `f'` dips to 0 and rises again, is neither.
/// A formula's tails are judged away from its `gaps`; `underflowed` marks the samples where its
/// `f'` is 0 only by underflow.
pub(super) fn bands(
    spec: &CurveSpec,
    df: &[(f64, f64)],
    underflowed: &[bool],
    gaps: &[Gap],
) -> Vec<Band> {
    match &spec.shape {
        Shape::Activation(a, p) => activation_bands(*a, *p, spec.window, df),
        Shape::Formula(_) => {
            let (lo, hi) = spec.window;
            let near = NEAR_GAP * (hi / 2.0 - lo / 2.0) * 2.0;
            let away = |x: f64| {
                gaps.iter()
                    .all(|g| (x - g.from.x).abs() > near && (x - g.to.x).abs() > near)
            };
            sampled_bands(df, underflowed, &away)
        }
    }
}

fn activation_bands(a: Activation, p: f64, window: (f64, f64), df: &[(f64, f64)]) -> Vec<Band> {
    let (lo, hi) = window;
    let zones = a.dead_zones(p);
    let mut bands: Vec<Band> = zones
        .iter()
        .filter_map(|&(from, to)| {
            let (from, to) = (from.max(lo), to.min(hi));
            (from < to).then_some(Band {
                from,
                to,
                kind: BandKind::Dead,
            })
        })
        .collect();
    let bound = a.derivative_bound(p);
    if !(bound.is_finite() && bound > 0.0) {
        return bands;
    }
    let dead = |x: f64| zones.iter().any(|&(from, to)| from < x && x < to);
    let low = |&&(x, d): &&(f64, f64)| !dead(x) && d.abs() < SATURATED * bound;
    let tails = a.tails(p);
    bands.extend(tail_bands(df, &low, tails.left, tails.right));
    bands
}

/// A formula's bands, from its samples alone (nothing is known of it beyond them): dead where
/// `f'` is exactly 0 (not `underflowed`) at three or more samples in a row; saturated at an
/// end of the window where `|f'|` stays under 1 % of the largest sampled `|f'|` at the x that
/// are `away` from its gaps (or is an underflowed 0) and does not grow toward the edge.
fn sampled_bands(df: &[(f64, f64)], underflowed: &[bool], away: &dyn Fn(f64) -> bool) -> Vec<Band> {
    let largest = df
        .iter()
        .filter(|&&(x, _)| away(x))
        .map(|&(_, d)| d.abs())
        .filter(|d| d.is_finite())
        .fold(0.0, f64::max);
    let mut bands = Vec::new();
    let mut start = None;
    for (k, (&(_, d), &tiny)) in df.iter().zip(underflowed).enumerate() {
        match (d == 0.0 && !tiny, start) {
            (true, None) => start = Some(k),
            (false, Some(from)) => {
                if k - from >= 3 {
                    bands.push(Band {
                        from: df[from].0,
                        to: df[k - 1].0,
                        kind: BandKind::Dead,
                    });
                }
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start.filter(|&from| df.len() - from >= 3) {
        bands.push(Band {
            from: df[from].0,
            to: df[df.len() - 1].0,
            kind: BandKind::Dead,
        });
    }
    if largest > 0.0 {
        // An exact 0 is dead, not saturated; an underflowed one is below any threshold.
        let tiny = |x: f64| {
            let k = df.partition_point(|&(at, _)| at < x);
            underflowed.get(k).copied().unwrap_or(false)
        };
        let low = |&&(x, d): &&(f64, f64)| {
            (d != 0.0 && d.abs() < SATURATED * largest) || (d == 0.0 && tiny(x))
        };
        // Toward the edge |f'| must not grow: the tail is falling off, not a dip.
        let falling_left = df.windows(2).take(4).all(|w| w[0].1.abs() <= w[1].1.abs());
        let falling_right = df
            .windows(2)
            .rev()
            .take(4)
            .all(|w| w[1].1.abs() <= w[0].1.abs());
        bands.extend(tail_bands(df, &low, falling_left, falling_right));
    }
    bands
}

/// Saturated bands from each end of the window inward, while `low` holds.
fn tail_bands(
    df: &[(f64, f64)],
    low: &dyn Fn(&&(f64, f64)) -> bool,
    left: bool,
    right: bool,
) -> Vec<Band> {
    let mut bands = Vec::new();
    if left && let Some(&(first, _)) = df.first().filter(|p| low(p)) {
        let last = df
            .iter()
            .take_while(|p| low(p))
            .last()
            .map_or(first, |&(x, _)| x);
        bands.push(Band {
            from: first,
            to: last,
            kind: BandKind::Saturated,
        });
    }
    if right && let Some(&(last, _)) = df.last().filter(|p| low(p)) {
        let first = df
            .iter()
            .rev()
            .take_while(|p| low(p))
            .last()
            .map_or(last, |&(x, _)| x);
        bands.push(Band {
            from: first,
            to: last,
            kind: BandKind::Saturated,
        });
    }
    bands
}

#[cfg(test)]
mod tests {
    use super::super::{CurveSpec, Shape, curve};
    use super::*;
    use crate::kernel::{Formula, Level};

    fn bands_of(text: &str) -> Vec<Band> {
        bands_in(text, (-5.0, 5.0))
    }

    fn bands_in(text: &str, window: (f64, f64)) -> Vec<Band> {
        let spec = CurveSpec {
            shape: Shape::Formula(Formula::parse(text, &[]).unwrap()),
            window,
            derivative: false,
            compare: None,
            saturation: true,
        };
        curve(&spec, Level::best(), 161, Vec::new(), None).bands
    }

    /// A pole's huge `|f'|` does not make the rest of the window look flat: `1/(x - 1)` has
    /// f' = -4 at 0.5 and -1/36 at -5, not under 1 % of what it is at unit distance.
    #[test]
    fn a_pole_does_not_saturate_the_window() {
        assert_eq!(bands_of("1 / (x - 1)"), []);
        assert_eq!(bands_of("1 / (x - 1.03)"), []);
        // A true tail still is one.
        let sigmoid = bands_of("sigmoid(x) + 1 / (x - 9)");
        assert!(
            sigmoid
                .iter()
                .any(|b| b.kind == BandKind::Saturated && b.from == -5.0)
        );
    }

    /// An `f'` that only underflowed to 0 is not dead: `exp(x)^500` below x ≈ -1.5, the
    /// Gaussian past |x| ≈ 27, `exp(x)` below -745 have f' > 0 everywhere. Where the band
    /// reaches the window's end it is a saturated tail.
    #[test]
    fn an_underflowed_derivative_is_not_dead() {
        let cases = [
            ("exp(x)^500", (-5.0, 5.0), Some(-5.0)),
            ("exp(-x^2)", (-40.0, 40.0), Some(-40.0)),
            ("exp(x)", (-800.0, -700.0), Some(-800.0)),
        ];
        for (text, window, saturated_from) in cases {
            let bands = bands_in(text, window);
            assert!(
                bands.iter().all(|b| b.kind != BandKind::Dead),
                "{text}: {bands:?}"
            );
            if let Some(from) = saturated_from {
                assert!(
                    bands
                        .iter()
                        .any(|b| b.kind == BandKind::Saturated && b.from == from),
                    "{text}: {bands:?}"
                );
            }
        }
        let gaussian = bands_in("exp(-x^2)", (-40.0, 40.0));
        assert!(
            gaussian
                .iter()
                .any(|b| b.kind == BandKind::Saturated && b.to == 40.0),
            "{gaussian:?}"
        );
    }

    /// An exact 0 still is dead, however it is written.
    #[test]
    fn an_exact_zero_derivative_is_dead() {
        for text in ["where(x > 0, x, 0)", "max(0, x)", "relu(x)", "(x > 0) * x"] {
            let bands = bands_of(text);
            assert!(
                bands
                    .iter()
                    .any(|b| b.kind == BandKind::Dead && b.from == -5.0 && b.to <= 0.0),
                "{text}: {bands:?}"
            );
        }
    }
}
