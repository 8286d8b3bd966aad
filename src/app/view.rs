//! How the state is looked at.
//!
//! The chart's x window and marker, what else is drawn (f', a pinned comparison, the Jacobian), the
//! depth N of the vanishing-gradient readout, the target class and the precision the panel
//! evaluates in.

use crate::kernel::Activation;
use crate::kernel::precision::Precision;
use crate::theme::MarkerKind;

/// The x window the explorer opens with.
pub const DEFAULT_WINDOW: (f64, f64) = (-5.0, 5.0);
/// The narrowest and widest half-width the x window may zoom to.
const HALF_WIDTH_RANGE: (f64, f64) = (0.01, 1000.0);
/// The network depth the vanishing-gradient readout starts with.
pub const DEFAULT_DEPTH: u32 = 10;
/// The fewest and most layers of the readout.
const DEPTH_RANGE: (u32, u32) = (1, 100);

/// What the Softmax tab's panel shows beside each logit (`v` cycles them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Panel {
    /// The probability, its percentage, log-probability and the naive form's result.
    #[default]
    Softmax,
    /// The sampler: the plain softmax, what each filter kept, and the final distribution.
    Sampler,
    /// Sparsemax and 1.5-entmax beside the softmax.
    Sparse,
}

impl Panel {
    /// Every panel, in the order `v` cycles them.
    pub const ALL: [Panel; 3] = [Panel::Softmax, Panel::Sampler, Panel::Sparse];

    /// Its name on the command line (`--panel`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Panel::Softmax => "softmax",
            Panel::Sampler => "sampler",
            Panel::Sparse => "sparse",
        }
    }

    /// The panel called `name`, or `None`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Panel> {
        Panel::ALL.into_iter().find(|panel| panel.name() == name)
    }
}

/// The order the panel lists the elements in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    /// As the vector holds them.
    Input,
    /// The most probable first (equal logits in input order).
    Probability,
}

impl Sort {
    /// Its name on the command line (`--sort`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Sort::Input => "input",
            Sort::Probability => "probability",
        }
    }

    /// The order called `name`, or `None`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Sort> {
        [Sort::Input, Sort::Probability]
            .into_iter()
            .find(|sort| sort.name() == name)
    }

    /// The order a vector of `n` elements is listed in unless asked otherwise: as typed up to
    /// [`super::MAX_TYPED`] elements, the most probable first beyond.
    #[must_use]
    pub fn automatic(n: usize) -> Sort {
        if n > super::MAX_TYPED {
            Sort::Probability
        } else {
            Sort::Input
        }
    }
}

/// The view.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    /// The chart's x window.
    pub window: (f64, f64),
    /// Whether f'(x) is drawn.
    pub show_derivative: bool,
    /// The chart marker.
    pub marker: MarkerKind,
    /// The markers the terminal can show, in the order `m` cycles them.
    pub markers: &'static [MarkerKind],
    /// The network depth N.
    pub depth: u32,
    /// The activation pinned to draw beside the current one.
    pub compare: Option<Activation>,
    /// The target class of the cross-entropy readout.
    pub target: Option<usize>,
    /// The Softmax tab shows the Jacobian in place of the chart.
    pub jacobian: bool,
    /// The precision the panel evaluates in.
    pub precision: Precision,
    /// What the Softmax tab's panel shows.
    pub panel: Panel,
    /// The panel's order, when asked for (else [`Sort::automatic`]).
    pub sort: Option<Sort>,
}

impl Default for View {
    fn default() -> View {
        View {
            window: DEFAULT_WINDOW,
            show_derivative: true,
            marker: MarkerKind::Braille,
            markers: &[
                MarkerKind::Braille,
                MarkerKind::HalfBlock,
                MarkerKind::Ascii,
            ],
            depth: DEFAULT_DEPTH,
            compare: None,
            target: None,
            jacobian: false,
            precision: Precision::F64,
            panel: Panel::Softmax,
            sort: None,
        }
    }
}

impl View {
    /// Zooms by `factor` (0.5 in, 2 out) around `centre`.
    pub fn zoom(&mut self, factor: f64, centre: f64) {
        let (lo, hi) = self.window;
        let half = ((hi - lo) / 2.0 * factor).clamp(HALF_WIDTH_RANGE.0, HALF_WIDTH_RANGE.1);
        self.window = window_around(centre, half);
    }

    /// Pans the window so `x` is in view.
    pub fn follow(&mut self, x: f64) {
        let (lo, hi) = self.window;
        if x < lo || x > hi {
            self.window = window_around(x, (hi - lo) / 2.0);
        }
    }

    /// One layer more (`up`) or fewer, within 1 to 100.
    pub fn step_depth(&mut self, up: bool) {
        self.depth = if up {
            (self.depth + 1).min(DEPTH_RANGE.1)
        } else {
            self.depth.saturating_sub(1).max(DEPTH_RANGE.0)
        };
    }

    /// None, then each activation in turn (never `current`), then None again.
    pub fn cycle_compare(&mut self, current: Option<Activation>) {
        let start = self
            .compare
            .and_then(|c| Activation::ALL.iter().position(|&a| a == c))
            .map_or(0, |i| i + 1);
        self.compare = Activation::ALL[start.min(Activation::ALL.len())..]
            .iter()
            .copied()
            .find(|&a| Some(a) != current);
    }

    /// None, then each element in turn, then None again.
    pub fn cycle_target(&mut self, elements: usize) {
        self.target = match self.target {
            None => Some(0),
            Some(t) if t + 1 < elements => Some(t + 1),
            Some(_) => None,
        };
    }

    /// Drops the target if the vector no longer has it.
    pub fn keep_target_within(&mut self, elements: usize) {
        self.target = self.target.filter(|&t| t < elements);
    }
}

/// An x window of half-width `half` around `centre` whose ends are finite and distinct even for
/// centres near ±1.8e308 (where `x ± 5 == x`): the centre is held within ±1e300 and the width
/// kept above a millionth of it.
fn window_around(centre: f64, half: f64) -> (f64, f64) {
    let centre = centre.clamp(-1e300, 1e300);
    let half = half.max(centre.abs() * 1e-6);
    (centre - half, centre + half)
}
