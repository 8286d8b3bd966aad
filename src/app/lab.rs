//! The probability lab's state changes.
//!
//! The order of the panel's rows and moving through them, the Softmax tab's sampler, draws and
//! panels, and shifting every logit.

use super::{
    App, Control, DEFAULT_DRAWS, Draws, Panel, Refused, Sort, Tab, decimal, error, exact_text, info,
};
use crate::action::{Action, Scroll};
use crate::format::grouped;
use crate::kernel::{self, SamplerSettings};

impl App {
    /// The order the panel lists the elements in.
    #[must_use]
    pub fn sort(&self) -> Sort {
        self.view
            .sort
            .unwrap_or_else(|| Sort::automatic(self.vector.len()))
    }

    /// The element the panel lists on row `row` (0 is the first).
    #[must_use]
    pub fn element_at_row(&self, row: usize) -> usize {
        match self.sort() {
            Sort::Input => row,
            Sort::Probability => self.vector.ranking()[row],
        }
    }

    /// The panel row that lists element `i`.
    #[must_use]
    pub fn row_of(&self, i: usize) -> usize {
        match self.sort() {
            Sort::Input => i,
            Sort::Probability => self.vector.rank_of(i),
        }
    }

    /// The sampler's settings: the temperature, the filters, their order.
    #[must_use]
    pub fn sampler(&self) -> SamplerSettings {
        self.params.sampler
    }

    /// Lists the elements by probability, or back in input order.
    pub(super) fn toggle_sort(&mut self) {
        let sort = match self.sort() {
            Sort::Input => Sort::Probability,
            Sort::Probability => Sort::Input,
        };
        self.view.sort = Some(sort);
        self.status = Some(info(
            match sort {
                Sort::Probability => "listed by probability, the most probable first",
                Sort::Input => "listed in input order",
            }
            .to_string(),
        ));
    }

    /// Moves the selection through the panel's rows (a row wraps around; a page and the ends
    /// stop at the first and last row).
    pub(super) fn select_row(&mut self, how: Scroll) {
        let n = self.vector.len();
        let row = self.row_of(self.vector.selected());
        // The rows a page holds: the screen less the panel's chrome, the header and the bars.
        let page = usize::from(self.screen.1.saturating_sub(14)).max(1);
        let to = match how {
            Scroll::Down => (row + 1) % n,
            Scroll::Up => (row + n - 1) % n,
            Scroll::PageDown => (row + page).min(n - 1),
            Scroll::PageUp => row.saturating_sub(page),
            Scroll::Top => 0,
            Scroll::Bottom => n - 1,
        };
        self.vector.select(self.element_at_row(to));
        self.view.follow(self.vector.selected_value());
    }

    /// On a list sorted by probability, selects its first row (the most probable element).
    pub(super) fn select_top_when_sorted(&mut self) {
        if self.sort() == Sort::Probability {
            self.vector.select(self.vector.ranking()[0]);
        }
    }

    /// Applies an action of the Softmax tab's sampler.
    pub(super) fn update_sampler(&mut self, action: &Action) {
        if *action == Action::CycleFocus && self.tab() == Tab::Formula {
            self.cycle_formula_focus();
            return;
        }
        if !self.on_softmax() {
            self.status = Some(info(
                "the sampler is on the Softmax tab (/ finds it: type soft, Enter)".to_string(),
            ));
            return;
        }
        match action {
            Action::CycleFocus => {
                let text = self.params.cycle_focus();
                if matches!(self.params.focus, Control::Filter(_))
                    && self.view.panel == Panel::Softmax
                {
                    self.view.panel = Panel::Sampler;
                }
                self.status = Some(info(text));
            }
            Action::CycleOrder => {
                let order = self.params.cycle_order();
                let steps: Vec<String> = order
                    .steps()
                    .iter()
                    .map(|step| match step {
                        kernel::Step::Temperature => "T".to_string(),
                        kernel::Step::Filter(filter) => filter.name().to_string(),
                    })
                    .collect();
                self.status = Some(info(format!(
                    "order {}: {}",
                    order.name(),
                    steps.join(", ")
                )));
            }
            Action::CyclePanel => {
                let at = Panel::ALL
                    .iter()
                    .position(|&p| p == self.view.panel)
                    .map_or(0, |i| (i + 1) % Panel::ALL.len());
                self.view.panel = Panel::ALL[at];
                self.status = Some(info(format!("panel: {}", self.view.panel.name())));
            }
            Action::Draw => {
                let draws = match self.draws {
                    Some(d) => Draws {
                        seed: d.seed.wrapping_add(1),
                        ..d
                    },
                    None => Draws {
                        count: DEFAULT_DRAWS,
                        seed: 0,
                    },
                };
                self.draws = Some(draws);
                self.view.panel = Panel::Sampler;
                self.status = Some(info(format!(
                    "drew {} samples with seed {} (n: the next seed, N: clear)",
                    grouped(draws.count),
                    draws.seed
                )));
            }
            Action::ClearDraws => {
                self.draws = None;
                self.status = Some(info("draws cleared".to_string()));
            }
            _ => {}
        }
    }

    /// Adds `amount` to every element. Softmax depends only on the differences between logits,
    /// so the shift is taken only if it keeps them: the status then reports the largest change
    /// in any probability as measured; a shift that would move a probability by more than the
    /// rounding of the shifted logits (`[1e16, 1e16 + 2]` + 1: f64 has no 1e16 + 1) is refused
    /// with the reason.
    pub(super) fn shift_all(&mut self, amount: f64) {
        let before = self.probabilities();
        let old = self.vector.clone();
        if let Err(Refused(why)) = self.vector.shift_all(amount) {
            self.status = Some(error(why));
            return;
        }
        let source = self.source.take();
        let after = self.probabilities();
        // The largest change, in units in the last place of the probability that moved.
        let (worst, ulps) = before.iter().zip(&after).enumerate().fold(
            (0, 0.0f64),
            |(worst, most), (i, (&a, &b))| {
                let ulps = (a - b).abs() / ulp(a.max(b));
                if ulps > most {
                    (i, ulps)
                } else {
                    (worst, most)
                }
            },
        );
        if ulps > SHIFT_TOLERANCE_ULPS {
            let x = old.values()[worst];
            self.vector = old;
            self.source = source;
            self.status = Some(error(format!(
                "shift refused: x{worst} {amount:+} is {} in f64 (the nearest it holds), so the \
                 differences between logits would change and p{worst} would go from {} to {}",
                exact_text(decimal::add(x, amount)),
                crate::format::short(before[worst], 4),
                crate::format::short(after[worst], 4),
            )));
            return;
        }
        self.view.follow(self.vector.selected_value());
        let moved = before
            .iter()
            .zip(&after)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        self.status = Some(info(if moved == 0.0 {
            format!("every logit {amount:+}: probabilities unchanged (bit for bit)")
        } else {
            format!(
                "every logit {amount:+}: probabilities unchanged but for rounding (largest \
                 change {}, {} ulp)",
                crate::format::short(moved, 4),
                ulps.round()
            )
        }));
    }

    /// The softmax of the vector now.
    pub(super) fn probabilities(&self) -> Vec<f64> {
        let mut p = vec![0.0; self.vector.len()];
        kernel::softmax(
            self.level,
            self.vector.values(),
            self.params.temperature(),
            &mut p,
        );
        p
    }
}

/// How far (in ulp) a shift of every logit may move a probability: the rounding of the shifted
/// logits and of softmax itself, no more.
const SHIFT_TOLERANCE_ULPS: f64 = 4.0;

/// One unit in the last place of `v`.
fn ulp(v: f64) -> f64 {
    let v = v.abs();
    if v == 0.0 {
        f64::from_bits(1)
    } else {
        v.next_up() - v
    }
}
