//! How the state is looked at.
//!
//! The chart's x window and marker, what else is drawn (f', a pinned comparison, the Jacobian), the
//! depth N of the vanishing-gradient readout, the target class and the precision the panel
//! evaluates in.

use super::{Tab, info};
use crate::action::Action;
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
/// centres near ±1.8e308 (where `x ± 5 == x`): the width is kept above a millionth of the centre,
/// and an end that would pass the largest f64 is held at it.
fn window_around(centre: f64, half: f64) -> (f64, f64) {
    let half = half.max(centre.abs() * 1e-6);
    // Near ±1.8e308, `centre ± half` could pass the largest f64: the end that would is held
    // at it, and the other moves out so the window keeps its width.
    let (lo, hi) = (centre - half, centre + half);
    if hi > f64::MAX {
        (f64::MAX - 2.0 * half, f64::MAX)
    } else if lo < -f64::MAX {
        (-f64::MAX, -f64::MAX + 2.0 * half)
    } else {
        (lo, hi)
    }
}

impl super::App {
    /// Applies an action that changes only how things are looked at.
    pub(super) fn update_view(&mut self, action: &Action) {
        match action {
            Action::ZoomIn => self.view.zoom(0.5, self.vector.selected_value()),
            Action::ZoomOut => self.view.zoom(2.0, self.vector.selected_value()),
            Action::ResetView => self.view.window = DEFAULT_WINDOW,
            Action::ToggleDerivative => self.view.show_derivative = !self.view.show_derivative,
            Action::CycleMarker => {
                let markers = self.view.markers;
                if markers.len() <= 1 {
                    self.status = Some(info(format!(
                        "marker: {} (braille and half blocks need a UTF-8 terminal)",
                        self.view.marker.name()
                    )));
                } else {
                    let at = markers
                        .iter()
                        .position(|&m| m == self.view.marker)
                        .map_or(0, |i| (i + 1) % markers.len());
                    self.view.marker = markers[at];
                    self.status = Some(info(format!("marker: {}", self.view.marker.name())));
                }
            }
            Action::DepthUp => self.view.step_depth(true),
            Action::DepthDown => self.view.step_depth(false),
            Action::CycleCompare => {
                self.view.cycle_compare(self.activation());
                self.status = Some(info(match self.view.compare {
                    Some(a) => format!("pinned {} for comparison (c next, C clears)", a.title()),
                    None => "comparison cleared".to_string(),
                }));
            }
            Action::ClearCompare => {
                self.view.compare = None;
                self.status = Some(info("comparison cleared".to_string()));
            }
            Action::CyclePrecision if self.tab() == Tab::Formula => {
                self.status = Some(info(
                    "the NumPy and PyTorch models cover the built-in activations, not a formula"
                        .to_string(),
                ));
            }
            Action::CyclePrecision => {
                let precision = self.view.precision.next();
                self.view.precision = precision;
                // The models' columns are the plain softmax: the sampler stays f64's.
                let sampler = self.tab() == Tab::Softmax
                    && precision != Precision::F64
                    && (self.view.panel != Panel::Softmax || self.params.filtering());
                self.status = Some(info(format!(
                    "evaluating in {}: e^x overflows past x = {:.2}{}",
                    precision.name(),
                    precision.exp_limit(),
                    if sampler {
                        "; the columns are the plain softmax at T, the sampler is f64's only"
                    } else {
                        ""
                    }
                )));
            }
            Action::CycleTarget => {
                self.view.cycle_target(self.vector.len());
                self.status = Some(info(match self.view.target {
                    Some(t) => {
                        format!("target class x{t}: cross-entropy -log p{t}, gradient p - y")
                    }
                    None => "no target class".to_string(),
                }));
            }
            Action::ToggleJacobian => {
                self.view.jacobian = !self.view.jacobian;
                if self.view.jacobian && !self.on_softmax() {
                    self.status = Some(info("the Jacobian shows on the Softmax tab".to_string()));
                }
            }
            _ => {}
        }
    }
}
