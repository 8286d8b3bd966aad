//! What a chart shows, as numbers.
//!
//! Sampled curves, saturated bands, the softmax sweep, y bounds that fit, tick positions. Pure; the
//! explorer's chart and `actscope plot` draw from it.

mod bands;
mod gaps;

pub use bands::{Band, BandKind};
pub use gaps::{End, Gap, GapKind, Sign, gaps_text};

use crate::kernel::{self, Activation, Formula, Level, Temperature};

/// A curve as `(x, y)` points.
pub type Points = Vec<(f64, f64)>;

/// Every how many samples a dotted curve keeps a point.
const DOT_SPACING: usize = 3;

/// What an element-wise chart draws: a built-in activation at a parameter, or a formula.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// A built-in activation and its parameter (0 where it takes none).
    Activation(Activation, f64),
    /// A formula typed by the user (its parameters inside).
    Formula(Formula),
}

impl Shape {
    /// The chart's title: the activation's name, or `Formula` (the header, or `plot`'s readout,
    /// says which: a formula can be long, and the legend needs the room).
    #[must_use]
    pub fn title(&self) -> String {
        match self {
            Shape::Activation(a, _) => a.title().to_string(),
            Shape::Formula(_) => "Formula".to_string(),
        }
    }

    /// `f` and `f'` at every x of `xs`.
    pub fn eval_slice(&self, level: Level, xs: &[f64], ys: &mut [f64], dys: &mut [f64]) {
        match self {
            Shape::Activation(a, p) => {
                a.value_slice(level, xs, *p, ys);
                a.derivative_slice(level, xs, *p, dys);
            }
            Shape::Formula(formula) => formula.eval_slice(level, xs, ys, dys),
        }
    }

    /// [`Shape::eval_slice`], and where `f'` is a 0 that only underflowed (a formula's
    /// `exp(x)` at -800; never for a built-in activation, whose dead zones are known exactly).
    fn eval_slice_underflow(
        &self,
        level: Level,
        xs: &[f64],
        ys: &mut [f64],
        dys: &mut [f64],
        underflowed: &mut [bool],
    ) {
        match self {
            Shape::Activation(..) => {
                self.eval_slice(level, xs, ys, dys);
                underflowed.fill(false);
            }
            Shape::Formula(formula) => {
                formula.eval_slice_underflow(level, xs, ys, dys, underflowed);
            }
        }
    }

    /// Where `f'` does not exist (the derivative there is a convention).
    #[must_use]
    pub fn kinks(&self) -> Vec<f64> {
        match self {
            Shape::Activation(a, p) => a.kinks(*p).to_vec(),
            Shape::Formula(formula) => formula.kinks(),
        }
    }

    /// `sup |f'|` over every x, when it is known: a formula's is not.
    #[must_use]
    pub fn derivative_bound(&self) -> Option<f64> {
        match self {
            Shape::Activation(a, p) => Some(a.derivative_bound(*p)),
            Shape::Formula(_) => None,
        }
    }
}

/// What an activation chart is asked to show.
#[derive(Clone, Debug, PartialEq)]
pub struct CurveSpec {
    /// The function drawn.
    pub shape: Shape,
    /// The x window.
    pub window: (f64, f64),
    /// Draw f'(x) too.
    pub derivative: bool,
    /// Another activation (and its parameter) drawn faintly for comparison.
    pub compare: Option<(Activation, f64)>,
    /// Underline where |f'| is under 1 % of its bound (saturated; dead where it is 0).
    pub saturation: bool,
}

/// An activation chart, as numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct Curve {
    /// The chart's title: what is drawn.
    pub title: String,
    /// The x window.
    pub window: (f64, f64),
    /// The y window that fits what is drawn.
    pub y: (f64, f64),
    /// `f(x)`, solid.
    pub f: Points,
    /// `f'(x)`, dotted (every third sample), when asked for.
    pub df: Option<Points>,
    /// The pinned comparison (drawn as points, one per sample).
    pub compare: Option<(Activation, Points)>,
    /// x ranges where the gradient is gone: dead (f' exactly 0) or saturated (a tail where
    /// `|f'|` is under 1 % of its largest value and tends to 0).
    pub bands: Vec<Band>,
    /// Points marked on the curve: `(x, f(x))`.
    pub points: Vec<(f64, f64)>,
    /// The highlighted point.
    pub chosen: Option<(f64, f64)>,
    /// The kinks in the window: `(x, f'(x))`, where `f'` does not exist and the value is the
    /// frameworks' convention.
    pub kinks: Vec<(f64, f64)>,
    /// Where `f` is not finite, refined to adjacent f64s, and its poles (the chart shows gaps
    /// there).
    pub gaps: Vec<Gap>,
}

impl Curve {
    /// Where `f` is not finite, in words ([`gaps_text`]), if anywhere.
    #[must_use]
    pub fn gaps_text(&self) -> Option<String> {
        gaps_text(&self.gaps)
    }
}

/// Samples the chart `spec` asks for with `samples` points across the window, marking `points`
/// and `chosen` on the curve.
#[must_use]
pub fn curve(
    spec: &CurveSpec,
    level: Level,
    samples: usize,
    points: Vec<(f64, f64)>,
    chosen: Option<(f64, f64)>,
) -> Curve {
    let xs = grid(spec.window, samples);
    let (mut ys, mut dys) = (vec![0.0; xs.len()], vec![0.0; xs.len()]);
    let mut underflowed = vec![false; xs.len()];
    spec.shape
        .eval_slice_underflow(level, &xs, &mut ys, &mut dys, &mut underflowed);
    let eval = |x: f64| {
        let (mut y, mut dy) = ([0.0], [0.0]);
        spec.shape.eval_slice(level, &[x], &mut y, &mut dy);
        y[0]
    };
    let gaps = gaps::find(&eval, &xs, &ys);
    let mut f = gapped(&xs, &ys);
    let df = gapped(&xs, &dys);
    // A gap between two samples (a pole) breaks the line there too.
    for gap in &gaps {
        let at = gap.from.x;
        let k = f.partition_point(|&(x, _)| x < at);
        if f.get(k).is_none_or(|&(x, _)| x != at) {
            f.insert(k, (at, f64::NAN));
        }
    }
    let mut y = if spec.derivative {
        fit_y(&[&f, &df])
    } else {
        fit_y(&[&f])
    };
    let compare = spec.compare.map(|(a, p)| {
        let (points, _) = sample(level, a, p, spec.window, samples);
        let (lo, hi) = fit_y(&[&points]);
        y = (y.0.min(lo), y.1.max(hi));
        (a, points)
    });
    let bands = if spec.saturation {
        bands::bands(spec, &df, &underflowed, &gaps)
    } else {
        Vec::new()
    };
    let (lo, hi) = spec.window;
    let kinks: Vec<f64> = spec
        .shape
        .kinks()
        .into_iter()
        .filter(|&x| lo <= x && x <= hi)
        .collect();
    let mut ys = vec![0.0; kinks.len()];
    let mut dys = vec![0.0; kinks.len()];
    spec.shape.eval_slice(level, &kinks, &mut ys, &mut dys);
    Curve {
        title: spec.shape.title(),
        window: spec.window,
        y,
        f,
        df: spec.derivative.then(|| dotted(&df)),
        compare,
        bands,
        points,
        chosen,
        kinks: kinks.into_iter().zip(dys).collect(),
        gaps,
    }
}

/// Every `DOT_SPACING`-th point: a dotted curve.
#[must_use]
pub fn dotted(points: &[(f64, f64)]) -> Points {
    points.iter().step_by(DOT_SPACING).copied().collect()
}

/// One curve of the softmax sweep.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepCurve {
    /// The element whose probability it is; `None` for the rest together.
    pub element: Option<usize>,
    /// `(x, p)` as the selected logit takes the value x.
    pub points: Points,
    /// Where the probability is now: `(x_selected, p)`.
    pub now: (f64, f64),
}

/// The probabilities as the selected logit sweeps the x window: its own curve (solid, first),
/// the largest few others (dotted), and, when there are more, the rest as one curve.
#[derive(Clone, Debug, PartialEq)]
pub struct Sweep {
    /// The swept element.
    pub selected: usize,
    /// The x window.
    pub window: (f64, f64),
    /// The selected element's curve first, then the others shown, then the rest.
    pub curves: Vec<SweepCurve>,
    /// How many elements the rest curve adds up (0 when every element has its own curve).
    pub rest: usize,
}

/// `n` evenly spaced x values across `window`, ends included (at least 2).
#[must_use]
pub fn grid(window: (f64, f64), n: usize) -> Vec<f64> {
    let n = n.max(2);
    (0..n)
        .map(|i| lerp(window, i as f64 / (n - 1) as f64))
        .collect()
}

/// The point a fraction `t` (0 to 1) across `window`, even when the window is wider than the
/// largest f64 (`[-1e308, 1e308]`).
#[must_use]
pub fn lerp(window: (f64, f64), t: f64) -> f64 {
    let (lo, hi) = window;
    let span = hi - lo;
    if span.is_finite() {
        lo + span * t
    } else {
        lo * (1.0 - t) + hi * t
    }
}

/// Where `x` stands across `window`, as a fraction (0 at the left end, 1 at the right), even
/// when the window is wider than the largest f64.
#[must_use]
pub fn unlerp(window: (f64, f64), x: f64) -> f64 {
    let (lo, hi) = window;
    let span = hi - lo;
    if span.is_finite() {
        (x - lo) / span
    } else {
        (x / 2.0 - lo / 2.0) / (hi / 2.0 - lo / 2.0)
    }
}

/// `f` and `f'` sampled at `n` points across `window`.
#[must_use]
pub fn sample(
    level: Level,
    activation: Activation,
    param: f64,
    window: (f64, f64),
    n: usize,
) -> (Points, Points) {
    sample_shape(level, &Shape::Activation(activation, param), window, n)
}

/// `f` and `f'` of `shape` at `n` points across `window`. Where a value is not finite the point
/// stays, with a NaN `y`: the chart leaves a gap there rather than joining across it.
#[must_use]
pub fn sample_shape(level: Level, shape: &Shape, window: (f64, f64), n: usize) -> (Points, Points) {
    let (xs, ys, dys) = sample_raw(level, shape, window, n);
    (gapped(&xs, &ys), gapped(&xs, &dys))
}

/// The grid of `n` points across `window`, with `f` and `f'` there as they come.
fn sample_raw(
    level: Level,
    shape: &Shape,
    window: (f64, f64),
    n: usize,
) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let xs = grid(window, n);
    let mut ys = vec![0.0; xs.len()];
    let mut dys = vec![0.0; xs.len()];
    shape.eval_slice(level, &xs, &mut ys, &mut dys);
    (xs, ys, dys)
}

/// `(x, y)` pairs with every non-finite `y` made NaN (a gap).
fn gapped(xs: &[f64], ys: &[f64]) -> Points {
    xs.iter()
        .zip(ys)
        .map(|(&x, &y)| (x, if y.is_finite() { y } else { f64::NAN }))
        .collect()
}

/// The probabilities of `values[selected]` and of each of `shown` (other indices) as the
/// selected logit takes `n` values across `window`, with every other element summed into one
/// rest curve.
///
/// One pass over the vector, then a few operations per sample: the rest is folded into one
/// logit `m + T ln Σ exp((x_j - m)/T)` (`m` its largest), so a softmax over the selected value,
/// the shown logits and that one gives each curve; at `T = 0` the one-hot limit splits ties
/// evenly, counting each tied element of the rest.
#[must_use]
pub fn softmax_sweep(
    level: Level,
    values: &[f64],
    selected: usize,
    temperature: Temperature,
    window: (f64, f64),
    n: usize,
    shown: &[usize],
) -> Sweep {
    let shown: Vec<usize> = shown
        .iter()
        .copied()
        .filter(|&j| j != selected && j < values.len())
        .collect();
    let mut in_rest = vec![true; values.len()];
    in_rest[selected] = false;
    for &j in &shown {
        in_rest[j] = false;
    }
    let rest: Vec<f64> = values
        .iter()
        .zip(&in_rest)
        .filter(|&(_, &r)| r)
        .map(|(&v, _)| v)
        .collect();
    let fold = RestLogit::new(level, &rest, temperature);
    let probabilities = |x: f64| -> Vec<f64> {
        let mut logits = Vec::with_capacity(shown.len() + 2);
        logits.push(x);
        logits.extend(shown.iter().map(|&j| values[j]));
        fold.probabilities(level, &logits, temperature)
    };
    let curves_count = shown.len() + 1 + usize::from(!rest.is_empty());
    let mut points = vec![Vec::with_capacity(n); curves_count];
    for x in grid(window, n) {
        for (curve, p) in points.iter_mut().zip(probabilities(x)) {
            curve.push((x, p));
        }
    }
    let x_now = values[selected];
    let now = probabilities(x_now);
    let elements = std::iter::once(Some(selected))
        .chain(shown.iter().map(|&j| Some(j)))
        .chain((!rest.is_empty()).then_some(None));
    let curves = elements
        .zip(points)
        .zip(now)
        .enumerate()
        .map(|(k, ((element, points), p))| {
            let points = finite(points);
            SweepCurve {
                element,
                points: if k == 0 { points } else { dotted(&points) },
                now: (x_now, if p.is_finite() { p } else { 0.0 }),
            }
        })
        .collect();
    Sweep {
        selected,
        window,
        curves,
        rest: rest.len(),
    }
}

/// The elements of the sweep that have no curve of their own, folded into what a softmax over
/// the others needs.
enum RestLogit {
    /// None.
    Empty,
    /// `T > 0`: one logit standing for them all.
    Tempered(f64),
    /// `T = 0`: their largest value and how many share it.
    Argmax(f64, usize),
}

impl RestLogit {
    fn new(level: Level, rest: &[f64], t: Temperature) -> RestLogit {
        let Some(m) = rest.iter().copied().reduce(f64::max) else {
            return RestLogit::Empty;
        };
        if t.is_argmax() {
            return RestLogit::Argmax(m, rest.iter().filter(|&&v| v == m).count());
        }
        let shifted: Vec<f64> = rest.iter().map(|&v| v - m).collect();
        RestLogit::Tempered(m + t.get() * kernel::logsumexp(level, &shifted, t))
    }

    /// The softmax of `logits` with the rest as one more entry (last, when there is a rest).
    fn probabilities(&self, level: Level, logits: &[f64], t: Temperature) -> Vec<f64> {
        match *self {
            RestLogit::Empty => softmax_of(level, logits, t),
            RestLogit::Tempered(r) => {
                let mut all = logits.to_vec();
                all.push(r);
                softmax_of(level, &all, t)
            }
            RestLogit::Argmax(m, count) => {
                let top = logits.iter().copied().fold(m, f64::max);
                let ties = |v: f64| usize::from(v == top);
                let rest_ties = if m == top { count } else { 0 };
                let total = (logits.iter().map(|&v| ties(v)).sum::<usize>() + rest_ties) as f64;
                logits
                    .iter()
                    .map(|&v| ties(v) as f64 / total)
                    .chain(std::iter::once(rest_ties as f64 / total))
                    .collect()
            }
        }
    }
}

fn softmax_of(level: Level, logits: &[f64], t: Temperature) -> Vec<f64> {
    let mut p = vec![0.0; logits.len()];
    kernel::softmax(level, logits, t, &mut p);
    p
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
            if t.abs() < (hi / 2.0 - lo / 2.0).abs() * 2e-12 {
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
        let (f, df) = sample(Level::best(), Activation::Sigmoid, 0.0, (-5.0, 5.0), 200);
        let (lo, hi) = fit_y(&[&f, &df]);
        assert!(
            (lo + 0.1).abs() < 1e-12 && (hi - 1.1).abs() < 1e-12,
            "{lo} {hi}"
        );
    }

    #[test]
    fn flat_and_empty_curves_still_get_a_window() {
        let (f, df) = sample(Level::best(), Activation::Step, 0.0, (1.0, 2.0), 10);
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
        let sweep = softmax_sweep(
            Level::best(),
            &[1.2, 0.9, 0.4],
            0,
            Temperature::ONE,
            (-5.0, 5.0),
            11,
            &[1, 2],
        );
        let curves = &sweep.curves;
        assert_eq!(curves.len(), 3);
        assert_eq!(sweep.rest, 0);
        let first = &curves[0].points;
        assert!(first.first().unwrap().1 < 0.01 && first.last().unwrap().1 > 0.95);
        // The others are dotted: every third sample, at the same x as the selected curve's.
        for (k, &(x, p0)) in first.iter().step_by(3).enumerate() {
            let others: f64 = curves[1..].iter().map(|c| c.points[k].1).sum();
            assert_eq!(curves[1].points[k].0, x);
            assert!((p0 + others - 1.0).abs() < 1e-12);
        }
        let mut p = [0.0; 3];
        kernel::softmax(Level::best(), &[1.2, 0.9, 0.4], Temperature::ONE, &mut p);
        assert_eq!(curves[0].now, (1.2, p[0]));
    }

    /// With a rest curve, every sample still sums to 1, the curves agree with a full softmax,
    /// and at T = 0 tied elements of the rest take their share.
    #[test]
    fn the_rest_is_one_curve_that_completes_the_distribution() {
        let values: Vec<f64> = (0..1000).map(|i| f64::from(i % 97) * 0.05).collect();
        let t = Temperature::new(0.7).unwrap();
        let sweep = softmax_sweep(Level::best(), &values, 3, t, (-5.0, 5.0), 7, &[96, 193]);
        assert_eq!(sweep.curves.len(), 4);
        assert_eq!(sweep.rest, 997);
        assert_eq!(sweep.curves[3].element, None);
        let mut logits = values.clone();
        let mut p = vec![0.0; values.len()];
        for (k, &(x, p3)) in sweep.curves[0].points.iter().enumerate().step_by(3) {
            logits[3] = x;
            kernel::softmax(Level::best(), &logits, t, &mut p);
            assert!((p3 - p[3]).abs() <= 1e-14, "{p3} {}", p[3]);
            let q = k / 3;
            assert!((sweep.curves[1].points[q].1 - p[96]).abs() <= 1e-14);
            let rest: f64 = (0..values.len())
                .filter(|&j| ![3, 96, 193].contains(&j))
                .map(|j| p[j])
                .sum();
            assert!((sweep.curves[3].points[q].1 - rest).abs() <= 1e-12);
        }
        let argmax = softmax_sweep(
            Level::best(),
            &[2.0, 2.0, 2.0, 2.0, 1.0],
            0,
            Temperature::new(0.0).unwrap(),
            (1.0, 3.0),
            3,
            &[1],
        );
        // Now the selected logit ties with three others: a quarter each, the rest two of them.
        let at = |k: usize| argmax.curves[k].now.1;
        assert_eq!((at(0), at(1), at(2)), (0.25, 0.25, 0.5));
    }

    #[test]
    fn windows_wider_than_the_largest_f64_are_sampled_in_order() {
        let xs = grid((-1e308, 1e308), 5);
        assert_eq!(xs, [-1e308, -5e307, 0.0, 5e307, 1e308]);
        assert_eq!(unlerp((-1e308, 1e308), 5e307), 0.75);
        assert_eq!(lerp((-5.0, 5.0), 0.5), 0.0);
    }

    #[test]
    fn ticks_include_zero_exactly() {
        assert_eq!(ticks(-5.0, 5.0, 5), [-5.0, -2.5, 0.0, 2.5, 5.0]);
        assert!((ticks(-0.1, 1.1, 3)[1] - 0.5).abs() < 1e-12);
    }
}
