//! The panel's columns: which numbers each tab and panel shows beside the elements, and the bars.
//!
//! The columns come in their order of importance (the panel keeps those that fit whole, left to
//! right).

use ratatui::text::{Line, Span};
use ratatui::widgets::Cell;

use crate::analysis::{Analysis, Kind, SamplerNumbers, SoftmaxExtras};
use crate::app::{App, Panel};
use crate::format::{self, Digits};
use crate::kernel::precision::{Evaluation, Flag};
use crate::kernel::{Filter, Step};
use crate::theme::{Role, Theme};

/// Width of a number column: any f64 fits in 7 characters ([`format::cell`]).
pub(super) const NUMBER: u16 = 8;
/// Width of a lower precision's column: a number of up to 7 characters and its flag's mark
/// (` o`), or 9 where no cell of the column is flagged.
const LOW: u16 = NUMBER + 1;

/// One column of numbers: its title, its width and the cell for element `i`.
pub(super) struct Column<'a> {
    /// The title (lines of at most [`NUMBER`] characters: two where a model's name stands over
    /// its forms).
    pub title: String,
    /// The width of its cells.
    pub width: u16,
    /// The cell of element `i`.
    pub cell: Box<dyn Fn(usize) -> Cell<'static> + 'a>,
}

impl<'a> Column<'a> {
    fn new(title: &str, cell: impl Fn(usize) -> Cell<'static> + 'a) -> Column<'a> {
        Column {
            title: title.to_string(),
            width: NUMBER,
            cell: Box::new(cell),
        }
    }

    /// A lower precision's column: [`LOW`] wide.
    fn low(title: &str, cell: impl Fn(usize) -> Cell<'static> + 'a) -> Column<'a> {
        Column {
            width: LOW,
            ..Column::new(title, cell)
        }
    }
}

/// What the bar column shows: one distribution, or a before and after pair.
pub(super) struct Bars<'a> {
    /// Drawn dim on the left of a pair.
    pub before: Option<&'a [f64]>,
    /// Drawn in the bar colour.
    pub after: &'a [f64],
    /// The pair's title: what is before and after.
    pub title: Option<(String, String)>,
    /// The title of a single bar that stands for a pair the width could not title.
    pub single: Option<String>,
}

/// The number columns of the tab and panel, most important first.
pub(super) fn columns<'a>(
    app: &'a App,
    analysis: &'a Analysis,
    theme: &'a Theme,
) -> Vec<Column<'a>> {
    let softmax = &analysis.softmax;
    let cell = |v: f64| format::cell(v, usize::from(NUMBER), 4);
    let checked = move |v: f64| {
        if v.is_finite() {
            number(cell(v))
        } else {
            warn(cell(v), theme)
        }
    };
    let percent = |values: &'a [f64]| move |i: usize| number(format::percent(values[i]));
    // The softmax's own percentages say what f64 cannot (e^-1000 is not 0).
    let others = softmax.probabilities.len() > 1 && !app.params().temperature().is_argmax();
    let softmax_percent = move |i: usize| number(softmax.percent(i, others));
    match &analysis.kind {
        Kind::Function(numbers) => match &numbers.low {
            Some(low) => {
                let [numpy, torch] = [&low.models[0], &low.models[1]];
                let column = |title: &str, pick: fn(&(Evaluation, Evaluation)) -> &Evaluation| {
                    let evaluations = if title.ends_with("NumPy") {
                        &numpy.evaluations
                    } else {
                        &torch.evaluations
                    };
                    // A mark's room in every cell of a column that has one, so its numbers
                    // stay aligned.
                    let marked = evaluations.iter().any(|e| pick(e).flag != Flag::Fine);
                    Column::low(title, move |i| {
                        evaluated(pick(&evaluations[i]), marked, theme)
                    })
                };
                vec![
                    column("f NumPy", |e| &e.0),
                    column("f torch", |e| &e.0),
                    column("f' NumPy", |e| &e.1),
                    column("f' torch", |e| &e.1),
                ]
            }
            None => vec![
                Column::new("f(x)", move |i| checked(numbers.outputs[i])),
                Column::new("f'(x)", move |i| {
                    // At a kink f' does not exist: the value is a convention, marked *.
                    if numbers.on_kink[i] {
                        let text = format::cell(numbers.derivatives[i], usize::from(NUMBER) - 1, 4);
                        number(format!("{text}*"))
                    } else {
                        checked(numbers.derivatives[i])
                    }
                }),
                Column::new("softmax", softmax_percent),
            ],
        },
        Kind::Softmax(SoftmaxExtras { low: Some(low), .. }) => low
            .models
            .iter()
            .flat_map(|(framework, forms, _)| {
                let name = match framework.name() {
                    "PyTorch" => "torch",
                    name => name,
                };
                // The model's name over its two forms: the max-subtracted one, the naive one.
                [
                    Column::low(&format!("{name}\nstable"), move |i| {
                        exact(forms.probabilities[i], theme)
                    }),
                    Column::low("\nnaive", move |i| exact(forms.naive[i], theme)),
                ]
            })
            .collect(),
        Kind::Softmax(extras) => match (app.view().panel, &extras.sampler, &extras.sparse) {
            (Panel::Sampler, Some(sampler), _) => {
                sampler_columns(sampler, softmax, extras.untempered.as_deref())
            }
            (Panel::Sparse, _, Some(sparse)) => vec![
                Column::new("softmax", softmax_percent),
                Column::new("sparse", percent(&sparse.sparsemax)),
                Column::new("entmax", percent(&sparse.entmax)),
            ],
            _ => {
                let last = match &softmax.target {
                    Some(target) => Column::new("p - y", move |i| number(cell(target.gradient[i]))),
                    None => Column::new("naive", move |i| checked(softmax.naive[i])),
                };
                vec![
                    Column::new("percent", softmax_percent),
                    Column::new("log p", move |i| {
                        number(format::cell(
                            softmax.log_probabilities[i],
                            usize::from(NUMBER),
                            3,
                        ))
                    }),
                    last,
                ]
            }
        },
    }
}

/// The sampler panel: the softmax the filters see (at T, or at T = 1 where the order filters
/// the raw logits first), the final distribution, each order that keeps a different set, and
/// the draws beside their expected counts.
fn sampler_columns<'a>(
    sampler: &'a SamplerNumbers,
    softmax: &'a crate::analysis::SoftmaxNumbers,
    untempered: Option<&'a [f64]>,
) -> Vec<Column<'a>> {
    let filters_first = sampler.sampled.order.steps()[0] != Step::Temperature;
    let (title, seen): (&str, &'a [f64]) = match untempered {
        None => ("p", &softmax.probabilities),
        Some(raw) if filters_first => ("p at T=1", raw),
        Some(_) => ("p at T", &softmax.probabilities),
    };
    let mut columns = vec![
        Column::new(title, move |i| number(format::percent(seen[i]))),
        Column::new("final", move |i| {
            number(format::percent(sampler.sampled.probabilities[i]))
        }),
    ];
    // The draws, when asked for, before the other orders' columns.
    if let Some(counts) = &sampler.counts {
        columns.push(Column::new("drawn", move |i| number(counts[i].to_string())));
        columns.push(Column::new("expected", move |i| {
            let expected = sampler.expected(i).unwrap_or(f64::NAN);
            number(format::cell(expected, usize::from(NUMBER), 2))
        }));
    }
    for other in &sampler.disagreeing {
        columns.push(Column::new(other.order.name(), move |i| {
            number(format::percent(other.probabilities[i]))
        }));
    }
    columns
}

/// The bars of the tab and panel, if it has them (a lower precision has none).
pub(super) fn bars<'a>(app: &App, analysis: &'a Analysis) -> Option<Bars<'a>> {
    let softmax = &analysis.softmax;
    match &analysis.kind {
        Kind::Function(numbers) if numbers.low.is_some() => None,
        Kind::Function(_) => Some(Bars {
            before: None,
            after: &softmax.probabilities,
            title: None,
            single: None,
        }),
        Kind::Softmax(SoftmaxExtras { low: Some(_), .. }) => None,
        Kind::Softmax(extras) => {
            let panel = app.view().panel;
            let before = extras.before(softmax, panel);
            let t = format::full_precision(app.params().temperature().get());
            // At T = 1, or at T where the filters see that (as the panel's first column).
            let at_one = match (before, extras.untempered.as_deref()) {
                (Some(before), Some(untempered)) => std::ptr::eq(before, untempered),
                _ => false,
            };
            let title = before.map(|_| match (panel, extras.untempered.is_some()) {
                (Panel::Sparse, _) => ("softmax".to_string(), "sparse".to_string()),
                (Panel::Sampler, _) if at_one => ("T=1".to_string(), "final".to_string()),
                (Panel::Sampler, true) => (format!("T={t}"), "final".to_string()),
                (Panel::Sampler, false) => ("p".to_string(), "final".to_string()),
                _ => ("T=1".to_string(), format!("T={t}")),
            });
            Some(Bars {
                before,
                after: extras.after(softmax, panel),
                title,
                single: None,
            })
        }
    }
}

/// The mark beside an element the sampler removed: the letter of the filter that did (`k`, `p`,
/// `m`), so it reads without colour.
pub(super) fn removed_mark(analysis: &Analysis, app: &App, i: usize) -> Option<char> {
    let Kind::Softmax(extras) = &analysis.kind else {
        return None;
    };
    if app.view().panel != Panel::Sampler || extras.low.is_some() {
        return None;
    }
    let filter = extras.sampler.as_ref()?.sampled.removed_by[i]?;
    Some(match filter {
        Filter::TopK => 'k',
        Filter::TopP => 'p',
        Filter::MinP => 'm',
    })
}

/// The letter a flagged cell carries, so it reads without colour (and in the selected row, which
/// is reversed already): `o` overflow, `h` harmless overflow, `i` input overflows, `u` underflow,
/// `s` saturated, `c` cancelled to 0; none when fine. As the
/// sampler's `k`, `p`, `m` and the kink's `*`.
pub(super) fn flag_mark(flag: Flag) -> Option<char> {
    match flag {
        Flag::Fine => None,
        Flag::Overflow => Some('o'),
        Flag::OverflowInside => Some('h'),
        Flag::InputOverflow => Some('i'),
        Flag::Cancelled => Some('c'),
        Flag::Underflow => Some('u'),
        Flag::Saturated => Some('s'),
    }
}

/// A low-precision value, its digits exact or shown not to be ([`Digits::Exact`]), styled as a
/// warning and marked with its flag's letter when it overflowed, underflowed or saturated; in
/// a column with marks (`marked`), the number leaves a mark's room in every cell.
fn evaluated(evaluation: &Evaluation, marked: bool, theme: &Theme) -> Cell<'static> {
    let room = usize::from(if marked { LOW - 2 } else { LOW });
    let text = format::cell_as(evaluation.value, room, 4, Digits::Exact);
    match flag_mark(evaluation.flag) {
        None if marked => number(format!("{text:>room$}  ")),
        None => number(text),
        Some(mark) => warn(format!("{text:>room$} {mark}"), theme),
    }
}

/// A low-precision value with no flag ([`Digits::Exact`]): a warning when it is not finite.
fn exact(v: f64, theme: &Theme) -> Cell<'static> {
    let text = format::cell_as(v, usize::from(LOW), 4, Digits::Exact);
    if v.is_finite() {
        number(text)
    } else {
        warn(text, theme)
    }
}

/// A right-aligned number cell.
pub(super) fn number(text: String) -> Cell<'static> {
    Cell::from(Line::from(text).right_aligned())
}

/// A right-aligned number that failed (NaN, infinite, flagged): it stands out.
fn warn(text: String, theme: &Theme) -> Cell<'static> {
    Cell::from(Line::from(Span::styled(text, theme.style(Role::Warn))).right_aligned())
}
