//! The explorer's state and how each [`Action`] changes it. No I/O and no drawing: everything here
//! runs in a unit test.

use crate::action::Action;
use crate::input::{self, InputError};
use crate::kernel::precision::{self, Evaluation, Precision};
use crate::kernel::{self, Activation, Level, Temperature};

/// The fewest elements the input vector may have.
pub const MIN_ELEMENTS: usize = 1;
/// The most elements the input vector may have.
pub const MAX_ELEMENTS: usize = 16;
/// The vector the explorer opens with.
pub const DEFAULT_VALUES: [f64; 3] = [1.2, 0.9, 0.4];
/// The x window the explorer opens with.
pub const DEFAULT_WINDOW: (f64, f64) = (-5.0, 5.0);
/// The narrowest and widest half-width the x window may zoom to.
const HALF_WIDTH_RANGE: (f64, f64) = (0.01, 1000.0);
/// The network depth the vanishing-gradient readout starts with, and its range.
pub const DEFAULT_DEPTH: u32 = 10;
const DEPTH_RANGE: (u32, u32) = (1, 100);
/// Temperatures that `[` and `]` step through on the Softmax tab.
const TEMPERATURES: [f64; 12] = [
    0.0, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0, 100.0,
];

/// One tab of the explorer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    /// An element-wise activation (the GELU tab shows the exact or the tanh form).
    Function(Activation),
    /// Softmax over the whole vector.
    Softmax,
}

/// The tabs, in order.
pub const TABS: [Tab; 11] = [
    Tab::Function(Activation::Step),
    Tab::Function(Activation::Sigmoid),
    Tab::Function(Activation::Tanh),
    Tab::Function(Activation::Relu),
    Tab::Function(Activation::LeakyRelu),
    Tab::Function(Activation::Elu),
    Tab::Function(Activation::Gelu),
    Tab::Function(Activation::Silu),
    Tab::Function(Activation::Mish),
    Tab::Function(Activation::Softplus),
    Tab::Softmax,
];

impl Tab {
    /// The short label in the tab bar.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Tab::Function(Activation::LeakyRelu) => "Leaky",
            Tab::Function(Activation::Gelu | Activation::GeluTanh) => "GELU",
            Tab::Function(a) => a.title(),
            Tab::Softmax => "Softmax",
        }
    }

    /// The tab a name on the command line means (`--tab gelu_tanh` opens GELU in its tanh form).
    #[must_use]
    pub fn from_name(name: &str) -> Option<(usize, bool)> {
        if name.trim().eq_ignore_ascii_case("softmax") {
            return Some((TABS.len() - 1, false));
        }
        let activation = Activation::from_name(name)?;
        let (wanted, approximate) = match activation {
            Activation::GeluTanh => (Activation::Gelu, true),
            other => (other, false),
        };
        let index = TABS.iter().position(|t| *t == Tab::Function(wanted))?;
        Some((index, approximate))
    }
}

/// What keys currently do.
#[derive(Clone, Debug, PartialEq)]
pub enum Mode {
    /// Browsing: keys select, nudge, switch tabs.
    Normal,
    /// Typing an exact value for the selected element.
    Editing(Edit),
    /// The help overlay is open.
    Help,
}

/// The state of the value being typed.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    /// The text typed so far.
    pub buffer: String,
    /// True until the first keystroke: typing then replaces the pre-filled value.
    pub fresh: bool,
    /// Why the buffer is not a usable number, if it is not.
    pub error: Option<String>,
}

impl Edit {
    fn new(text: String) -> Edit {
        let mut edit = Edit {
            buffer: text,
            fresh: true,
            error: None,
        };
        edit.validate();
        edit
    }

    fn validate(&mut self) {
        self.error = input::parse_number(&self.buffer)
            .err()
            .map(|err| describe_edit_error(&err));
    }
}

fn describe_edit_error(err: &InputError) -> String {
    match err {
        InputError::Empty => "type a number".to_string(),
        InputError::NotOne { .. } => "one number only".to_string(),
        InputError::Invalid { token, reason, .. } => format!("{token:?} {reason}"),
    }
}

/// How the chart draws its points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkerKind {
    /// Braille dots: 2x4 points a cell (needs a UTF-8 locale and a font with braille).
    Braille,
    /// Half blocks: 1x2 points a cell.
    HalfBlock,
    /// Plain ASCII characters, for any terminal.
    Ascii,
}

impl MarkerKind {
    fn next(self) -> MarkerKind {
        match self {
            MarkerKind::Braille => MarkerKind::HalfBlock,
            MarkerKind::HalfBlock => MarkerKind::Ascii,
            MarkerKind::Ascii => MarkerKind::Braille,
        }
    }

    /// Its name on screen.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            MarkerKind::Braille => "braille",
            MarkerKind::HalfBlock => "half-block",
            MarkerKind::Ascii => "ASCII",
        }
    }
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

/// How the explorer starts: what the command line asked for.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Tab index into [`TABS`].
    pub tab: usize,
    /// The GELU tab shows the tanh approximation.
    pub gelu_tanh: bool,
    /// The starting vector (1 to 16 finite numbers).
    pub values: Vec<f64>,
    /// A parameter for the starting tab's activation.
    pub param: Option<f64>,
    /// The softmax temperature.
    pub temperature: f64,
    /// The chart marker.
    pub marker: MarkerKind,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            tab: 1,
            gelu_tanh: false,
            values: DEFAULT_VALUES.to_vec(),
            param: None,
            temperature: 1.0,
            marker: MarkerKind::Braille,
        }
    }
}

/// The whole state of the explorer.
#[derive(Clone, Debug, PartialEq)]
pub struct App {
    tab: usize,
    values: Vec<f64>,
    selected: usize,
    params: [f64; Activation::ALL.len()],
    gelu_tanh: bool,
    temperature: f64,
    window: (f64, f64),
    show_derivative: bool,
    marker: MarkerKind,
    depth: u32,
    compare: Option<Activation>,
    target: Option<usize>,
    jacobian: bool,
    precision: Precision,
    mode: Mode,
    status: Option<Status>,
    request: Option<Request>,
}

/// Something only the terminal's owner can carry out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Request {
    Quit,
    Suspend,
    Share,
}

impl Default for App {
    fn default() -> App {
        App::new(Settings::default())
    }
}

impl App {
    /// An explorer in its starting state. Values that break the rules (none, more than 16,
    /// non-finite, a parameter out of range) are replaced by the defaults.
    #[must_use]
    pub fn new(settings: Settings) -> App {
        let values_ok = (MIN_ELEMENTS..=MAX_ELEMENTS).contains(&settings.values.len())
            && settings.values.iter().all(|v| v.is_finite());
        let mut app = App {
            tab: settings.tab.min(TABS.len() - 1),
            values: if values_ok {
                settings.values
            } else {
                DEFAULT_VALUES.to_vec()
            },
            selected: 0,
            params: Activation::ALL.map(Activation::default_param),
            gelu_tanh: settings.gelu_tanh,
            temperature: if Temperature::new(settings.temperature).is_ok() {
                settings.temperature
            } else {
                1.0
            },
            window: DEFAULT_WINDOW,
            show_derivative: true,
            marker: settings.marker,
            depth: DEFAULT_DEPTH,
            compare: None,
            target: None,
            jacobian: false,
            precision: Precision::F64,
            mode: Mode::Normal,
            status: None,
            request: None,
        };
        if let (Some(p), Tab::Function(a)) = (settings.param, app.tab())
            && a.param().is_some_and(|spec| spec.accepts(p))
        {
            app.params[activation_index(a)] = p;
        }
        app.follow_selection();
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

    /// The activation the current tab shows (the GELU tab's form included), if it is element-wise.
    #[must_use]
    pub fn activation(&self) -> Option<Activation> {
        match self.tab() {
            Tab::Function(Activation::Gelu) if self.gelu_tanh => Some(Activation::GeluTanh),
            Tab::Function(a) => Some(a),
            Tab::Softmax => None,
        }
    }

    /// The parameter value in force for `activation` (0 when it has none).
    #[must_use]
    pub fn param(&self, activation: Activation) -> f64 {
        self.params[activation_index(activation)]
    }

    /// The input vector.
    #[must_use]
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// Index of the selected element.
    #[must_use]
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The selected element's value.
    #[must_use]
    pub fn selected_value(&self) -> f64 {
        self.values[self.selected]
    }

    /// The softmax temperature.
    #[must_use]
    pub fn temperature(&self) -> f64 {
        self.temperature
    }

    /// The x window of the chart.
    #[must_use]
    pub fn window(&self) -> (f64, f64) {
        self.window
    }

    /// Whether f'(x) is drawn.
    #[must_use]
    pub fn show_derivative(&self) -> bool {
        self.show_derivative
    }

    /// The chart marker.
    #[must_use]
    pub fn marker(&self) -> MarkerKind {
        self.marker
    }

    /// The network depth N of the vanishing-gradient readout.
    #[must_use]
    pub fn depth(&self) -> u32 {
        self.depth
    }

    /// The activation pinned to draw beside the current one, if any.
    #[must_use]
    pub fn compare(&self) -> Option<Activation> {
        self.compare
    }

    /// The target class of the cross-entropy readout, if one is chosen.
    #[must_use]
    pub fn target(&self) -> Option<usize> {
        self.target
    }

    /// The precision the panel evaluates in.
    #[must_use]
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// Whether the Softmax tab shows the Jacobian in place of the chart.
    #[must_use]
    pub fn show_jacobian(&self) -> bool {
        self.jacobian
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

    /// Whether the explorer should close.
    #[must_use]
    pub fn should_quit(&self) -> bool {
        self.request == Some(Request::Quit)
    }

    /// Whether a suspend was asked for since the last call (the terminal owner carries it out).
    pub fn take_suspend(&mut self) -> bool {
        if self.request == Some(Request::Suspend) {
            self.request = None;
            true
        } else {
            false
        }
    }

    /// Whether a copy to the clipboard was asked for since the last call.
    pub fn take_share(&mut self) -> bool {
        if self.request == Some(Request::Share) {
            self.request = None;
            true
        } else {
            false
        }
    }

    /// Records how a copy went, for the status line.
    pub fn shared(&mut self, bytes: usize) {
        self.status = Some(info(format!(
            "copied {bytes} bytes; reopen: {}",
            self.command_line()
        )));
    }

    /// The command line that reopens this state: tab, vector, parameter, temperature.
    #[must_use]
    pub fn command_line(&self) -> String {
        let tab = match self.activation() {
            Some(a) => a.name(),
            None => "softmax",
        };
        let values: Vec<String> = self.values.iter().map(|&v| format_for_edit(v)).collect();
        let mut parts = vec![format!(
            "actscope --tab {tab} --input '{}'",
            values.join(" ")
        )];
        if let Some(a) = self.activation().filter(|a| a.param().is_some()) {
            parts.push(format!("--param {}", format_for_edit(self.param(a))));
        }
        if self.temperature != 1.0 {
            parts.push(format!(
                "--temperature {}",
                format_for_edit(self.temperature)
            ));
        }
        parts.join(" ")
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        if !matches!(self.mode, Mode::Editing(_)) {
            self.status = None;
        }
        match action {
            Action::Quit => self.request = Some(Request::Quit),
            Action::Suspend => self.request = Some(Request::Suspend),
            Action::Share => self.request = Some(Request::Share),
            Action::ToggleHelp => {
                self.mode = match self.mode {
                    Mode::Help => Mode::Normal,
                    _ => Mode::Help,
                };
            }
            Action::NextTab => self.tab = (self.tab + 1) % TABS.len(),
            Action::PrevTab => self.tab = (self.tab + TABS.len() - 1) % TABS.len(),
            Action::SelectTab(index) if index < TABS.len() => self.tab = index,
            Action::SelectNext => self.selected = (self.selected + 1) % self.values.len(),
            Action::SelectElement(index) if index < self.values.len() => self.selected = index,
            Action::SelectTab(_) | Action::SelectElement(_) => {}
            Action::SelectPrev => {
                self.selected = (self.selected + self.values.len() - 1) % self.values.len();
            }
            Action::Nudge(amount) => self.nudge(amount),
            Action::StartEdit => {
                self.mode = Mode::Editing(Edit::new(format_for_edit(self.selected_value())));
            }
            Action::EditInput(c) => self.edit(|edit| {
                if edit.fresh {
                    edit.buffer.clear();
                }
                edit.buffer.push(c);
            }),
            Action::EditBackspace => self.edit(|edit| {
                edit.buffer.pop();
            }),
            Action::EditClear => self.edit(|edit| edit.buffer.clear()),
            Action::EditCommit => self.commit_edit(),
            Action::EditCancel => {
                if matches!(self.mode, Mode::Editing(_)) {
                    self.mode = Mode::Normal;
                    self.status = Some(info(format!(
                        "edit cancelled: x{} stays {}",
                        self.selected,
                        format_for_edit(self.selected_value())
                    )));
                }
            }
            Action::AddElement => self.add_element(),
            Action::RemoveElement => self.remove_element(),
            Action::Paste(text) => self.paste(&text),
            Action::ParamUp => self.step_param(true),
            Action::ParamDown => self.step_param(false),
            Action::ZoomIn => self.zoom(0.5),
            Action::ZoomOut => self.zoom(2.0),
            Action::ResetView => self.window = DEFAULT_WINDOW,
            Action::ToggleDerivative => self.show_derivative = !self.show_derivative,
            Action::CycleMarker => {
                self.marker = self.marker.next();
                self.status = Some(info(format!("marker: {}", self.marker.name())));
            }
            Action::DepthUp => self.depth = (self.depth + 1).min(DEPTH_RANGE.1),
            Action::DepthDown => self.depth = self.depth.saturating_sub(1).max(DEPTH_RANGE.0),
            Action::CycleCompare => self.cycle_compare(),
            Action::ShiftAll(amount) => self.shift_all(amount),
            Action::CyclePrecision => {
                self.precision = self.precision.next();
                self.status = Some(info(format!(
                    "evaluating in {}: e^x overflows past x = {:.2}",
                    self.precision.name(),
                    self.precision.exp_limit()
                )));
            }
            Action::CycleTarget => {
                self.target = match self.target {
                    None => Some(0),
                    Some(t) if t + 1 < self.values.len() => Some(t + 1),
                    Some(_) => None,
                };
                self.status = Some(info(match self.target {
                    Some(t) => {
                        format!("target class x{t}: cross-entropy -log p{t}, gradient p - y")
                    }
                    None => "no target class".to_string(),
                }));
            }
            Action::ToggleJacobian => {
                self.jacobian = !self.jacobian;
                if self.jacobian && self.activation().is_some() {
                    self.status = Some(info("the Jacobian shows on the Softmax tab".to_string()));
                }
            }
            Action::ClearCompare => {
                self.compare = None;
                self.status = Some(info("comparison cleared".to_string()));
            }
        }
    }

    /// Adds `amount` to every element, and says how little the probabilities moved.
    fn shift_all(&mut self, amount: f64) {
        let shifted: Vec<f64> = self.values.iter().map(|&v| tidy(v + amount)).collect();
        if shifted.iter().any(|v| !v.is_finite()) {
            self.status = Some(error("a logit would pass ±1.8e308".to_string()));
            return;
        }
        let before = self.analysis().probabilities;
        self.values = shifted;
        self.follow_selection();
        let after = self.analysis().probabilities;
        let moved = before
            .iter()
            .zip(&after)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        self.status = Some(info(format!(
            "every logit {amount:+}: probabilities unchanged (largest change {})",
            crate::format::short(moved, 1)
        )));
    }

    /// None, then each activation in turn (never the one on screen), then None again.
    fn cycle_compare(&mut self) {
        let current = self.activation();
        let start = self
            .compare
            .and_then(|c| Activation::ALL.iter().position(|&a| a == c))
            .map_or(0, |i| i + 1);
        self.compare = Activation::ALL[start.min(Activation::ALL.len())..]
            .iter()
            .copied()
            .find(|&a| Some(a) != current);
        self.status = Some(info(match self.compare {
            Some(a) => format!("pinned {} for comparison (c next, C clears)", a.title()),
            None => "comparison cleared".to_string(),
        }));
    }

    fn nudge(&mut self, amount: f64) {
        let old = self.selected_value();
        let new = tidy(old + amount);
        if new.is_finite() {
            self.values[self.selected] = new;
            self.follow_selection();
        } else {
            self.status = Some(error(format!("x{} cannot go past ±1.8e308", self.selected)));
        }
    }

    fn edit(&mut self, change: impl FnOnce(&mut Edit)) {
        if let Mode::Editing(edit) = &mut self.mode {
            change(edit);
            edit.fresh = false;
            edit.validate();
        }
    }

    fn commit_edit(&mut self) {
        let Mode::Editing(edit) = &self.mode else {
            return;
        };
        match input::parse_number(&edit.buffer) {
            Ok(value) => {
                self.values[self.selected] = value;
                self.mode = Mode::Normal;
                self.status = Some(info(format!(
                    "x{} = {}",
                    self.selected,
                    format_for_edit(value)
                )));
                self.follow_selection();
            }
            Err(err) => {
                self.status = Some(error(format!(
                    "not a usable value: {}; Esc keeps {}",
                    describe_edit_error(&err),
                    format_for_edit(self.selected_value())
                )));
            }
        }
    }

    fn add_element(&mut self) {
        if self.values.len() >= MAX_ELEMENTS {
            self.status = Some(error(format!("at most {MAX_ELEMENTS} elements")));
            return;
        }
        self.values.insert(self.selected + 1, 0.0);
        self.selected += 1;
        self.mode = Mode::Editing(Edit::new("0".to_string()));
    }

    fn remove_element(&mut self) {
        if self.values.len() <= MIN_ELEMENTS {
            self.status = Some(error("the vector keeps at least one element".to_string()));
            return;
        }
        let removed = self.values.remove(self.selected);
        self.target = self.target.filter(|&t| t < self.values.len());
        self.selected = self.selected.min(self.values.len() - 1);
        self.status = Some(info(format!("removed {}", format_for_edit(removed))));
    }

    fn paste(&mut self, text: &str) {
        if let Mode::Editing(_) = self.mode {
            let single_line: String = text.chars().filter(|c| !c.is_control()).collect();
            self.edit(|edit| {
                if edit.fresh {
                    edit.buffer.clear();
                }
                edit.buffer.push_str(single_line.trim());
            });
            return;
        }
        match input::parse_vector(text) {
            Ok(values) if values.len() > MAX_ELEMENTS => {
                self.status = Some(error(format!(
                    "paste refused: {} numbers, at most {MAX_ELEMENTS}; vector unchanged",
                    values.len()
                )));
            }
            Ok(values) => {
                let count = values.len();
                self.values = values;
                self.target = self.target.filter(|&t| t < count);
                self.selected = self.selected.min(count - 1);
                self.status = Some(info(format!(
                    "pasted {count} number{}",
                    if count == 1 { "" } else { "s" }
                )));
                self.follow_selection();
            }
            Err(err) => {
                self.status = Some(error(format!("paste refused: {err}; vector unchanged")));
            }
        }
    }

    fn step_param(&mut self, up: bool) {
        match self.tab() {
            Tab::Softmax => {
                let t = self.temperature;
                let next = if up {
                    TEMPERATURES.iter().copied().find(|&v| v > t)
                } else {
                    TEMPERATURES.iter().rev().copied().find(|&v| v < t)
                };
                match next {
                    Some(v) => {
                        self.temperature = v;
                        self.status = Some(info(if v == 0.0 {
                            "T = 0: argmax (one-hot, ties split)".to_string()
                        } else {
                            format!("T = {v}")
                        }));
                    }
                    None => {
                        self.status = Some(error(format!(
                            "T is already at its {}",
                            if up {
                                "largest step"
                            } else {
                                "smallest (0 = argmax)"
                            }
                        )));
                    }
                }
            }
            Tab::Function(Activation::Gelu) => {
                self.gelu_tanh = !self.gelu_tanh;
                self.status = Some(info(if self.gelu_tanh {
                    "GELU: tanh approximation".to_string()
                } else {
                    "GELU: exact (erf)".to_string()
                }));
            }
            Tab::Function(a) => {
                let Some(spec) = a.param() else {
                    self.status = Some(error(format!("{} has no parameter", a.title())));
                    return;
                };
                let index = activation_index(a);
                let old = self.params[index];
                let new = tidy(if up { old + spec.step } else { old - spec.step });
                if spec.accepts(new) {
                    self.params[index] = new;
                    self.status = Some(info(format!("{} = {new}", spec.symbol)));
                } else {
                    self.status = Some(error(format!(
                        "{} stays {old}: {}",
                        spec.symbol,
                        spec.range_text()
                    )));
                }
            }
        }
    }

    fn zoom(&mut self, factor: f64) {
        let (lo, hi) = self.window;
        let half = ((hi - lo) / 2.0 * factor).clamp(HALF_WIDTH_RANGE.0, HALF_WIDTH_RANGE.1);
        self.window = window_around(self.selected_value(), half);
    }

    /// Pans the window so the selected element stays in view.
    fn follow_selection(&mut self) {
        let x = self.selected_value();
        let (lo, hi) = self.window;
        if x < lo || x > hi {
            self.window = window_around(x, (hi - lo) / 2.0);
        }
    }

    /// Everything the panels show about the vector, computed by the kernel.
    #[must_use]
    pub fn analysis(&self) -> Analysis {
        let mut analysis = Analysis::of(
            &self.values,
            self.activation(),
            self.activation().map_or(0.0, |a| self.param(a)),
            self.temperature,
        );
        analysis.through_depth = analysis
            .derivatives
            .iter()
            .map(|&d| kernel::through_layers(d, self.depth))
            .collect();
        analysis.depth_bound = self.activation().map_or(0.0, |a| {
            kernel::through_layers(a.derivative_bound(self.param(a)), self.depth)
        });
        if let Some(t) = self.target.filter(|&t| t < self.values.len()) {
            analysis.cross_entropy = Some(kernel::cross_entropy(&analysis.log_probabilities, t));
            analysis.gradient = kernel::cross_entropy_gradient(&analysis.probabilities, t);
        }
        if self.precision != Precision::F64 {
            let p = self.precision;
            match self.activation() {
                Some(a) => {
                    let param = self.param(a);
                    analysis.low = self
                        .values
                        .iter()
                        .map(|&x| {
                            (
                                precision::evaluate(p, a, x, param),
                                precision::evaluate_derivative(p, a, x, param),
                            )
                        })
                        .collect();
                    if a == Activation::Softplus {
                        analysis.stable_low = self
                            .values
                            .iter()
                            .map(|&x| precision::stable_softplus(p, x, param))
                            .collect();
                    }
                }
                None if self.temperature > 0.0 => {
                    analysis.naive = precision::naive_softmax(p, &self.values, self.temperature);
                    analysis.naive_log =
                        precision::naive_log_softmax(p, &self.values, self.temperature);
                }
                None => {}
            }
        }
        if let ([x0, x1], true) = (self.values.as_slice(), self.temperature > 0.0) {
            analysis.pair_sigmoid = Some(kernel::two_way_softmax(
                *x0,
                *x1,
                tempered(self.temperature),
            ));
        }
        analysis
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

/// Rounds away binary noise after a nudge (`1.2 + 0.1 = 1.3`, not `1.3000000000000003`).
fn tidy(value: f64) -> f64 {
    if !value.is_finite() {
        return value;
    }
    let text = format!("{value:.12e}");
    text.parse::<f64>().unwrap_or(value) + 0.0
}

/// A value as the edit field pre-fills it: the shortest text that reads back the same.
#[must_use]
pub fn format_for_edit(value: f64) -> String {
    crate::format::full_precision(value)
}

/// A temperature checked when it was set, as the kernel takes it.
fn tempered(t: f64) -> Temperature {
    Temperature::new(t).unwrap_or_default()
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

fn activation_index(activation: Activation) -> usize {
    Activation::ALL
        .iter()
        .position(|a| *a == activation)
        .unwrap_or(0)
}

/// What the kernel says about the input vector.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    /// f(x_i) (empty on the Softmax tab).
    pub outputs: Vec<f64>,
    /// f'(x_i) (empty on the Softmax tab).
    pub derivatives: Vec<f64>,
    /// softmax(x / T)_i.
    pub probabilities: Vec<f64>,
    /// log softmax(x / T)_i.
    pub log_probabilities: Vec<f64>,
    /// The naive exp(x/T) / Σ exp(x/T), NaN where it overflows.
    pub naive: Vec<f64>,
    /// Σ p_i, compensated.
    pub sum: f64,
    /// Index of the largest probability (the first one, on ties).
    pub argmax: usize,
    /// Entropy of p in nats.
    pub entropy: f64,
    /// `|f'(x_i)|^N` for the app's depth N: what a gradient keeps through N such layers.
    pub through_depth: Vec<f64>,
    /// `(sup |f'|)^N`: the most any input can keep.
    pub depth_bound: f64,
    /// With a target class: `-log p_t`.
    pub cross_entropy: Option<f64>,
    /// With a target class: the gradient of the cross-entropy in the tempered logits, `p_i - y_i`.
    pub gradient: Vec<f64>,
    /// With two elements: `σ((x0 - x1)/T)`, which equals `p0`.
    pub pair_sigmoid: Option<f64>,
    /// In a precision below f64: f(x_i) and f'(x_i) as that format computes them, flagged.
    pub low: Vec<(Evaluation, Evaluation)>,
    /// In a precision below f64, on the Softmax tab: `ln` of the naive softmax in that format.
    pub naive_log: Vec<f64>,
    /// In a precision below f64, on the Softplus tab: the stable form in that format.
    pub stable_low: Vec<f64>,
}

impl Analysis {
    /// Computes everything for `values` (finite) at parameter `param` and temperature `t` (valid).
    #[must_use]
    pub fn of(values: &[f64], activation: Option<Activation>, param: f64, t: f64) -> Analysis {
        let n = values.len();
        let (mut outputs, mut derivatives) = (Vec::new(), Vec::new());
        if let Some(a) = activation {
            outputs = vec![0.0; n];
            derivatives = vec![0.0; n];
            a.value_slice(Level::best(), values, param, &mut outputs);
            a.derivative_slice(Level::best(), values, param, &mut derivatives);
        }
        let mut probabilities = vec![0.0; n];
        let mut log_probabilities = vec![0.0; n];
        let mut naive = vec![0.0; n];
        let t = tempered(t);
        kernel::softmax(Level::best(), values, t, &mut probabilities);
        kernel::log_softmax(Level::best(), values, t, &mut log_probabilities);
        kernel::naive_softmax(values, t, &mut naive);
        let argmax = kernel::argmax(&probabilities);
        Analysis {
            through_depth: Vec::new(),
            depth_bound: 0.0,
            cross_entropy: None,
            gradient: Vec::new(),
            pair_sigmoid: None,
            low: Vec::new(),
            naive_log: Vec::new(),
            stable_low: Vec::new(),
            sum: kernel::compensated_sum(&probabilities),
            entropy: kernel::entropy(&probabilities, &log_probabilities),
            outputs,
            derivatives,
            probabilities,
            log_probabilities,
            naive,
            argmax,
        }
    }

    /// Whether the naive softmax broke (NaN or infinity) anywhere.
    #[must_use]
    pub fn naive_failed(&self) -> bool {
        self.naive.iter().any(|v| !v.is_finite())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(app.values(), DEFAULT_VALUES);
        let percent: Vec<String> = app
            .analysis()
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
        assert_eq!(app.tab(), Tab::Softmax);
        app.update(Action::NextTab);
        assert_eq!(app.tab_index(), 0);
        app.update(Action::SelectTab(6));
        assert_eq!(app.activation(), Some(Activation::Gelu));
        app.update(Action::SelectTab(99));
        assert_eq!(app.tab_index(), 6);
    }

    #[test]
    fn nudges_are_tidy_and_shift_is_bigger() {
        let mut app = App::default();
        app.update(Action::Nudge(0.1));
        assert_eq!(app.values()[0], 1.3);
        run(&mut app, [Action::Nudge(-1.0), Action::Nudge(-1.0)]);
        assert_eq!(app.values()[0], -0.7);
        run(&mut app, [Action::SelectNext, Action::Nudge(0.1)]);
        assert_eq!(app.values(), [-0.7, 1.0, 0.4]);
    }

    #[test]
    fn a_nudge_that_would_overflow_is_refused() {
        let mut app = app_with(&[f64::MAX]);
        app.update(Action::Nudge(f64::MAX));
        assert_eq!(app.values(), [f64::MAX]);
        assert_eq!(app.status().unwrap().kind, StatusKind::Error);
    }

    #[test]
    fn selection_wraps() {
        let mut app = App::default();
        app.update(Action::SelectPrev);
        assert_eq!(app.selected(), 2);
        app.update(Action::SelectNext);
        assert_eq!(app.selected(), 0);
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
        assert_eq!(app.values()[0], 1.2);
        assert_eq!(app.status().unwrap().kind, StatusKind::Error);
        run(&mut app, [Action::EditClear]);
        type_text(&mut app, "2.5");
        app.update(Action::EditCommit);
        assert_eq!(app.mode(), &Mode::Normal);
        assert_eq!(app.values()[0], 2.5);
    }

    #[test]
    fn refused_values_never_land() {
        for text in ["inf", "1e999", "", "abc", "1 2", "-"] {
            let mut app = App::default();
            app.update(Action::StartEdit);
            app.update(Action::EditClear);
            type_text(&mut app, text);
            app.update(Action::EditCommit);
            assert_eq!(app.values(), DEFAULT_VALUES, "{text:?}");
            app.update(Action::EditCancel);
            assert_eq!(app.mode(), &Mode::Normal);
            assert_eq!(app.values(), DEFAULT_VALUES, "{text:?}");
        }
    }

    #[test]
    fn backspace_edits_the_prefilled_value_and_typing_replaces_it() {
        let mut app = App::default();
        run(&mut app, [Action::StartEdit, Action::EditBackspace]);
        type_text(&mut app, "5");
        app.update(Action::EditCommit);
        assert_eq!(app.values()[0], 1.5);
        run(&mut app, [Action::StartEdit]);
        type_text(&mut app, "-3");
        app.update(Action::EditCommit);
        assert_eq!(app.values()[0], -3.0);
    }

    #[test]
    fn cancel_keeps_the_old_value() {
        let mut app = App::default();
        app.update(Action::StartEdit);
        type_text(&mut app, "7");
        app.update(Action::EditCancel);
        assert_eq!(app.values()[0], 1.2);
        assert!(app.status().unwrap().text.contains("stays 1.2"));
    }

    #[test]
    fn add_and_remove_stay_within_one_to_sixteen() {
        let mut app = app_with(&[1.0]);
        app.update(Action::RemoveElement);
        assert_eq!(app.values(), [1.0]);
        assert_eq!(app.status().unwrap().kind, StatusKind::Error);
        for _ in 0..20 {
            app.update(Action::AddElement);
            app.update(Action::EditCancel);
        }
        assert_eq!(app.values().len(), MAX_ELEMENTS);
        app.update(Action::AddElement);
        assert_eq!(app.values().len(), MAX_ELEMENTS);
        assert_eq!(app.status().unwrap().kind, StatusKind::Error);
        for _ in 0..20 {
            app.update(Action::RemoveElement);
        }
        assert_eq!(app.values().len(), MIN_ELEMENTS);
    }

    #[test]
    fn add_inserts_after_the_selection_and_edits_it() {
        let mut app = App::default();
        app.update(Action::AddElement);
        assert_eq!(app.selected(), 1);
        type_text(&mut app, "3");
        app.update(Action::EditCommit);
        assert_eq!(app.values(), [1.2, 3.0, 0.9, 0.4]);
    }

    #[test]
    fn paste_replaces_the_vector_all_or_nothing() {
        let mut app = App::default();
        app.update(Action::Paste("[900, 1000, 1000]".into()));
        assert_eq!(app.values(), [900.0, 1000.0, 1000.0]);
        let analysis = app.analysis();
        assert!(analysis.naive_failed());
        assert_eq!(analysis.probabilities[1], 0.5);
        app.update(Action::Paste("1, 2, nan".into()));
        assert_eq!(app.values(), [900.0, 1000.0, 1000.0]);
        assert!(app.status().unwrap().text.contains("\"nan\""));
        let too_many = vec!["1"; 17].join(" ");
        app.update(Action::Paste(too_many));
        assert_eq!(app.values().len(), 3);
        app.update(Action::Paste("5".into()));
        assert_eq!(app.values(), [5.0]);
        assert_eq!(app.selected(), 0);
    }

    #[test]
    fn paste_while_editing_fills_the_field() {
        let mut app = App::default();
        app.update(Action::StartEdit);
        app.update(Action::Paste("  4.25\n".into()));
        app.update(Action::EditCommit);
        assert_eq!(app.values()[0], 4.25);
    }

    #[test]
    fn temperature_steps_and_reaches_argmax() {
        let mut app = App::default();
        app.update(Action::SelectTab(10));
        app.update(Action::ParamDown);
        assert_eq!(app.temperature(), 0.75);
        for _ in 0..10 {
            app.update(Action::ParamDown);
        }
        assert_eq!(app.temperature(), 0.0);
        assert_eq!(app.analysis().probabilities, [1.0, 0.0, 0.0]);
        app.update(Action::ParamUp);
        assert_eq!(app.temperature(), 0.1);
    }

    #[test]
    fn parameters_step_within_their_range() {
        let mut app = App::default();
        app.update(Action::SelectTab(4));
        app.update(Action::ParamUp);
        assert_eq!(app.param(Activation::LeakyRelu), 0.02);
        app.update(Action::SelectTab(9));
        for _ in 0..10 {
            app.update(Action::ParamDown);
        }
        assert_eq!(app.param(Activation::Softplus), 0.25);
        assert_eq!(app.status().unwrap().kind, StatusKind::Error);
        app.update(Action::SelectTab(6));
        app.update(Action::ParamUp);
        assert_eq!(app.activation(), Some(Activation::GeluTanh));
        app.update(Action::SelectTab(1));
        app.update(Action::ParamUp);
        assert_eq!(app.status().unwrap().kind, StatusKind::Error);
    }

    #[test]
    fn zoom_centres_on_the_selection_and_reset_restores() {
        let mut app = App::default();
        app.update(Action::ZoomIn);
        assert_eq!(app.window(), (1.2 - 2.5, 1.2 + 2.5));
        app.update(Action::ResetView);
        assert_eq!(app.window(), DEFAULT_WINDOW);
        for _ in 0..40 {
            app.update(Action::ZoomOut);
        }
        assert_eq!(app.window().1 - app.window().0, 2000.0);
    }

    #[test]
    fn the_window_follows_a_value_that_leaves_it() {
        let mut app = App::default();
        app.update(Action::StartEdit);
        type_text(&mut app, "12");
        app.update(Action::EditCommit);
        let (lo, hi) = app.window();
        assert!(lo <= 12.0 && 12.0 <= hi);
    }

    #[test]
    fn settings_that_break_the_rules_fall_back() {
        let app = App::new(Settings {
            values: vec![f64::NAN],
            temperature: -1.0,
            tab: 99,
            ..Settings::default()
        });
        assert_eq!(app.values(), DEFAULT_VALUES);
        assert_eq!(app.temperature(), 1.0);
        assert_eq!(app.tab(), Tab::Softmax);
        let app = App::new(Settings {
            tab: 4,
            param: Some(0.2),
            ..Settings::default()
        });
        assert_eq!(app.param(Activation::LeakyRelu), 0.2);
    }

    #[test]
    fn the_window_starts_on_the_first_element() {
        let app = app_with(&[900.0, 1000.0]);
        let (lo, hi) = app.window();
        assert!(lo <= 900.0 && 900.0 <= hi);
        assert_eq!(App::default().window(), DEFAULT_WINDOW);
    }

    #[test]
    fn depth_steps_within_one_to_a_hundred_and_scales_the_gradient() {
        let mut app = App::default();
        assert_eq!(app.depth(), DEFAULT_DEPTH);
        let analysis = app.analysis();
        let d = Activation::Sigmoid.derivative(1.2, 0.0);
        assert_eq!(analysis.through_depth[0], d.powi(10));
        assert_eq!(analysis.depth_bound, 0.25f64.powi(10));
        for _ in 0..200 {
            app.update(Action::DepthUp);
        }
        assert_eq!(app.depth(), 100);
        for _ in 0..200 {
            app.update(Action::DepthDown);
        }
        assert_eq!(app.depth(), 1);
    }

    #[test]
    fn compare_cycles_past_the_current_activation_and_clears() {
        let mut app = App::default();
        app.update(Action::CycleCompare);
        assert_eq!(app.compare(), Some(Activation::Step));
        app.update(Action::CycleCompare);
        assert_eq!(
            app.compare(),
            Some(Activation::Tanh),
            "sigmoid itself is skipped"
        );
        app.update(Action::ClearCompare);
        assert_eq!(app.compare(), None);
        for _ in 0..Activation::ALL.len() - 1 {
            app.update(Action::CycleCompare);
        }
        assert_eq!(app.compare(), Some(Activation::Softplus));
        app.update(Action::CycleCompare);
        assert_eq!(app.compare(), None);
    }

    #[test]
    fn the_command_line_reopens_the_state() {
        let mut app = App::default();
        assert_eq!(
            app.command_line(),
            "actscope --tab sigmoid --input '1.2 0.9 0.4'"
        );
        app.update(Action::SelectTab(4));
        app.update(Action::ParamUp);
        app.update(Action::Nudge(-1.0));
        assert_eq!(
            app.command_line(),
            "actscope --tab leaky_relu --input '0.2 0.9 0.4' --param 0.02"
        );
        app.update(Action::SelectTab(10));
        app.update(Action::ParamDown);
        assert!(
            app.command_line()
                .ends_with("--tab softmax --input '0.2 0.9 0.4' --temperature 0.75")
        );
        app.update(Action::SelectTab(6));
        app.update(Action::ParamUp);
        assert!(app.command_line().starts_with("actscope --tab gelu_tanh "));
        app.update(Action::Share);
        assert!(app.take_share());
        assert!(!app.take_share());
    }

    #[test]
    fn softmax_insights() {
        let mut app = App::default();
        app.update(Action::SelectTab(10));
        app.update(Action::ShiftAll(1.0));
        assert_eq!(app.values(), [2.2, 1.9, 1.4]);
        let status = &app.status().unwrap().text;
        assert!(status.contains("probabilities unchanged"), "{status}");
        app.update(Action::CycleTarget);
        let analysis = app.analysis();
        assert_eq!(app.target(), Some(0));
        assert_eq!(analysis.cross_entropy, Some(-analysis.log_probabilities[0]));
        assert_eq!(analysis.gradient[0], analysis.probabilities[0] - 1.0);
        assert_eq!(analysis.gradient[1], analysis.probabilities[1]);
        assert!(analysis.gradient.iter().sum::<f64>().abs() < 1e-15);
        for _ in 0..3 {
            app.update(Action::CycleTarget);
        }
        assert_eq!(app.target(), None);
        app.update(Action::Paste("0.5 0.2".into()));
        let analysis = app.analysis();
        let pair = analysis.pair_sigmoid.unwrap();
        assert!((pair - analysis.probabilities[0]).abs() < 1e-15);
        app.update(Action::ToggleJacobian);
        assert!(app.show_jacobian());
    }

    #[test]
    fn precision_cycles_and_flags_saturation() {
        let mut app = app_with(&[17.0, 0.5]);
        app.update(Action::CyclePrecision);
        assert_eq!(app.precision(), Precision::F32);
        let analysis = app.analysis();
        assert_eq!(analysis.low[0].0.value, 1.0);
        assert_eq!(analysis.low[0].0.flag, precision::Flag::Saturated);
        assert_eq!(analysis.low[1].0.flag, precision::Flag::Fine);
        app.update(Action::CyclePrecision);
        app.update(Action::SelectTab(10));
        app.update(Action::Paste("12 1".into()));
        assert!(app.analysis().naive[0].is_nan(), "f16 exp(12) overflows");
        for _ in 0..2 {
            app.update(Action::CyclePrecision);
        }
        assert_eq!(app.precision(), Precision::F64);
        assert!(app.analysis().low.is_empty());
    }

    #[test]
    fn tab_names_resolve() {
        assert_eq!(Tab::from_name("softmax"), Some((10, false)));
        assert_eq!(Tab::from_name("gelu_tanh"), Some((6, true)));
        assert_eq!(Tab::from_name("swish"), Some((7, false)));
        assert_eq!(Tab::from_name("nope"), None);
    }

    #[test]
    fn help_and_quit() {
        let mut app = App::default();
        app.update(Action::ToggleHelp);
        assert_eq!(app.mode(), &Mode::Help);
        app.update(Action::ToggleHelp);
        assert_eq!(app.mode(), &Mode::Normal);
        app.update(Action::Quit);
        assert!(app.should_quit());
    }

    #[test]
    fn suspend_is_asked_for_once() {
        let mut app = App::default();
        assert!(!app.take_suspend());
        app.update(Action::Suspend);
        assert!(app.take_suspend());
        assert!(!app.take_suspend());
    }
}
