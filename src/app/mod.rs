//! The explorer's state and how each [`Action`] changes it.
//!
//! No I/O and no drawing: everything here runs in a unit test. One file per concern: the input
//! vector, the edit field, the view, the parameters, the tabs, the command line that reopens the
//! state.

mod decimal;
mod edit;
mod editing;
#[cfg(test)]
mod formula_tests;
mod help;
mod lab;
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
pub use picker::{Choice, Picker, matches as picker_matches, nearest as nearest_tab};
pub use tab::{FORMULA_TAB, SOFTMAX_TAB, TABS, Tab};
pub use vector::{DEFAULT_VALUES, InputVector, MAX_ELEMENTS, MAX_TYPED, MIN_ELEMENTS, exact_text};
pub use view::{DEFAULT_DEPTH, DEFAULT_WINDOW, Panel, Sort, View};

use crate::action::{Action, Scroll};

use crate::kernel::precision::Precision;
use crate::kernel::{Activation, Formula, Level, SamplerSettings};
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

/// The longest reopen command the status line shows (over up to three lines).
const SHOWN_COMMAND: usize = 240;

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
    /// The precision the panel evaluates in (`p` cycles it).
    pub precision: Precision,
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
            precision: Precision::F64,
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
            formula: settings.formula.unwrap_or_else(editing::default_formula),
            formula_focus: 0,
        };
        app.params.gelu_tanh = settings.gelu_tanh;
        app.params.sampler = settings.sampler;
        app.view.panel = settings.panel;
        app.view.sort = settings.sort;
        app.view.precision = settings.precision;
        if settings.precision != Precision::F64 && app.tab() == Tab::Formula {
            // As the p key says it there.
            app.status = Some(info(format!(
                "the Formula tab is in f64: the NumPy and PyTorch models cover the built-in \
                 activations, not a formula ({} on the other tabs)",
                settings.precision.name()
            )));
        }
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
    pub fn shared(&mut self, bytes: usize, command: &str) {
        let chars = command.chars().count();
        self.status = Some(info(if chars <= SHOWN_COMMAND {
            format!("copied {bytes} bytes (OSC 52); reopen: {command}")
        } else {
            format!(
                "copied {bytes} bytes (OSC 52), the reopen command with them ({chars} \
                 characters, too long to show)"
            )
        }));
    }

    /// The command line that reopens this state.
    #[must_use]
    pub fn command_line(&self) -> String {
        reopen::command_line(self, None)
    }

    /// The command line that reopens this state with the vector read from `path` (which holds
    /// [`App::vector_json`]).
    #[must_use]
    pub fn command_line_reading(&self, path: &str) -> String {
        reopen::command_line(self, Some(path))
    }

    /// The vector as a JSON file the reopen command can read: its values, or `[label, value]`
    /// pairs, every number written to read back exactly.
    #[must_use]
    pub fn vector_json(&self) -> String {
        reopen::vector_json(self)
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        // A message lasts until the next action (a resize is none); in an edit, the field's own
        // check speaks.
        if !matches!(action, Action::Resize(..)) {
            self.status = None;
        }
        let selection = self.selection();
        self.apply(action);
        // After any change of the vector or the selection, the selected element is in view.
        if self.selection() != selection {
            self.view.follow(self.vector.selected_value());
        }
    }

    /// The selected element, its value and the vector's length: what the chart follows.
    fn selection(&self) -> (usize, u64, usize) {
        let vector = &self.vector;
        (
            vector.selected(),
            vector.selected_value().to_bits(),
            vector.len(),
        )
    }

    fn apply(&mut self, action: Action) {
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
mod tests;
