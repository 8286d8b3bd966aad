//! How things look: colour or no colour, Unicode or ASCII.
//!
//! The 16 named colours only (they follow the user's terminal palette); with colour off, emphasis
//! is bold, reverse and markers alone.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols;

/// How a chart draws its points.
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

/// The look of one run of the explorer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    /// Colours on (`NO_COLOR` and `--no-color` turn them off).
    pub color: bool,
    /// Unicode symbols (box drawing, bars, `▶`); off when the locale is not UTF-8.
    pub unicode: bool,
    /// Braille glyphs: off on the Linux console (`TERM=linux`), whose fonts lack them.
    pub braille: bool,
}

/// What a piece of the screen is, for its style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The app name in the tab bar.
    Brand,
    /// The current tab.
    TabActive,
    /// Other tabs.
    Tab,
    /// The formula line.
    Formula,
    /// Secondary text.
    Dim,
    /// The curve f(x).
    Curve,
    /// The curve f'(x).
    Derivative,
    /// Input elements on the curve.
    Point,
    /// The selected element on the curve.
    PointSelected,
    /// The selected row of the vector panel.
    Selected,
    /// A refusal or failure.
    Error,
    /// A neutral message.
    Info,
    /// Probability bars.
    Bar,
    /// A warning flag (naive softmax overflow).
    Warn,
    /// Key names in the help and hint bar.
    Key,
    /// Panel borders.
    Border,
    /// A pinned comparison curve, drawn faintly.
    Compare,
    /// Saturated or dead regions under the chart.
    Band,
    /// The edit field's cursor.
    Cursor,
}

impl Theme {
    /// Decides from the environment and flags: colour unless `no_color` or `NO_COLOR` is set (to
    /// anything non-empty); Unicode when `LC_ALL`, `LC_CTYPE` or `LANG` (the first one set) names
    /// UTF-8 and `ascii` is not asked for.
    #[must_use]
    ///
    /// `TERM=dumb` gets ASCII without colour; `TERM=linux` (the Linux console, whose fonts have
    /// block elements but no braille) gets half blocks.
    pub fn from_env(no_color: bool, ascii: bool, env: impl Fn(&str) -> Option<String>) -> Theme {
        let no_color_env = env("NO_COLOR").is_some_and(|v| !v.is_empty());
        let term = env("TERM").unwrap_or_default();
        let dumb = term == "dumb";
        let unicode = !ascii && !dumb && locale_is_utf8(&env);
        Theme {
            color: !(no_color || no_color_env || dumb),
            unicode,
            braille: unicode && term != "linux",
        }
    }

    /// A theme with colour and Unicode as given, braille wherever Unicode is.
    #[must_use]
    pub const fn new(color: bool, unicode: bool) -> Theme {
        Theme {
            color,
            unicode,
            braille: unicode,
        }
    }

    /// The chart markers this terminal can show, the preferred first.
    #[must_use]
    pub fn markers(&self) -> &'static [MarkerKind] {
        match (self.unicode, self.braille) {
            (true, true) => &[
                MarkerKind::Braille,
                MarkerKind::HalfBlock,
                MarkerKind::Ascii,
            ],
            (true, false) => &[MarkerKind::HalfBlock, MarkerKind::Ascii],
            (false, _) => &[MarkerKind::Ascii],
        }
    }

    /// The style for a role.
    #[must_use]
    pub fn style(&self, role: Role) -> Style {
        let plain = Style::default();
        if !self.color {
            return match role {
                Role::Brand | Role::Formula | Role::Key | Role::Error => {
                    plain.add_modifier(Modifier::BOLD)
                }
                Role::TabActive | Role::Selected => plain.add_modifier(Modifier::REVERSED),
                // Underlined: the selected row it sits in is already reversed.
                Role::Cursor => plain.add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
                Role::PointSelected | Role::Warn => {
                    plain.add_modifier(Modifier::BOLD | Modifier::REVERSED)
                }
                _ => plain,
            };
        }
        match role {
            Role::Brand => plain
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            Role::TabActive => plain
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            Role::Tab | Role::Info => plain,
            Role::Formula => plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Role::Dim | Role::Border | Role::Compare => plain.fg(Color::DarkGray),
            Role::Band => plain.fg(Color::LightRed),
            Role::Curve => plain.fg(Color::Cyan),
            Role::Derivative => plain.fg(Color::Yellow),
            Role::Point => plain.fg(Color::Magenta),
            Role::PointSelected | Role::Error => {
                plain.fg(Color::LightRed).add_modifier(Modifier::BOLD)
            }
            Role::Selected => plain.add_modifier(Modifier::REVERSED),
            Role::Cursor => plain.fg(Color::Black).bg(Color::Yellow),
            Role::Bar => plain.fg(Color::Green),
            Role::Warn => plain
                .fg(Color::Black)
                .bg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            Role::Key => plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
        }
    }

    /// A colour for the i-th of several curves (softmax tab), or none without colour.
    #[must_use]
    pub fn series(&self, index: usize) -> Style {
        const CYCLE: [Color; 6] = [
            Color::Cyan,
            Color::Yellow,
            Color::Green,
            Color::Magenta,
            Color::LightBlue,
            Color::LightRed,
        ];
        if self.color {
            Style::default().fg(CYCLE[index % CYCLE.len()])
        } else {
            Style::default()
        }
    }

    /// The border set: rounded box drawing, or `+`, `-`, `|` in ASCII.
    #[must_use]
    pub fn border(&self) -> symbols::border::Set<'static> {
        if self.unicode {
            symbols::border::PLAIN
        } else {
            ASCII_BORDER
        }
    }

    /// The character marking an input element on the curve (`selected` for the highlighted one).
    #[must_use]
    pub fn point_symbol(&self, selected: bool) -> char {
        match (selected, self.unicode) {
            (true, true) => '●',
            (false, true) => '○',
            (true, false) => '@',
            (false, false) => 'o',
        }
    }

    /// `▶` or `>`.
    #[must_use]
    pub fn pointer(&self) -> &'static str {
        if self.unicode { "▶" } else { ">" }
    }

    /// A bar of `fraction` (0..=1) of `width` cells, in eighths with Unicode.
    #[must_use]
    pub fn bar(&self, fraction: f64, width: usize) -> String {
        const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
        let fraction = if fraction.is_finite() {
            fraction.clamp(0.0, 1.0)
        } else {
            0.0
        };
        if !self.unicode {
            let cells = (fraction * width as f64).round() as usize;
            return "#".repeat(cells.min(width));
        }
        let eighths = (fraction * width as f64 * 8.0).round() as usize;
        let full = (eighths / 8).min(width);
        let mut bar = "█".repeat(full);
        if full < width && !eighths.is_multiple_of(8) {
            bar.push(EIGHTHS[eighths % 8]);
        }
        bar
    }
}

/// Borders from `+`, `-` and `|`.
const ASCII_BORDER: symbols::border::Set<'static> = symbols::border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// Whether the locale's character set is UTF-8, by the POSIX precedence: the first of `LC_ALL`,
/// `LC_CTYPE`, `LANG` that is set and non-empty decides; none set means the C locale (ASCII).
fn locale_is_utf8(env: &impl Fn(&str) -> Option<String>) -> bool {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|name| env(name).filter(|v| !v.is_empty()))
        .is_some_and(|value| {
            let value = value.to_ascii_lowercase();
            value.contains("utf-8") || value.contains("utf8")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_string())
        }
    }

    #[test]
    fn locale_decides_unicode() {
        let cases: &[(&[(&str, &str)], bool)] = &[
            (&[("LANG", "en_US.UTF-8")], true),
            (&[("LANG", "C.utf8")], true),
            (&[("LANG", "C")], false),
            (&[], false),
            (&[("LC_ALL", "C"), ("LANG", "en_US.UTF-8")], false),
            (
                &[("LC_ALL", ""), ("LC_CTYPE", "de_DE.UTF-8"), ("LANG", "C")],
                true,
            ),
            (&[("LANG", "POSIX")], false),
        ];
        for (pairs, want) in cases {
            let theme = Theme::from_env(false, false, env(pairs));
            assert_eq!(theme.unicode, *want, "{pairs:?}");
        }
        let theme = Theme::from_env(false, true, env(&[("LANG", "en_US.UTF-8")]));
        assert!(!theme.unicode, "--ascii wins");
    }

    #[test]
    fn no_color_turns_colour_off() {
        assert!(Theme::from_env(false, false, env(&[])).color);
        assert!(!Theme::from_env(false, false, env(&[("NO_COLOR", "1")])).color);
        assert!(Theme::from_env(false, false, env(&[("NO_COLOR", "")])).color);
        assert!(!Theme::from_env(true, false, env(&[])).color);
    }

    #[test]
    fn without_colour_no_style_has_a_colour() {
        let theme = Theme::new(false, true);
        for role in [
            Role::Brand,
            Role::TabActive,
            Role::Curve,
            Role::Error,
            Role::Bar,
            Role::Warn,
        ] {
            let style = theme.style(role);
            assert_eq!((style.fg, style.bg), (None, None), "{role:?}");
        }
        assert_eq!(theme.series(3).fg, None);
    }

    #[test]
    fn bars_in_eighths_and_ascii() {
        let unicode = Theme::new(true, true);
        assert_eq!(unicode.bar(0.5, 4), "██");
        assert_eq!(unicode.bar(1.0, 4), "████");
        assert_eq!(unicode.bar(0.0, 4), "");
        assert_eq!(unicode.bar(f64::NAN, 4), "");
        assert_eq!(unicode.bar(0.5 + 1.0 / 16.0, 4), "██▎");
        assert_eq!(unicode.bar(0.5 + 1.0 / 8.0, 4), "██▌");
        let ascii = Theme::new(true, false);
        assert_eq!(ascii.bar(0.5, 4), "##");
        assert_eq!(ascii.pointer(), ">");
    }
}
