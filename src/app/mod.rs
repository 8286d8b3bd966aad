//! The explorer's state and how each [`Action`] changes it. No I/O and no drawing: everything here
//! runs in a unit test. One file per concern: the input vector, the edit field, the view, the
//! parameters, the tabs, the command line that reopens the state.

mod decimal;
mod edit;
#[cfg(test)]
mod formula_tests;
mod help;
#[cfg(test)]
mod lab_tests;
mod params;
mod picker;
mod reopen;
mod tab;
mod vector;
mod view;

pub use edit::{CursorMove, Edit, Origin};
pub use help::{HELP_CHROME, HelpView, help_page};
pub use params::{Control, Params};
pub use picker::{Choice, Picker, matches as picker_matches};
pub use tab::{FORMULA_TAB, SOFTMAX_TAB, TABS, Tab};
pub use vector::{DEFAULT_VALUES, InputVector, MAX_ELEMENTS, MAX_TYPED, MIN_ELEMENTS, exact_text};
pub use view::{DEFAULT_DEPTH, DEFAULT_WINDOW, Panel, Sort, View};

use crate::action::{Action, Scroll};
use crate::format::grouped;
use crate::kernel::{self, Activation, Formula, Level, SamplerSettings};
use crate::plot::Shape;
use crate::theme::MarkerKind;
use params::Stepped;
use vector::Refused;

/// What keys currently do.
#[derive(Clone, Debug, PartialEq)]
pub enum Mode {
    /// Browsing: keys select, nudge, switch tabs.
    Normal,
    /// Typing an exact value for the selected element.
    Editing(Edit),
    /// The help overlay is open, scrolled this far.
    Help(HelpView),
    /// The tab picker is open.
    Picker(Picker),
}

/// Whether a status message reports a refusal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusKind {
    /// Something happened.
    Info,
    /// Something was refused; nothing changed.
    Error,
}

/// A one-line message for the status bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    /// The text.
    pub text: String,
    /// Info or error.
    pub kind: StatusKind,
}

/// Something only the owner of the terminal can carry out; the loop takes it after `update`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Request {
    /// Leave the explorer.
    Quit,
    /// Stop the process with the terminal restored (Ctrl-Z).
    Suspend,
    /// Copy the screen and the reopen command to the clipboard.
    Share,
}

/// The formula the Formula tab opens with: GELU's sigmoid approximation `x σ(1.702 x)`
/// (Hendrycks and Gimpel, arXiv:1606.08415, section 2), its constant a parameter.
pub const DEFAULT_FORMULA: &str = "a = 1.702; x * sigmoid(a * x)";

/// How many samples a draw takes unless told otherwise.
pub const DEFAULT_DRAWS: usize = 1000;

/// Samples drawn from the sampler's final distribution: how many, and the seed that makes them
/// reproducible (`actscope sample --draws N --seed S` draws the same).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Draws {
    /// How many samples.
    pub count: usize,
    /// The seed.
    pub seed: u64,
}

/// How the explorer starts: what the command line asked for.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Tab index into [`TABS`].
    pub tab: usize,
    /// The GELU tab shows the tanh approximation.
    pub gelu_tanh: bool,
    /// The starting vector (1 to [`MAX_ELEMENTS`] finite numbers).
    pub values: Vec<f64>,
    /// A label for each value, if the input had them.
    pub labels: Option<Vec<String>>,
    /// The file the vector was read from, as the reopen command should name it (while the
    /// vector is unchanged, the reopen command reads the file again instead of listing values).
    pub source: Option<String>,
    /// A parameter for the starting tab's activation.
    pub param: Option<f64>,
    /// The softmax temperature, the sampler's filters and their order.
    pub sampler: SamplerSettings,
    /// What the Softmax tab's panel shows.
    pub panel: Panel,
    /// The panel's order, if asked for (else by probability past 16 elements).
    pub sort: Option<Sort>,
    /// Samples drawn at the start.
    pub draws: Option<Draws>,
    /// The Formula tab's formula (else [`DEFAULT_FORMULA`]).
    pub formula: Option<Formula>,
    /// The chart marker.
    pub marker: MarkerKind,
    /// The markers the terminal can show (`m` cycles through these), the preferred first.
    pub markers: &'static [MarkerKind],
    /// The SIMD level the kernels run on.
    pub level: Level,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            tab: 1,
            gelu_tanh: false,
            values: DEFAULT_VALUES.to_vec(),
            labels: None,
            source: None,
            param: None,
            sampler: SamplerSettings::default(),
            panel: Panel::Softmax,
            sort: None,
            draws: None,
            formula: None,
            marker: MarkerKind::Braille,
            markers: &[
                MarkerKind::Braille,
                MarkerKind::HalfBlock,
                MarkerKind::Ascii,
            ],
            level: Level::best(),
        }
    }
}

/// The whole state of the explorer.
#[derive(Clone, Debug, PartialEq)]
pub struct App {
    tab: usize,
    vector: InputVector,
    params: Params,
    view: View,
    mode: Mode,
    status: Option<Status>,
    request: Option<Request>,
    level: Level,
    /// The terminal's size, as the last resize reported it.
    screen: (u16, u16),
    /// Samples drawn from the final distribution, if any.
    draws: Option<Draws>,
    /// The file the vector came from, while the vector is unchanged.
    source: Option<String>,
    /// The Formula tab's formula (the last one that parsed).
    formula: Formula,
    /// Which of the formula's parameters `[` and `]` adjust.
    formula_focus: usize,
}

impl Default for App {
    fn default() -> App {
        App::new(Settings::default())
    }
}

impl App {
    /// An explorer in its starting state. A vector that breaks the rules (none, more than
    /// [`MAX_ELEMENTS`], non-finite, labels that do not match) or a parameter out of range is
    /// replaced by the default.
    #[must_use]
    pub fn new(settings: Settings) -> App {
        let vector = InputVector::labelled(settings.values, settings.labels);
        let mut app = App {
            tab: settings.tab.min(TABS.len() - 1),
            source: settings.source.filter(|_| vector.is_some()),
            vector: vector.unwrap_or_default(),
            params: Params::default(),
            view: View {
                // A marker the terminal cannot show is not offered.
                marker: if settings.markers.contains(&settings.marker) {
                    settings.marker
                } else {
                    settings
                        .markers
                        .first()
                        .copied()
                        .unwrap_or(MarkerKind::Ascii)
                },
                markers: settings.markers,
                ..View::default()
            },
            mode: Mode::Normal,
            status: None,
            request: None,
            level: settings.level,
            screen: (100, 30),
            draws: settings.draws.filter(|d| d.count > 0),
            formula: settings.formula.unwrap_or_else(default_formula),
            formula_focus: 0,
        };
        app.params.gelu_tanh = settings.gelu_tanh;
        app.params.sampler = settings.sampler;
        app.view.panel = settings.panel;
        app.view.sort = settings.sort;
        app.select_top_when_sorted();
        if let (Some(p), Tab::Function(a)) = (settings.param, app.tab()) {
            app.params.set(a, p);
        }
        app.view.follow(app.vector.selected_value());
        app
    }

    /// The current tab.
    #[must_use]
    pub fn tab(&self) -> Tab {
        TABS[self.tab]
    }

    /// Index of the current tab in [`TABS`].
    #[must_use]
    pub fn tab_index(&self) -> usize {
        self.tab
    }

    /// The built-in activation the current tab shows (the GELU tab's form included), if any.
    #[must_use]
    pub fn activation(&self) -> Option<Activation> {
        match self.tab() {
            Tab::Function(Activation::Gelu) if self.params.gelu_tanh => Some(Activation::GeluTanh),
            Tab::Function(a) => Some(a),
            Tab::Softmax | Tab::Formula => None,
        }
    }

    /// What the current tab draws element-wise: its activation at its parameter, or the
    /// formula; `None` on the Softmax tab.
    #[must_use]
    pub fn shape(&self) -> Option<Shape> {
        match self.tab() {
            Tab::Formula => Some(Shape::Formula(self.formula.clone())),
            Tab::Softmax => None,
            Tab::Function(_) => self
                .activation()
                .map(|a| Shape::Activation(a, self.params.get(a))),
        }
    }

    /// Whether the Softmax tab is open.
    #[must_use]
    pub fn on_softmax(&self) -> bool {
        self.tab() == Tab::Softmax
    }

    /// The Formula tab's formula.
    #[must_use]
    pub fn formula(&self) -> &Formula {
        &self.formula
    }

    /// The formula parameter `[` and `]` adjust, if it has any.
    #[must_use]
    pub fn formula_focus(&self) -> Option<&(String, f64)> {
        self.formula.params().get(self.formula_focus)
    }

    /// The input vector.
    #[must_use]
    pub fn vector(&self) -> &InputVector {
        &self.vector
    }

    /// The parameters.
    #[must_use]
    pub fn params(&self) -> &Params {
        &self.params
    }

    /// The view.
    #[must_use]
    pub fn view(&self) -> &View {
        &self.view
    }

    /// What keys do now.
    #[must_use]
    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// The status message, if any.
    #[must_use]
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// The SIMD level the kernels run on.
    #[must_use]
    pub fn level(&self) -> Level {
        self.level
    }

    /// The samples drawn, if any.
    #[must_use]
    pub fn draws(&self) -> Option<Draws> {
        self.draws
    }

    /// The file the vector came from, while it is unchanged.
    #[must_use]
    pub fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }

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

    /// What the terminal's owner should do, asked for since the last call.
    pub fn take_request(&mut self) -> Option<Request> {
        self.request.take()
    }

    /// Records how a suspend went: if the process could not stop (no job-control shell to
    /// continue it), the status says so.
    pub fn suspended(&mut self, stopped: bool) {
        if !stopped {
            self.status = Some(error(
                "Ctrl-Z: not suspended, as no job-control shell started actscope to resume it \
                 (run it from an interactive shell; q quits)"
                    .to_string(),
            ));
        }
    }

    /// Records how a copy went, for the status line.
    pub fn shared(&mut self, bytes: usize) {
        self.status = Some(info(format!(
            "copied {bytes} bytes; reopen: {}",
            self.command_line()
        )));
    }

    /// The command line that reopens this state.
    #[must_use]
    pub fn command_line(&self) -> String {
        reopen::command_line(self)
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        // A message lasts until the next action (a resize is none); in an edit, the field's own
        // check speaks.
        if !matches!(action, Action::Resize(..)) {
            self.status = None;
        }
        match action {
            Action::Quit => self.request = Some(Request::Quit),
            Action::Suspend => self.request = Some(Request::Suspend),
            Action::Share => self.request = Some(Request::Share),
            Action::ToggleHelp => {
                self.mode = match self.mode {
                    Mode::Help(_) => Mode::Normal,
                    _ => Mode::Help(HelpView::default()),
                };
            }
            Action::OpenPicker
            | Action::PickerInput(_)
            | Action::PickerBackspace
            | Action::PickerStep(_)
            | Action::PickerChoose
            | Action::PickerCancel => self.update_picker(&action),
            Action::ScrollHelp(how) => {
                if let Mode::Help(view) = &mut self.mode {
                    view.scroll(how, self.screen.1);
                }
            }
            Action::Resize(width, height) => {
                self.screen = (width, height);
                if let Mode::Help(view) = &mut self.mode {
                    view.fit(height);
                }
            }
            Action::NextTab => self.tab = (self.tab + 1) % TABS.len(),
            Action::PrevTab => self.tab = (self.tab + TABS.len() - 1) % TABS.len(),
            Action::SelectTab(index) if index < TABS.len() => self.tab = index,
            Action::SelectTab(_) => {}
            Action::SelectNext => self.select_row(Scroll::Down),
            Action::SelectPrev => self.select_row(Scroll::Up),
            Action::SelectRow(how) => self.select_row(how),
            Action::SelectElement(index) => {
                self.vector.select(index);
                self.view.follow(self.vector.selected_value());
            }
            Action::Nudge(amount) => {
                let result = self.vector.nudge(amount);
                self.changed(result);
            }
            Action::CycleFocus
            | Action::CycleOrder
            | Action::CyclePanel
            | Action::Draw
            | Action::ClearDraws => self.update_sampler(&action),
            Action::ToggleSort => self.toggle_sort(),
            Action::EditFormula
            | Action::StartEdit
            | Action::EditInput(_)
            | Action::EditBackspace
            | Action::EditDelete
            | Action::EditClear
            | Action::EditCursor(_)
            | Action::EditCommit
            | Action::EditCancel => self.update_edit(&action),
            Action::AddElement => match self.vector.insert_after_selected(0.0) {
                Ok(()) => {
                    self.source = None;
                    self.mode = Mode::Editing(Edit::new("0".to_string(), Origin::Inserted));
                    self.view.follow(0.0);
                }
                Err(Refused(why)) => self.status = Some(error(why)),
            },
            Action::RemoveElement => match self.vector.remove_selected() {
                Ok(removed) => {
                    self.source = None;
                    self.view.keep_target_within(self.vector.len());
                    self.status = Some(info(format!("removed {}", exact_text(removed))));
                }
                Err(Refused(why)) => self.status = Some(error(why)),
            },
            Action::Paste(text) => self.paste(&text),
            Action::ShiftAll(amount) => self.shift_all(amount),
            Action::ParamUp => self.step_param(true),
            Action::ParamDown => self.step_param(false),
            Action::ZoomIn
            | Action::ZoomOut
            | Action::ResetView
            | Action::ToggleDerivative
            | Action::CycleMarker
            | Action::DepthUp
            | Action::DepthDown
            | Action::CycleCompare
            | Action::ClearCompare
            | Action::CyclePrecision
            | Action::CycleTarget
            | Action::ToggleJacobian => self.update_view(&action),
        }
    }

    /// Lists the elements by probability, or back in input order.
    fn toggle_sort(&mut self) {
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

    /// Applies an action of the edit field.
    fn update_edit(&mut self, action: &Action) {
        match *action {
            Action::EditFormula => {
                if self.tab() == Tab::Formula {
                    self.mode = Mode::Editing(Edit::new(self.formula.text(), Origin::Formula));
                } else {
                    self.status = Some(info(
                        "F edits the formula on the Formula tab (the last one)".to_string(),
                    ));
                }
            }
            Action::StartEdit => {
                self.mode = Mode::Editing(Edit::new(
                    exact_text(self.vector.selected_value()),
                    Origin::Existing,
                ));
            }
            Action::EditInput(c) => self.edit(|edit| edit.insert(c)),
            Action::EditBackspace => self.edit(Edit::backspace),
            Action::EditDelete => self.edit(Edit::delete),
            Action::EditClear => self.edit(Edit::clear),
            Action::EditCursor(to) => self.edit(|edit| edit.move_cursor(to)),
            Action::EditCommit => self.commit_edit(),
            Action::EditCancel => self.cancel_edit(),
            _ => {}
        }
    }

    /// Applies an action that changes only how things are looked at.
    fn update_view(&mut self, action: &Action) {
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
                self.status = Some(info(format!(
                    "evaluating in {}: e^x overflows past x = {:.2}",
                    precision.name(),
                    precision.exp_limit()
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

    /// Moves the selection through the panel's rows (a row wraps around; a page and the ends
    /// stop at the first and last row).
    fn select_row(&mut self, how: Scroll) {
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

    /// Moves `[ ]` to the formula's next parameter.
    fn cycle_formula_focus(&mut self) {
        let params = self.formula.params();
        if params.is_empty() {
            self.status = Some(info(
                "the formula has no parameter: declare one, as in a = 0.2; x * sigmoid(a * x)"
                    .to_string(),
            ));
            return;
        }
        self.formula_focus = (self.formula_focus + 1) % params.len();
        let (name, value) = &params[self.formula_focus];
        self.status = Some(info(format!(
            "[ ] adjust {name} (now {})",
            exact_text(*value)
        )));
    }

    /// Steps the focused formula parameter by a tenth of its order of magnitude (at least 0.1).
    fn step_formula_param(&mut self, up: bool) {
        let Some((name, value)) = self.formula_focus().cloned() else {
            self.status = Some(info(
                "the formula has no parameter: declare one, as in a = 0.2; x * sigmoid(a * x)"
                    .to_string(),
            ));
            return;
        };
        let magnitude = value.abs().max(1.0).log10().floor();
        let step = 0.1 * 10f64.powf(magnitude);
        let new = decimal::add(value, if up { step } else { -step });
        match self.formula.with_param(&name, new) {
            Ok(formula) if new.is_finite() => {
                self.formula = formula;
                self.status = Some(info(format!("{name} = {}", exact_text(new))));
            }
            _ => {
                self.status = Some(error(format!(
                    "{name} stays {}: the next step is not a finite number",
                    exact_text(value)
                )));
            }
        }
    }

    /// On a list sorted by probability, selects its first row (the most probable element).
    fn select_top_when_sorted(&mut self) {
        if self.sort() == Sort::Probability {
            self.vector.select(self.vector.ranking()[0]);
        }
    }

    /// Applies an action of the Softmax tab's sampler.
    fn update_sampler(&mut self, action: &Action) {
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

    /// After a change to the vector: keep the selection in view, or say why nothing changed.
    fn changed(&mut self, result: Result<(), Refused>) {
        match result {
            Ok(()) => {
                self.source = None;
                self.view.follow(self.vector.selected_value());
            }
            Err(Refused(why)) => self.status = Some(error(why)),
        }
    }

    /// Adds `amount` to every element. Softmax depends only on the differences between logits,
    /// so the shift is taken only if it keeps them: the status then reports the largest change
    /// in any probability as measured; a shift that would move a probability by more than the
    /// rounding of the shifted logits (`[1e16, 1e16 + 2]` + 1: f64 has no 1e16 + 1) is refused
    /// with the reason.
    fn shift_all(&mut self, amount: f64) {
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
    fn probabilities(&self) -> Vec<f64> {
        let mut p = vec![0.0; self.vector.len()];
        kernel::softmax(
            self.level,
            self.vector.values(),
            self.params.temperature(),
            &mut p,
        );
        p
    }

    fn edit(&mut self, change: impl FnOnce(&mut Edit)) {
        if let Mode::Editing(edit) = &mut self.mode {
            change(edit);
        }
    }

    /// Applies an action of the tab picker.
    fn update_picker(&mut self, action: &Action) {
        if *action == Action::OpenPicker {
            self.mode = Mode::Picker(Picker::default());
            return;
        }
        let Mode::Picker(picker) = &mut self.mode else {
            return;
        };
        match *action {
            Action::PickerInput(c) => picker.insert(c),
            Action::PickerBackspace => picker.backspace(),
            Action::PickerStep(step) => picker.step(step),
            Action::PickerCancel => self.mode = Mode::Normal,
            Action::PickerChoose => self.choose_picked(),
            _ => {}
        }
    }

    /// Opens the tab the picker highlights, or says nothing matches.
    fn choose_picked(&mut self) {
        let Mode::Picker(picker) = &self.mode else {
            return;
        };
        if let Some(choice) = picker.chosen() {
            self.mode = Mode::Normal;
            self.tab = choice.tab;
            if choice.gelu_tanh || matches!(self.tab(), Tab::Function(Activation::Gelu)) {
                self.params.gelu_tanh = choice.gelu_tanh;
            }
        } else {
            let query = picker.query.clone();
            self.status = Some(error(format!(
                "no tab answers to {query:?}; Backspace edits it, Esc closes the picker"
            )));
        }
    }

    /// Leaves the edit: the value stays as it was, and an element added for the edit goes.
    fn cancel_edit(&mut self) {
        let Mode::Editing(edit) = &self.mode else {
            return;
        };
        let origin = edit.origin;
        self.mode = Mode::Normal;
        if origin == Origin::Formula {
            self.status = Some(info(format!("edit cancelled: f(x) stays {}", self.formula)));
            return;
        }
        let selected = self.vector.selected();
        if origin == Origin::Inserted && self.vector.remove_selected().is_ok() {
            self.vector.select(selected.saturating_sub(1));
            self.status = Some(info(format!(
                "edit cancelled: the added element x{selected} is removed"
            )));
        } else {
            self.status = Some(info(format!(
                "edit cancelled: x{selected} stays {}",
                exact_text(self.vector.selected_value())
            )));
        }
        self.view.follow(self.vector.selected_value());
    }

    fn commit_edit(&mut self) {
        let Mode::Editing(edit) = &self.mode else {
            return;
        };
        if edit.origin == Origin::Formula {
            match edit.formula() {
                Ok(formula) => {
                    self.mode = Mode::Normal;
                    self.formula = formula;
                    self.formula_focus = 0;
                    self.status = Some(info(format!("f(x) = {}", self.formula)));
                }
                Err(err) => {
                    self.status = Some(error(format!("{err}; Esc keeps f(x) = {}", self.formula)));
                }
            }
            return;
        }
        match edit.value() {
            Ok(value) => {
                let result = self.vector.set_selected(value);
                if result.is_ok() {
                    self.mode = Mode::Normal;
                    self.status = Some(info(format!(
                        "{} = {}",
                        self.vector.name(self.vector.selected()),
                        exact_text(value)
                    )));
                }
                self.changed(result);
            }
            Err(reason) => {
                self.status = Some(error(format!(
                    "not a usable value: {reason}; Esc keeps {}",
                    exact_text(self.vector.selected_value())
                )));
            }
        }
    }

    fn paste(&mut self, text: &str) {
        if let Mode::Editing(edit) = &mut self.mode {
            if let Err(why) = edit.insert_text(text) {
                self.status = Some(error(format!("paste refused: {why}")));
            }
            return;
        }
        let vector = match crate::input::parse_text(text) {
            Ok(vector) => vector,
            Err(err) => {
                self.status = Some(error(format!("paste refused: {err}; vector unchanged")));
                return;
            }
        };
        let count = vector.values.len();
        let labelled = vector.labels.is_some();
        match self.vector.replace(vector.values, vector.labels) {
            Ok(()) => {
                self.source = None;
                self.select_top_when_sorted();
                self.view.keep_target_within(count);
                self.status = Some(info(format!(
                    "pasted {} {}number{}",
                    grouped(count),
                    if labelled { "labelled " } else { "" },
                    if count == 1 { "" } else { "s" }
                )));
                self.view.follow(self.vector.selected_value());
            }
            Err(Refused(why)) => {
                self.status = Some(error(format!("paste refused: {why}; vector unchanged")));
            }
        }
    }

    fn step_param(&mut self, up: bool) {
        if self.tab() == Tab::Formula {
            self.step_formula_param(up);
            return;
        }
        let stepped = match self.activation() {
            None => {
                let was = self.params.filtering();
                let stepped = self.params.step_sampler(up, self.vector.len());
                if !was && self.params.filtering() && self.view.panel == Panel::Softmax {
                    self.view.panel = Panel::Sampler;
                }
                stepped
            }
            Some(a) => self.params.step(a, up),
        };
        self.status = Some(match stepped {
            Stepped::To(text) => info(text),
            Stepped::Refused(text) => error(text),
        });
    }
}

/// The formula the Formula tab opens with, parsed.
fn default_formula() -> Formula {
    Formula::parse(DEFAULT_FORMULA, &[]).expect("the default formula parses")
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

fn info(text: String) -> Status {
    Status {
        text,
        kind: StatusKind::Info,
    }
}

fn error(text: String) -> Status {
    Status {
        text,
        kind: StatusKind::Error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Analysis, Kind};
    use crate::kernel::precision::{self, Precision};

    fn analyse(app: &App) -> Analysis {
        Analysis::new(app, 11)
    }

    /// The index of the tab a name opens.
    fn tab(name: &str) -> usize {
        Tab::from_name(name).expect("a tab").0
    }

    fn app_with(values: &[f64]) -> App {
        App::new(Settings {
            values: values.to_vec(),
            ..Settings::default()
        })
    }

    fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) {
        for action in actions {
            app.update(action);
        }
    }

    fn type_text(app: &mut App, text: &str) {
        run(app, text.chars().map(Action::EditInput));
    }

    #[test]
    fn opens_on_sigmoid_with_the_seed_vector() {
        let app = App::default();
        assert_eq!(app.tab(), Tab::Function(Activation::Sigmoid));
        assert_eq!(app.vector().values(), DEFAULT_VALUES);
        let percent: Vec<String> = analyse(&app)
            .softmax
            .probabilities
            .iter()
            .map(|p| format!("{:.2}", p * 100.0))
            .collect();
        assert_eq!(percent, ["45.66", "33.83", "20.52"]);
    }

    #[test]
    fn tabs_wrap_both_ways_and_digits_jump() {
        let mut app = App::default();
        run(&mut app, [Action::PrevTab, Action::PrevTab]);
        assert_eq!(app.tab(), Tab::Formula);
        app.update(Action::PrevTab);
        assert_eq!(app.tab(), Tab::Softmax);
        run(&mut app, [Action::NextTab, Action::NextTab]);
        assert_eq!(app.tab_index(), 0);
        app.update(Action::SelectTab(tab("gelu")));
        assert_eq!(app.activation(), Some(Activation::Gelu));
        app.update(Action::SelectTab(99));
        assert_eq!(app.tab_index(), tab("gelu"));
    }

    #[test]
    fn nudges_are_tidy_and_shift_is_bigger() {
        let mut app = App::default();
        app.update(Action::Nudge(0.1));
        assert_eq!(app.vector().values()[0], 1.3);
        run(&mut app, [Action::Nudge(-1.0), Action::Nudge(-1.0)]);
        assert_eq!(app.vector().values()[0], -0.7);
        run(&mut app, [Action::SelectNext, Action::Nudge(0.1)]);
        assert_eq!(app.vector().values(), [-0.7, 1.0, 0.4]);
    }

    #[test]
    fn a_nudge_that_would_overflow_is_refused() {
        let mut app = app_with(&[f64::MAX]);
        app.update(Action::Nudge(f64::MAX));
        assert_eq!(app.vector().values(), [f64::MAX]);
        assert_eq!(app.status().unwrap().kind, StatusKind::Error);
    }

    #[test]
    fn selection_wraps() {
        let mut app = App::default();
        app.update(Action::SelectPrev);
        assert_eq!(app.vector().selected(), 2);
        app.update(Action::SelectNext);
        assert_eq!(app.vector().selected(), 0);
    }

    #[test]
    fn editing_commits_only_a_finite_number() {
        let mut app = App::default();
        app.update(Action::StartEdit);
        assert!(matches!(app.mode(), Mode::Editing(e) if e.buffer == "1.2" && e.error.is_none()));
        type_text(&mut app, "nan");
        let Mode::Editing(edit) = app.mode() else {
            panic!("left edit mode")
        };
        assert_eq!(edit.buffer, "nan");
        assert_eq!(
            edit.error.as_deref(),
            Some("\"nan\" is not a finite number")
        );
        app.update(Action::EditCommit);
        assert!(matches!(app.mode(), Mode::Editing(_)), "nan was committed");
        assert_eq!(app.vector().values()[0], 1.2);
        assert_eq!(app.status().unwrap().kind, StatusKind::Error);
        run(&mut app, [Action::EditClear]);
        type_text(&mut app, "2.5");
        app.update(Action::EditCommit);
        assert_eq!(app.mode(), &Mode::Normal);
        assert_eq!(app.vector().values()[0], 2.5);
    }

    #[test]
    fn refused_values_never_land() {
        for text in ["inf", "1e999", "", "abc", "1 2", "-"] {
            let mut app = App::default();
            app.update(Action::StartEdit);
            app.update(Action::EditClear);
            type_text(&mut app, text);
            app.update(Action::EditCommit);
            assert_eq!(app.vector().values(), DEFAULT_VALUES, "{text:?}");
            app.update(Action::EditCancel);
            assert_eq!(app.mode(), &Mode::Normal);
            assert_eq!(app.vector().values(), DEFAULT_VALUES, "{text:?}");
        }
    }

    #[test]
    fn backspace_edits_the_prefilled_value_and_typing_replaces_it() {
        let mut app = App::default();
        run(&mut app, [Action::StartEdit, Action::EditBackspace]);
        type_text(&mut app, "5");
        app.update(Action::EditCommit);
        assert_eq!(app.vector().values()[0], 1.5);
        run(&mut app, [Action::StartEdit]);
        type_text(&mut app, "-3");
        app.update(Action::EditCommit);
        assert_eq!(app.vector().values()[0], -3.0);
    }

    #[test]
    fn cancel_keeps_the_old_value() {
        let mut app = App::default();
        app.update(Action::StartEdit);
        type_text(&mut app, "7");
        app.update(Action::EditCancel);
        assert_eq!(app.vector().values()[0], 1.2);
        assert!(app.status().unwrap().text.contains("stays 1.2"));
    }

    #[test]
    fn add_and_remove_stay_within_one_to_sixteen() {
        let mut app = app_with(&[1.0]);
        app.update(Action::RemoveElement);
        assert_eq!(app.vector().values(), [1.0]);
        assert_eq!(app.status().unwrap().kind, StatusKind::Error);
        for _ in 0..20 {
            app.update(Action::AddElement);
            app.update(Action::EditCommit);
        }
        assert_eq!(app.vector().values().len(), MAX_TYPED);
        app.update(Action::AddElement);
        assert_eq!(app.vector().values().len(), MAX_TYPED);
        assert_eq!(app.status().unwrap().kind, StatusKind::Error);
        for _ in 0..20 {
            app.update(Action::RemoveElement);
        }
        assert_eq!(app.vector().values().len(), MIN_ELEMENTS);
    }

    #[test]
    fn the_picker_opens_a_tab_by_any_of_its_names() {
        let mut app = App::default();
        for (query, want) in [
            ("hard-swish", Some(Activation::HardSwish)),
            ("swish", Some(Activation::Silu)),
            ("gelu_tanh", Some(Activation::GeluTanh)),
            ("softm", None),
        ] {
            app.update(Action::OpenPicker);
            for c in query.chars() {
                app.update(Action::PickerInput(c));
            }
            app.update(Action::PickerChoose);
            assert_eq!(app.mode(), &Mode::Normal, "{query}");
            assert_eq!(app.activation(), want, "{query}");
        }
        app.update(Action::OpenPicker);
        for c in "zzz".chars() {
            app.update(Action::PickerInput(c));
        }
        app.update(Action::PickerChoose);
        assert!(matches!(app.mode(), Mode::Picker(_)));
        assert_eq!(app.status().unwrap().kind, StatusKind::Error);
        app.update(Action::PickerCancel);
        assert_eq!(app.mode(), &Mode::Normal);
        assert_eq!(app.tab(), Tab::Softmax);
    }

    #[test]
    fn esc_after_add_removes_the_added_element() {
        let mut app = App::default();
        run(&mut app, [Action::SelectNext, Action::AddElement]);
        assert_eq!(app.vector().values(), [1.2, 0.9, 0.0, 0.4]);
        app.update(Action::EditCancel);
        assert_eq!(app.vector().values(), DEFAULT_VALUES);
        assert_eq!(app.vector().selected(), 1);
        assert!(app.status().unwrap().text.contains("removed"));
        // Esc after e keeps the element.
        run(
            &mut app,
            [
                Action::StartEdit,
                Action::EditInput('7'),
                Action::EditCancel,
            ],
        );
        assert_eq!(app.vector().values(), DEFAULT_VALUES);
    }

    #[test]
    fn an_edit_error_goes_as_soon_as_the_field_is_valid() {
        let mut app = App::default();
        run(
            &mut app,
            [Action::StartEdit, Action::EditClear, Action::EditCommit],
        );
        assert_eq!(app.status().unwrap().kind, StatusKind::Error);
        type_text(&mut app, "-1.28");
        assert_eq!(app.status(), None, "the failed commit's message stayed");
        let Mode::Editing(edit) = app.mode() else {
            panic!("left the edit")
        };
        assert_eq!(edit.error, None);
    }

    #[test]
    fn a_multi_line_paste_into_the_field_is_refused() {
        let mut app = App::default();
        app.update(Action::StartEdit);
        app.update(Action::Paste("1\n2".into()));
        let Mode::Editing(edit) = app.mode() else {
            panic!("left the edit")
        };
        assert_eq!(edit.buffer, "1.2");
        assert!(app.status().unwrap().text.contains("2 lines"));
    }

    #[test]
    fn nudges_add_what_the_key_says_and_nothing_else() {
        let mut app = app_with(&[0.123_456_789_012_345_6]);
        app.update(Action::Nudge(0.1));
        assert_eq!(app.vector().values(), [0.223_456_789_012_345_6]);
        let mut app = app_with(&[1e16]);
        app.update(Action::Nudge(0.1));
        assert_eq!(app.vector().values(), [1e16]);
        let status = &app.status().unwrap().text;
        assert!(status.contains("under half the spacing"), "{status}");
    }

    #[test]
    fn a_shift_that_would_change_the_probabilities_is_refused() {
        let mut app = app_with(&[1e16, 1e16 + 2.0]);
        app.update(Action::SelectTab(SOFTMAX_TAB));
        let before = analyse(&app).softmax.probabilities;
        app.update(Action::ShiftAll(1.0));
        assert_eq!(app.vector().values(), [1e16, 1e16 + 2.0]);
        assert_eq!(analyse(&app).softmax.probabilities, before);
        let status = app.status().unwrap();
        assert_eq!(status.kind, StatusKind::Error);
        assert!(status.text.contains("shift refused"), "{}", status.text);
        // An exact shift reports no change at all.
        let mut app = app_with(&[0.5, 0.25]);
        app.update(Action::ShiftAll(1.0));
        assert_eq!(app.vector().values(), [1.5, 1.25]);
        assert!(app.status().unwrap().text.contains("bit for bit"));
    }

    #[test]
    fn selecting_an_element_brings_it_into_view() {
        let mut app = app_with(&[0.0, 40.0, -40.0]);
        for _ in 0..4 {
            app.update(Action::ZoomIn);
        }
        run(&mut app, [Action::SelectNext]);
        let (lo, hi) = app.view().window;
        assert!(lo <= 40.0 && 40.0 <= hi, "{lo} {hi}");
        run(&mut app, [Action::SelectNext]);
        let (lo, hi) = app.view().window;
        assert!(lo <= -40.0 && -40.0 <= hi, "{lo} {hi}");
    }

    #[test]
    fn add_inserts_after_the_selection_and_edits_it() {
        let mut app = App::default();
        app.update(Action::AddElement);
        assert_eq!(app.vector().selected(), 1);
        type_text(&mut app, "3");
        app.update(Action::EditCommit);
        assert_eq!(app.vector().values(), [1.2, 3.0, 0.9, 0.4]);
    }

    #[test]
    fn paste_replaces_the_vector_all_or_nothing() {
        let mut app = App::default();
        app.update(Action::Paste("[900, 1000, 1000]".into()));
        assert_eq!(app.vector().values(), [900.0, 1000.0, 1000.0]);
        let analysis = analyse(&app);
        assert!(analysis.softmax.naive_failed());
        assert_eq!(analysis.softmax.probabilities[1], 0.5);
        app.update(Action::Paste("1, 2, nan".into()));
        assert_eq!(app.vector().values(), [900.0, 1000.0, 1000.0]);
        assert!(app.status().unwrap().text.contains("\"nan\""));
        // Longer than a vector typed by hand: taken, labels too.
        app.update(Action::Paste(vec!["1"; 17].join(" ")));
        assert_eq!(app.vector().values().len(), 17);
        app.update(Action::Paste("cat=1.2 dog=0.9 bird=0.4".into()));
        assert_eq!(app.vector().labels().unwrap(), ["cat", "dog", "bird"]);
        assert_eq!(app.status().unwrap().text, "pasted 3 labelled numbers");
        let too_many = vec!["1"; MAX_ELEMENTS + 1].join(" ");
        app.update(Action::Paste(too_many));
        assert_eq!(app.vector().values().len(), 3);
        assert!(app.status().unwrap().text.contains("at most 1,000,000"));
        app.update(Action::Paste("5".into()));
        assert_eq!(app.vector().labels(), None);
        assert_eq!(app.vector().values(), [5.0]);
        assert_eq!(app.vector().selected(), 0);
    }

    #[test]
    fn paste_while_editing_fills_the_field() {
        let mut app = App::default();
        app.update(Action::StartEdit);
        app.update(Action::Paste("  4.25\n".into()));
        app.update(Action::EditCommit);
        assert_eq!(app.vector().values()[0], 4.25);
    }

    #[test]
    fn temperature_steps_and_reaches_argmax() {
        let mut app = App::default();
        app.update(Action::SelectTab(tab("softmax")));
        app.update(Action::ParamDown);
        assert_eq!(app.params().temperature().get(), 0.75);
        for _ in 0..10 {
            app.update(Action::ParamDown);
        }
        assert_eq!(app.params().temperature().get(), 0.0);
        assert_eq!(analyse(&app).softmax.probabilities, [1.0, 0.0, 0.0]);
        app.update(Action::ParamUp);
        assert_eq!(app.params().temperature().get(), 0.1);
    }

    #[test]
    fn parameters_step_within_their_range() {
        let mut app = App::default();
        app.update(Action::SelectTab(tab("leaky_relu")));
        app.update(Action::ParamUp);
        assert_eq!(app.params().get(Activation::LeakyRelu), 0.02);
        app.update(Action::SelectTab(tab("softplus")));
        for _ in 0..10 {
            app.update(Action::ParamDown);
        }
        assert_eq!(app.params().get(Activation::Softplus), 0.25);
        assert_eq!(app.status().unwrap().kind, StatusKind::Error);
        app.update(Action::SelectTab(tab("gelu")));
        app.update(Action::ParamUp);
        assert_eq!(app.activation(), Some(Activation::GeluTanh));
        app.update(Action::SelectTab(tab("sigmoid")));
        app.update(Action::ParamUp);
        assert_eq!(app.status().unwrap().kind, StatusKind::Error);
    }

    #[test]
    fn zoom_centres_on_the_selection_and_reset_restores() {
        let mut app = App::default();
        app.update(Action::ZoomIn);
        assert_eq!(app.view().window, (1.2 - 2.5, 1.2 + 2.5));
        app.update(Action::ResetView);
        assert_eq!(app.view().window, DEFAULT_WINDOW);
        for _ in 0..40 {
            app.update(Action::ZoomOut);
        }
        assert_eq!(app.view().window.1 - app.view().window.0, 2000.0);
    }

    #[test]
    fn the_window_follows_a_value_that_leaves_it() {
        let mut app = App::default();
        app.update(Action::StartEdit);
        type_text(&mut app, "12");
        app.update(Action::EditCommit);
        let (lo, hi) = app.view().window;
        assert!(lo <= 12.0 && 12.0 <= hi);
    }

    #[test]
    fn settings_that_break_the_rules_fall_back() {
        let app = App::new(Settings {
            values: vec![f64::NAN],
            tab: 99,
            ..Settings::default()
        });
        assert_eq!(app.vector().values(), DEFAULT_VALUES);
        assert_eq!(app.params().temperature().get(), 1.0);
        assert_eq!(app.tab(), Tab::Formula, "past the last tab: the last");
        let app = App::new(Settings {
            tab: tab("leaky_relu"),
            param: Some(0.2),
            ..Settings::default()
        });
        assert_eq!(app.params().get(Activation::LeakyRelu), 0.2);
    }

    #[test]
    fn the_window_starts_on_the_first_element() {
        let app = app_with(&[900.0, 1000.0]);
        let (lo, hi) = app.view().window;
        assert!(lo <= 900.0 && 900.0 <= hi);
        assert_eq!(App::default().view().window, DEFAULT_WINDOW);
    }

    #[test]
    fn depth_steps_within_one_to_a_hundred_and_scales_the_gradient() {
        let mut app = App::default();
        assert_eq!(app.view().depth, DEFAULT_DEPTH);
        let analysis = analyse(&app);
        let d = Activation::Sigmoid.derivative(1.2, 0.0);
        let numbers = analysis.function().unwrap();
        assert_eq!(numbers.through_depth[0], d.powi(10));
        assert_eq!(numbers.depth_bound, Some(0.25f64.powi(10)));
        for _ in 0..200 {
            app.update(Action::DepthUp);
        }
        assert_eq!(app.view().depth, 100);
        for _ in 0..200 {
            app.update(Action::DepthDown);
        }
        assert_eq!(app.view().depth, 1);
    }

    #[test]
    fn compare_cycles_past_the_current_activation_and_clears() {
        let mut app = App::default();
        app.update(Action::CycleCompare);
        assert_eq!(app.view().compare, Some(Activation::Step));
        app.update(Action::CycleCompare);
        assert_eq!(
            app.view().compare,
            Some(Activation::Tanh),
            "sigmoid itself is skipped"
        );
        app.update(Action::ClearCompare);
        assert_eq!(app.view().compare, None);
        for _ in 0..Activation::ALL.len() - 1 {
            app.update(Action::CycleCompare);
        }
        assert_eq!(app.view().compare, Activation::ALL.last().copied());
        app.update(Action::CycleCompare);
        assert_eq!(app.view().compare, None);
    }

    #[test]
    fn the_command_line_reopens_the_state() {
        let mut app = App::default();
        assert_eq!(
            app.command_line(),
            "actscope --tab sigmoid --input '1.2 0.9 0.4'"
        );
        app.update(Action::SelectTab(tab("leaky_relu")));
        app.update(Action::ParamUp);
        app.update(Action::Nudge(-1.0));
        assert_eq!(
            app.command_line(),
            "actscope --tab leaky_relu --input '0.2 0.9 0.4' --param 0.02"
        );
        app.update(Action::SelectTab(tab("softmax")));
        app.update(Action::ParamDown);
        assert!(
            app.command_line()
                .ends_with("--tab softmax --input '0.2 0.9 0.4' --temperature 0.75")
        );
        app.update(Action::SelectTab(tab("gelu")));
        app.update(Action::ParamUp);
        assert!(app.command_line().starts_with("actscope --tab gelu_tanh "));
        app.update(Action::Share);
        assert_eq!(app.take_request(), Some(Request::Share));
        assert_eq!(app.take_request(), None);
    }

    #[test]
    fn softmax_insights() {
        let mut app = App::default();
        app.update(Action::SelectTab(tab("softmax")));
        app.update(Action::ShiftAll(1.0));
        assert_eq!(app.vector().values(), [2.2, 1.9, 1.4]);
        let status = &app.status().unwrap().text;
        assert!(status.contains("probabilities unchanged"), "{status}");
        app.update(Action::CycleTarget);
        let analysis = analyse(&app);
        assert_eq!(app.view().target, Some(0));
        let softmax = &analysis.softmax;
        let target = softmax.target.as_ref().unwrap();
        assert_eq!(target.cross_entropy, -softmax.log_probabilities[0]);
        assert_eq!(target.gradient[0], softmax.probabilities[0] - 1.0);
        assert_eq!(target.gradient[1], softmax.probabilities[1]);
        assert!(target.gradient.iter().sum::<f64>().abs() < 1e-15);
        for _ in 0..3 {
            app.update(Action::CycleTarget);
        }
        assert_eq!(app.view().target, None);
        app.update(Action::Paste("0.5 0.2".into()));
        let analysis = analyse(&app);
        let pair = analysis.softmax.pair.unwrap();
        assert!((pair - analysis.softmax.probabilities[0]).abs() < 1e-15);
        app.update(Action::ToggleJacobian);
        assert!(app.view().jacobian);
    }

    #[test]
    fn precision_cycles_and_flags_saturation() {
        let mut app = app_with(&[17.0, 0.5]);
        app.update(Action::CyclePrecision);
        assert_eq!(app.view().precision, Precision::F32);
        let analysis = analyse(&app);
        let low = analysis.function().unwrap().low.as_ref().unwrap();
        // Both models, NumPy first: f32 sigmoid(17) is exactly 1 in each.
        assert_eq!(low.models.len(), 2);
        for model in &low.models {
            assert_eq!(model.evaluations[0].0.value, 1.0);
            assert_eq!(model.evaluations[0].0.flag, precision::Flag::Saturated);
            assert_eq!(model.evaluations[1].0.flag, precision::Flag::Fine);
        }
        app.update(Action::CyclePrecision);
        app.update(Action::SelectTab(tab("softmax")));
        app.update(Action::Paste("12 1".into()));
        let Kind::Softmax(extras) = analyse(&app).kind else {
            panic!("not the softmax tab")
        };
        for (framework, forms, _) in extras.low.unwrap().models {
            assert!(
                forms.naive[0].is_nan(),
                "{framework:?}: f16 exp(12) overflows"
            );
            assert!(forms.probabilities[0] > 0.99, "the stable form holds");
        }
        for _ in 0..2 {
            app.update(Action::CyclePrecision);
        }
        assert_eq!(app.view().precision, Precision::F64);
        assert!(analyse(&app).function().is_none_or(|f| f.low.is_none()));
    }

    #[test]
    fn tab_names_resolve() {
        assert_eq!(Tab::from_name("softmax"), Some((SOFTMAX_TAB, false)));
    }

    #[test]
    fn help_and_quit() {
        let mut app = App::default();
        app.update(Action::ToggleHelp);
        assert_eq!(app.mode(), &Mode::Help(HelpView::default()));
        app.update(Action::ToggleHelp);
        assert_eq!(app.mode(), &Mode::Normal);
        app.update(Action::Quit);
        assert_eq!(app.take_request(), Some(Request::Quit));
    }

    #[test]
    fn suspend_is_asked_for_once() {
        let mut app = App::default();
        assert_eq!(app.take_request(), None);
        app.update(Action::Suspend);
        assert_eq!(app.take_request(), Some(Request::Suspend));
        assert_eq!(app.take_request(), None);
    }
}
