//! What a frame shows, computed once from the state by kernel calls.
//!
//! The panel's numbers, the status line's readout, the chart's curves. The ui only draws what is
//! here.

use crate::app::{App, Panel};
use crate::kernel::naive::{NaiveFailure, naive_failure, naive_overflow_above};
use crate::kernel::precision::{
    self, Evaluation, Evaluator, Formula, Framework, JaxAgreement, Precision, SoftmaxForms,
    SoftmaxFormulas,
};
use crate::kernel::{self, Activation, Order, Sampled, Step, Temperature};
use crate::plot::{self, Curve, CurveSpec, Shape, Sweep};
use crate::stable::stable_note;

/// Everything one frame shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    /// The softmax of the vector (every tab's panel shows its probabilities).
    pub softmax: SoftmaxNumbers,
    /// What the current tab adds.
    pub kind: Kind,
    /// The chart.
    pub chart: Chart,
}

/// Softmax of the input vector at the current temperature.
#[derive(Clone, Debug, PartialEq)]
pub struct SoftmaxNumbers {
    /// `softmax(x / T)_i`.
    pub probabilities: Vec<f64>,
    /// `log softmax(x / T)_i`.
    pub log_probabilities: Vec<f64>,
    /// `Σ p_i`, compensated.
    pub sum: f64,
    /// Index of the largest logit (the first one, on ties): the most probable element, even
    /// where rounding ties the probabilities (`T = 1e300`).
    pub argmax: usize,
    /// Entropy of p in nats.
    pub entropy: f64,
    /// The naive `exp(x/T) / Σ exp(x/T)` in f64, NaN where it fails.
    pub naive: Vec<f64>,
    /// Why the naive form fails, if it does: overflow, underflow or division by zero.
    pub naive_failure: Option<NaiveFailure>,
    /// The x past which the naive form's `e^(x/T)` overflows at this temperature (none at T = 0).
    pub naive_overflow_above: Option<f64>,
    /// With a target class: the cross-entropy and its gradient.
    pub target: Option<TargetReadout>,
    /// With two elements: `σ((x0 - x1)/T)`, which equals `p0`.
    pub pair: Option<f64>,
}

impl SoftmaxNumbers {
    /// `p_i` as a percentage that says what f64 cannot ([`crate::format::softmax_percent`]): `<0.01 %`
    /// for a `p` that underflowed to 0, `>99.99 %` for a 1 beside others; `others` when there
    /// are other elements at a temperature above 0.
    #[must_use]
    pub fn percent(&self, i: usize, others: bool) -> String {
        crate::format::softmax_percent(self.probabilities[i], others)
    }

    /// Whether the naive softmax broke (NaN or infinity) anywhere.
    #[must_use]
    pub fn naive_failed(&self) -> bool {
        self.naive_failure.is_some()
    }
}

/// The cross-entropy readout for a target class.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetReadout {
    /// The target class.
    pub class: usize,
    /// `-log p_t`.
    pub cross_entropy: f64,
    /// `p_i - y_i`, the gradient in the tempered logits.
    pub gradient: Vec<f64>,
}

/// What the current tab adds to the softmax numbers.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// An element-wise activation.
    Function(FunctionNumbers),
    /// The Softmax tab.
    Softmax(SoftmaxExtras),
}

/// An activation (or the formula) over the vector.
#[derive(Clone, Debug, PartialEq)]
pub struct FunctionNumbers {
    /// What is evaluated.
    pub shape: Shape,
    /// `f(x_i)`.
    pub outputs: Vec<f64>,
    /// `f'(x_i)`.
    pub derivatives: Vec<f64>,
    /// `|f'(x_i)|^N` for the view's depth N: what a gradient keeps through N such layers.
    pub through_depth: Vec<f64>,
    /// The selected element's `|f'|^N` as a decimal mantissa and exponent (`None` when it is
    /// 0, inf or NaN): its magnitude where f64's product underflows to 0 or overflows.
    pub selected_depth: Option<(f64, i64)>,
    /// `(sup |f'|)^N`: the most any input can keep (unknown for a formula).
    pub depth_bound: Option<f64>,
    /// Where `f'` does not exist (the value there is a convention), in increasing order.
    pub kinks: Vec<f64>,
    /// Which elements sit on a kink.
    pub on_kink: Vec<bool>,
    /// In a precision below f64: f and f' as that format computes them.
    pub low: Option<LowFunction>,
}

/// An activation in a precision below f64, as each framework model computes it.
#[derive(Clone, Debug, PartialEq)]
pub struct LowFunction {
    /// The format.
    pub precision: Precision,
    /// One per framework, NumPy first, then PyTorch.
    pub models: Vec<ModelNumbers>,
    /// On Softplus: the stable form in that format (the NumPy code).
    pub stable_softplus: Option<Vec<f64>>,
}

/// What one framework's model computes for the vector.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelNumbers {
    /// Which framework.
    pub framework: Framework,
    /// The code it runs for f and f'.
    pub formula: Formula,
    /// Whether JAX 0.10 was measured to return the same f and f' in this format.
    pub jax: JaxAgreement,
    /// `(f(x_i), f'(x_i))`, flagged.
    pub evaluations: Vec<(Evaluation, Evaluation)>,
}

/// What the Softmax tab adds.
#[derive(Clone, Debug, PartialEq)]
pub struct SoftmaxExtras {
    /// In a precision below f64 (and T > 0): the naive softmax and its log in that format.
    pub low: Option<LowSoftmax>,
    /// The softmax at `T = 1`, when the temperature is another: what the bars show before.
    pub untempered: Option<Vec<f64>>,
    /// The sampler, on its panel, or while a filter is on or samples are drawn.
    pub sampler: Option<SamplerNumbers>,
    /// Sparsemax and 1.5-entmax, on their panel.
    pub sparse: Option<SparseNumbers>,
}

impl SoftmaxExtras {
    /// The distribution the panel ends with: the sampler's final one on its panel, sparsemax on
    /// the sparse panel, else the softmax at the temperature.
    #[must_use]
    pub fn after<'a>(&'a self, softmax: &'a SoftmaxNumbers, panel: Panel) -> &'a [f64] {
        match (&self.sampler, &self.sparse, panel) {
            (Some(sampler), _, Panel::Sampler) => &sampler.sampled.probabilities,
            (_, Some(sparse), Panel::Sparse) => &sparse.sparsemax,
            _ => &softmax.probabilities,
        }
    }

    /// What the bars show before the temperature and the filters, when either changes
    /// anything: the softmax at `T = 1`, or, with filters, what they see (the softmax at T where
    /// the temperature comes first, as the panel's first column); on the sparse panel, the
    /// softmax beside sparsemax.
    #[must_use]
    pub fn before<'a>(&'a self, softmax: &'a SoftmaxNumbers, panel: Panel) -> Option<&'a [f64]> {
        let filtered = panel == Panel::Sampler
            && self
                .sampler
                .as_ref()
                .is_some_and(|s| !s.sampled.stages.is_empty());
        // With filters, what they see: the softmax at T = 1 where they come first, else at T.
        let filters_first = self
            .sampler
            .as_ref()
            .is_some_and(|s| s.sampled.order.steps()[0] != Step::Temperature);
        match &self.untempered {
            _ if panel == Panel::Sparse && self.sparse.is_some() => Some(&softmax.probabilities),
            Some(_) if filtered && !filters_first => Some(&softmax.probabilities),
            Some(untempered) => Some(untempered),
            _ if filtered => Some(&softmax.probabilities),
            _ => None,
        }
    }
}

/// What the sampler leaves of the vector.
#[derive(Clone, Debug, PartialEq)]
pub struct SamplerNumbers {
    /// In the order chosen.
    pub sampled: Sampled,
    /// Each other order that keeps a different set of elements, with what it leaves.
    pub disagreeing: Vec<Sampled>,
    /// With draws: how many times each element was drawn.
    pub counts: Option<Vec<u64>>,
    /// How many samples were drawn, with draws.
    pub draws: Option<usize>,
}

impl SamplerNumbers {
    /// How many times element `i` is expected among the draws: `N·p_i`.
    #[must_use]
    pub fn expected(&self, i: usize) -> Option<f64> {
        self.draws.map(|n| n as f64 * self.sampled.probabilities[i])
    }
}

/// Sparsemax and 1.5-entmax of `x / T`.
#[derive(Clone, Debug, PartialEq)]
pub struct SparseNumbers {
    /// sparsemax (Martins and Astudillo 2016): exact zeros outside the support.
    pub sparsemax: Vec<f64>,
    /// How many elements sparsemax gives a positive probability.
    pub sparsemax_support: usize,
    /// 1.5-entmax (Peters, Niculae and Martins 2019).
    pub entmax: Vec<f64>,
    /// How many elements 1.5-entmax gives a positive probability.
    pub entmax_support: usize,
}

/// Softmax in a precision below f64, in each framework's model: the stable form and the naive
/// `exp(x_i/T) / Σ exp(x_j/T)`, and their logs.
#[derive(Clone, Debug, PartialEq)]
pub struct LowSoftmax {
    /// The format.
    pub precision: Precision,
    /// One per framework, NumPy first, then PyTorch.
    pub models: Vec<(Framework, SoftmaxForms, SoftmaxFormulas)>,
    /// For each model, why its stable form gives NaN or inf, if it does
    /// ([`crate::stable::stable_note`]).
    pub stable_notes: Vec<Option<String>>,
}

/// What the chart shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Chart {
    /// An activation's curve (and derivative) with the elements on it.
    Curve(Curve),
    /// Every probability as the selected logit sweeps the window.
    Sweep(Sweep),
    /// The softmax Jacobian `∂p_i/∂x_j = p_i(δij - p_j)/T` of the elements the panel lists
    /// first.
    Jacobian(JacobianBlock),
}

/// Up to this many elements, the softmax sweep draws every one.
const SWEEP_ALL: usize = 8;
/// Past that, how many of the most probable others it draws (the rest is one curve).
const SWEEP_OTHERS: usize = 5;

/// A block of the softmax Jacobian: the rows and columns of some elements.
#[derive(Clone, Debug, PartialEq)]
pub struct JacobianBlock {
    /// The elements, in the panel's order.
    pub elements: Vec<usize>,
    /// `∂p_i/∂x_j` for `i`, `j` in `elements`, row-major.
    pub values: Vec<f64>,
}

/// The most rows and columns of the Jacobian computed (the screen shows fewer).
const JACOBIAN_MOST: usize = 32;

impl Analysis {
    /// Everything a frame of `app` shows, with `samples` curve points across the chart.
    #[must_use]
    pub fn new(app: &App, samples: usize) -> Analysis {
        let softmax = softmax_numbers(app);
        let (kind, chart) = if let Some(shape) = app.shape() {
            let numbers = function_numbers(app, shape);
            let chart = Chart::Curve(curve(app, &numbers, samples));
            (Kind::Function(numbers), chart)
        } else {
            let chart = if app.view().jacobian {
                Chart::Jacobian(jacobian(app, &softmax.probabilities))
            } else {
                let vector = app.vector();
                let others = if vector.len() <= SWEEP_ALL {
                    vector.len()
                } else {
                    SWEEP_OTHERS
                };
                let shown: Vec<usize> = vector
                    .ranking()
                    .iter()
                    .copied()
                    .filter(|&j| j != vector.selected())
                    .take(others)
                    .collect();
                Chart::Sweep(plot::softmax_sweep(
                    app.level(),
                    vector.values(),
                    vector.selected(),
                    app.params().temperature(),
                    app.view().window,
                    samples,
                    &shown,
                ))
            };
            (Kind::Softmax(softmax_extras(app)), chart)
        };
        Analysis {
            softmax,
            kind,
            chart,
        }
    }

    /// The sampler's numbers, on the Softmax tab when they were computed.
    #[must_use]
    pub fn sampler(&self) -> Option<&SamplerNumbers> {
        match &self.kind {
            Kind::Softmax(extras) => extras.sampler.as_ref(),
            Kind::Function(_) => None,
        }
    }

    /// The distribution the panel's bars show: the softmax, or on the Softmax tab what its
    /// panel ends with (the sampler's final distribution, sparsemax).
    #[must_use]
    pub fn bar_distribution(&self, app: &App) -> &[f64] {
        match &self.kind {
            Kind::Softmax(extras) => extras.after(&self.softmax, app.view().panel),
            Kind::Function(_) => &self.softmax.probabilities,
        }
    }

    /// The probability the panel's `rows` hold, in the distribution its bars show (a
    /// compensated sum, so a hidden tail of 49,990 rows keeps its digits).
    #[must_use]
    pub fn rows_mass(&self, app: &App, rows: std::ops::Range<usize>) -> f64 {
        let p = self.bar_distribution(app);
        let values: Vec<f64> = rows.map(|row| p[app.element_at_row(row)]).collect();
        kernel::compensated_sum(&values)
    }

    /// The activation's numbers, on an element-wise tab.
    #[must_use]
    pub fn function(&self) -> Option<&FunctionNumbers> {
        match &self.kind {
            Kind::Function(numbers) => Some(numbers),
            Kind::Softmax(_) => None,
        }
    }
}

fn softmax_numbers(app: &App) -> SoftmaxNumbers {
    let values = app.vector().values();
    let t = app.params().temperature();
    let n = values.len();
    let mut probabilities = vec![0.0; n];
    let mut log_probabilities = vec![0.0; n];
    let mut naive = vec![0.0; n];
    kernel::softmax(app.level(), values, t, &mut probabilities);
    kernel::log_softmax(app.level(), values, t, &mut log_probabilities);
    kernel::naive_softmax(values, t, &mut naive);
    let target = app
        .view()
        .target
        .filter(|&class| class < n)
        .map(|class| TargetReadout {
            class,
            cross_entropy: kernel::cross_entropy(&log_probabilities, class),
            gradient: kernel::cross_entropy_gradient(&probabilities, class),
        });
    let pair = match values {
        [x0, x1] if !t.is_argmax() => Some(kernel::two_way_softmax(*x0, *x1, t)),
        _ => None,
    };
    SoftmaxNumbers {
        sum: kernel::compensated_sum(&probabilities),
        argmax: kernel::argmax(values),
        entropy: kernel::entropy(&probabilities, &log_probabilities),
        probabilities,
        log_probabilities,
        naive_failure: naive_failure(values, t),
        naive_overflow_above: naive_overflow_above(t),
        naive,
        target,
        pair,
    }
}

fn function_numbers(app: &App, shape: Shape) -> FunctionNumbers {
    let values = app.vector().values();
    let n = values.len();
    let mut outputs = vec![0.0; n];
    let mut derivatives = vec![0.0; n];
    shape.eval_slice(app.level(), values, &mut outputs, &mut derivatives);
    let depth = app.view().depth;
    let through_depth = derivatives
        .iter()
        .map(|&d| kernel::through_layers(d, depth))
        .collect();
    let selected_depth = derivatives
        .get(app.vector().selected())
        .and_then(|&d| kernel::through_layers_decimal(d, depth));
    let kinks = shape.kinks();
    let on_kink = values.iter().map(|x| kinks.contains(x)).collect();
    let low = match &shape {
        Shape::Activation(activation, param) => low_function(app, *activation, *param),
        Shape::Formula(_) => None,
    };
    FunctionNumbers {
        depth_bound: shape
            .derivative_bound()
            .map(|bound| kernel::through_layers(bound, depth)),
        shape,
        outputs,
        derivatives,
        through_depth,
        selected_depth,
        kinks,
        on_kink,
        low,
    }
}

/// An activation in the view's precision, when it is below f64.
fn low_function(app: &App, activation: Activation, param: f64) -> Option<LowFunction> {
    let precision = app.view().precision;
    let values = app.vector().values();
    (precision != Precision::F64).then(|| LowFunction {
        precision,
        models: Framework::ALL
            .into_iter()
            .map(|framework| ModelNumbers {
                framework,
                formula: precision::formula(framework, precision, activation, param),
                jax: precision::jax_agreement(framework, precision, activation, param),
                evaluations: {
                    let evaluator = Evaluator::new(framework, precision, activation, param);
                    values.iter().map(|&x| evaluator.at(x)).collect()
                },
            })
            .collect(),
        stable_softplus: (activation == Activation::Softplus).then(|| {
            values
                .iter()
                .map(|&x| precision::stable_softplus(precision, x, param))
                .collect()
        }),
    })
}

fn softmax_extras(app: &App) -> SoftmaxExtras {
    let precision = app.view().precision;
    let t = app.params().temperature();
    let values = app.vector().values();
    let level = app.level();
    let low = (precision != Precision::F64 && !t.is_argmax()).then(|| {
        let models: Vec<_> = Framework::ALL
            .into_iter()
            .map(|framework| {
                (
                    framework,
                    precision::softmax_forms(framework, precision, values, t.get()),
                    precision::softmax_formulas(framework),
                )
            })
            .collect();
        let name = |i: usize| app.vector().name(i);
        let stable_notes = models
            .iter()
            .map(|(_, forms, _)| stable_note(values, t.get(), forms, &name))
            .collect();
        LowSoftmax {
            precision,
            models,
            stable_notes,
        }
    });
    let untempered = (t != Temperature::ONE).then(|| {
        let mut p = vec![0.0; values.len()];
        kernel::softmax(level, values, Temperature::ONE, &mut p);
        p
    });
    let panel = app.view().panel;
    let sampler = (panel == Panel::Sampler || app.params().filtering() || app.draws().is_some())
        .then(|| sampler_numbers(app));
    let sparse = (panel == Panel::Sparse).then(|| {
        let n = values.len();
        let (mut sparsemax, mut entmax) = (vec![0.0; n], vec![0.0; n]);
        let sparsemax_support = kernel::sparsemax(values, t, &mut sparsemax);
        let entmax_support = kernel::entmax15(values, t, &mut entmax);
        SparseNumbers {
            sparsemax,
            sparsemax_support,
            entmax,
            entmax_support,
        }
    });
    SoftmaxExtras {
        low,
        untempered,
        sampler,
        sparse,
    }
}

fn sampler_numbers(app: &App) -> SamplerNumbers {
    let values = app.vector().values();
    let level = app.level();
    let settings = app.sampler();
    // The vector keeps its ranking: the chains need not sort 50,000 logits again.
    let ranking = app.vector().ranking();
    let sampled = kernel::sample_distribution_ranked(level, values, ranking, &settings);
    let survivors = sampled.survivors();
    let disagreeing = if app.params().filtering() {
        Order::ALL
            .into_iter()
            .filter(|&order| order != settings.order())
            .map(|order| {
                kernel::sample_distribution_ranked(
                    level,
                    values,
                    ranking,
                    &settings.with_order(order),
                )
            })
            .filter(|other| other.survivors() != survivors)
            .collect()
    } else {
        Vec::new()
    };
    let counts = app
        .draws()
        .map(|draws| kernel::draw(&sampled.probabilities, draws.count, draws.seed));
    SamplerNumbers {
        sampled,
        disagreeing,
        counts,
        draws: app.draws().map(|d| d.count),
    }
}

fn curve(app: &App, numbers: &FunctionNumbers, samples: usize) -> Curve {
    let values = app.vector().values();
    let selected = app.vector().selected();
    let on_curve = |i: usize| (values[i], numbers.outputs[i]);
    let view = app.view();
    plot::curve(
        &CurveSpec {
            shape: numbers.shape.clone(),
            window: view.window,
            derivative: view.show_derivative,
            compare: view.compare.map(|a| (a, app.params().get(a))),
            saturation: true,
        },
        app.level(),
        samples,
        (0..values.len())
            .filter(|&i| i != selected)
            .map(on_curve)
            .collect(),
        Some(on_curve(selected)),
    )
}

/// The Jacobian of the tempered softmax, `p_i(δij - p_j)/T` (0 at the argmax limit), for the
/// first elements the panel lists.
fn jacobian(app: &App, probabilities: &[f64]) -> JacobianBlock {
    let t = app.params().temperature();
    let scale = if t.is_argmax() { 0.0 } else { 1.0 / t.get() };
    let n = probabilities.len().min(JACOBIAN_MOST);
    let elements: Vec<usize> = (0..n).map(|row| app.element_at_row(row)).collect();
    let values = kernel::softmax_jacobian_block(probabilities, &elements)
        .into_iter()
        .map(|v| v * scale)
        .collect();
    JacobianBlock { elements, values }
}
