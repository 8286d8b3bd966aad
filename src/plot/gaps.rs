//! Where a curve is not finite, found from its samples and refined to adjacent f64s.
//!
//! A run of samples that are not finite is refined at each end by bisection on the function
//! itself, down to the last finite f64 and the first that is not; it is undefined where a value
//! is NaN, an overflow where every value is ±inf. Between two finite samples of opposite sign a
//! pole is looked for: bisection on the sign, and `|f|` must grow like an inverse power of the
//! distance (a thousandfold over the last thirty halvings) or turn infinite there. The texts
//! name each end by the shorter of its two f64s: the last finite one, open, or the first that is
//! not, closed (`sqrt(x)`: `x in [-5, 0)`).

use crate::format::full_precision;

/// What a gap is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GapKind {
    /// `f` is NaN somewhere in it.
    Undefined,
    /// `f` is ±inf throughout: too large for an f64 (the sign of the first sample kept).
    Overflow(Sign),
    /// `|f|` grows without bound toward one point (a sign change or a narrow infinity).
    Pole,
}

/// Which infinity an overflow reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sign {
    /// `+inf` throughout.
    Plus,
    /// `-inf` throughout.
    Minus,
    /// Both.
    Both,
}

/// One end of a gap: an f64, and whether it belongs to the gap.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct End {
    /// Where.
    pub x: f64,
    /// Whether `x` itself is in the gap (`]`), or only the f64s beyond it (`)`).
    pub closed: bool,
}

/// An x range (or point) where the curve is not finite.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Gap {
    /// Undefined, overflow or pole.
    pub kind: GapKind,
    /// Left end.
    pub from: End,
    /// Right end (`from` itself for a point).
    pub to: End,
}

impl Gap {
    /// Whether the gap is one x.
    #[must_use]
    pub fn is_point(&self) -> bool {
        self.from == self.to
    }

    /// `x = 1`, or `x in [-5, 0)`.
    #[must_use]
    pub fn range_text(&self) -> String {
        if self.is_point() {
            return format!("x = {}", text(self.from.x));
        }
        let open = if self.from.closed { '[' } else { '(' };
        let close = if self.to.closed { ']' } else { ')' };
        format!(
            "x in {open}{}, {}{close}",
            text(self.from.x),
            text(self.to.x)
        )
    }
}

/// The shortest round-trip text, `-0` as `0`.
fn text(x: f64) -> String {
    full_precision(if x == 0.0 { 0.0 } else { x })
}

/// Where `f` is not finite, in words, kind by kind in the order first met: `undefined for x in
/// [-5, 0)`, `overflows to inf for x in [0.709782712893384, 5]`, `pole at x = 1`.
#[must_use]
pub fn gaps_text(gaps: &[Gap]) -> Option<String> {
    let mut kinds: Vec<GapKind> = Vec::new();
    for gap in gaps {
        if !kinds.contains(&gap.kind) {
            kinds.push(gap.kind);
        }
    }
    let phrases: Vec<String> = kinds
        .into_iter()
        .map(|kind| {
            let of: Vec<&Gap> = gaps.iter().filter(|g| g.kind == kind).collect();
            let ranges: Vec<String> = of.iter().map(|g| g.range_text()).collect();
            let one_point = of.len() == 1 && of[0].is_point();
            let head = match kind {
                GapKind::Undefined if one_point => "undefined at".to_string(),
                GapKind::Undefined => "undefined for".to_string(),
                GapKind::Overflow(sign) => {
                    let to = match sign {
                        Sign::Plus => "inf",
                        Sign::Minus => "-inf",
                        Sign::Both => "±inf",
                    };
                    format!("overflows to {to} {}", if one_point { "at" } else { "for" })
                }
                GapKind::Pole if of.len() == 1 => "pole at".to_string(),
                GapKind::Pole => "poles at".to_string(),
            };
            format!("{head} {}", ranges.join(", "))
        })
        .collect();
    (!phrases.is_empty()).then(|| phrases.join("; "))
}

/// Most bisection steps: enough to go from any f64 to its neighbour through the subnormals.
const MOST_STEPS: usize = 2200;
/// Over this many last halvings of the bracket, a pole's `|f|` grows at least ...
const GROWTH_STEPS: usize = 30;
/// ... this many times (a simple pole grows 2^30 times; a jump or a zero does not grow).
const GROWTH: f64 = 1024.0;

/// The gaps of `f` (evaluated by `eval`) sampled as `ys` at the increasing `xs`.
#[must_use]
pub fn find(eval: &dyn Fn(f64) -> f64, xs: &[f64], ys: &[f64]) -> Vec<Gap> {
    let mut gaps = Vec::new();
    let mut k = 0;
    while k < xs.len() {
        if ys[k].is_finite() {
            if let Some(&next) = ys.get(k + 1)
                && next.is_finite()
                && ys[k] * next < 0.0
                && let Some(gap) = between(eval, (xs[k], ys[k]), (xs[k + 1], next))
            {
                gaps.push(gap);
            }
            k += 1;
            continue;
        }
        let first = k;
        while k < xs.len() && !ys[k].is_finite() {
            k += 1;
        }
        let run = &ys[first..k];
        let left = (first > 0).then(|| boundary(eval, xs[first - 1], xs[first]));
        let right = (k < xs.len()).then(|| boundary(eval, xs[k], xs[k - 1]));
        gaps.push(run_gap(eval, run, left, right, (xs[first], xs[k - 1])));
    }
    gaps
}

/// The last finite f64 and the first that is not, going from `finite` toward `not`
/// (`eval(finite)` is finite, `eval(not)` is not).
fn boundary(eval: &dyn Fn(f64) -> f64, mut finite: f64, mut not: f64) -> (f64, f64) {
    for _ in 0..MOST_STEPS {
        let mid = midpoint(finite, not);
        if mid == finite || mid == not {
            break;
        }
        if eval(mid).is_finite() {
            finite = mid;
        } else {
            not = mid;
        }
    }
    (finite, not)
}

fn midpoint(a: f64, b: f64) -> f64 {
    let mid = a + (b - a) / 2.0;
    if mid.is_finite() {
        mid
    } else {
        a / 2.0 + b / 2.0
    }
}

/// The end named by the shorter text: the last finite f64, open, or the first that is not,
/// closed (the closed one on a tie).
fn end((finite, not): (f64, f64)) -> End {
    if text(finite).len() < text(not).len() {
        End {
            x: finite,
            closed: false,
        }
    } else {
        End {
            x: not,
            closed: true,
        }
    }
}

/// A run of samples that are not finite (`run`), with its refined ends where a finite sample
/// bounds it (`(finite, not)` each), and the first and last sample x.
fn run_gap(
    eval: &dyn Fn(f64) -> f64,
    run: &[f64],
    left: Option<(f64, f64)>,
    right: Option<(f64, f64)>,
    samples: (f64, f64),
) -> Gap {
    let from = left.map_or(
        End {
            x: samples.0,
            closed: true,
        },
        end,
    );
    let to = right.map_or(
        End {
            x: samples.1,
            closed: true,
        },
        end,
    );
    let mut values: Vec<f64> = run.to_vec();
    values.extend(left.map(|(_, not)| eval(not)));
    values.extend(right.map(|(_, not)| eval(not)));
    let kind = kind_of(&values);
    // Infinite over no more than a hair between finite values on both sides: a pole.
    if let (GapKind::Overflow(_), Some((_, l)), Some((_, r))) = (kind, left, right)
        && r - l <= 1e-9 * l.abs().max(r.abs()).max(1.0)
    {
        let at = simplest(l, r);
        let point = End {
            x: at,
            closed: true,
        };
        return Gap {
            kind: GapKind::Pole,
            from: point,
            to: point,
        };
    }
    Gap { kind, from, to }
}

/// Undefined if any value is NaN, else an overflow to the infinities met.
fn kind_of(values: &[f64]) -> GapKind {
    if values.iter().any(|v| v.is_nan()) {
        return GapKind::Undefined;
    }
    let plus = values.contains(&f64::INFINITY);
    let minus = values.contains(&f64::NEG_INFINITY);
    GapKind::Overflow(match (plus, minus) {
        (true, false) => Sign::Plus,
        (false, true) => Sign::Minus,
        _ => Sign::Both,
    })
}

/// Between two finite samples of opposite sign: a pole, or a stretch that is not finite found
/// on the way, if either is there.
fn between(eval: &dyn Fn(f64) -> f64, a: (f64, f64), b: (f64, f64)) -> Option<Gap> {
    let (mut lo, mut hi) = (a, b);
    // min(|f(lo)|, |f(hi)|) after each halving.
    let mut smaller = vec![a.1.abs().min(b.1.abs())];
    for _ in 0..MOST_STEPS {
        let x = midpoint(lo.0, hi.0);
        if x == lo.0 || x == hi.0 {
            break;
        }
        let y = eval(x);
        if !y.is_finite() {
            let left = boundary(eval, lo.0, x);
            let right = boundary(eval, hi.0, x);
            let run = [y];
            return Some(run_gap(eval, &run, Some(left), Some(right), (x, x)));
        }
        if y == 0.0 {
            return None;
        }
        if (y < 0.0) == (lo.1 < 0.0) {
            lo = (x, y);
        } else {
            hi = (x, y);
        }
        smaller.push(lo.1.abs().min(hi.1.abs()));
    }
    let last = *smaller.last()?;
    let earlier = smaller[smaller.len().saturating_sub(GROWTH_STEPS + 1)];
    let grew = last >= GROWTH * earlier && last > a.1.abs().max(b.1.abs());
    grew.then(|| {
        let point = End {
            x: simplest(lo.0, hi.0),
            closed: true,
        };
        Gap {
            kind: GapKind::Pole,
            from: point,
            to: point,
        }
    })
}

/// The f64 in `[lo, hi]` with the shortest text: 0 if it is in, else the midpoint rounded to
/// the fewest significant digits that stay inside.
fn simplest(lo: f64, hi: f64) -> f64 {
    let (lo, hi) = (lo.min(hi), lo.max(hi));
    if lo <= 0.0 && 0.0 <= hi {
        return 0.0;
    }
    let mid = midpoint(lo, hi);
    for digits in 0..17 {
        if let Ok(v) = format!("{mid:.digits$e}").parse::<f64>()
            && lo <= v
            && v <= hi
        {
            return v;
        }
    }
    mid
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaps_of(f: fn(f64) -> f64, window: (f64, f64), n: usize) -> Vec<Gap> {
        let xs = super::super::grid(window, n);
        let ys: Vec<f64> = xs.iter().map(|&x| f(x)).collect();
        find(&f, &xs, &ys)
    }

    fn said(f: fn(f64) -> f64, n: usize) -> String {
        gaps_text(&gaps_of(f, (-5.0, 5.0), n)).unwrap_or_default()
    }

    #[test]
    fn undefined_ends_are_the_functions_not_the_grids() {
        assert_eq!(said(f64::sqrt, 97), "undefined for x in [-5, 0)");
        assert_eq!(said(|x| (x - 1.0).ln(), 97), "undefined for x in [-5, 1]");
        assert_eq!(
            said(|x| (x * x - 1.0).sqrt(), 97),
            "undefined for x in (-1, 1)"
        );
        // A point the grid hits, and one a stretch of NaN narrower than the grid.
        assert_eq!(said(|x| x / x, 11), "undefined at x = 0");
    }

    #[test]
    fn overflow_is_not_undefined() {
        let gaps = gaps_of(|x| x.exp().powi(1000), (-5.0, 5.0), 97);
        assert_eq!(gaps.len(), 1);
        assert_eq!(gaps[0].kind, GapKind::Overflow(Sign::Plus));
        let from = gaps[0].from.x;
        // e^(1000 x) first overflows within an ulp or so of ln(f64::MAX) / 1000.
        assert!((from - f64::MAX.ln() / 1000.0).abs() < 1e-12, "{from}");
        assert!(
            said(|x| x.exp().powi(1000), 97).starts_with("overflows to inf for x in [0.7097827"),
            "{}",
            said(|x| x.exp().powi(1000), 97)
        );
    }

    #[test]
    fn poles_between_samples_are_found() {
        assert_eq!(said(|x| 1.0 / (x - 1.0), 96), "pole at x = 1");
        assert_eq!(said(|x| 1.0 / (x - 1.0), 97), "pole at x = 1");
        assert_eq!(said(|x| 1.0 / x, 96), "pole at x = 0");
        assert_eq!(said(|x| 1.0 / x, 97), "pole at x = 0");
        // √2 lies between two f64s: the shorter is named.
        assert_eq!(
            said(|x| 1.0 / (x * x - 2.0), 96),
            "poles at x = -1.414213562373095, x = 1.414213562373095"
        );
        // A zero crossing, a steep one and a jump are not poles.
        for f in [
            (|x| x - 0.3) as fn(f64) -> f64,
            |x| (1e12 * (x - 0.3)).tanh(),
            |x| if x > 0.3 { 1.0 } else { -1.0 },
        ] {
            assert_eq!(said(f, 96), "");
        }
    }
}
