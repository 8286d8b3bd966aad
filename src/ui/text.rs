//! A drawn buffer as text for stdout: the symbols alone, or with their colours.
//!
//! The colours are the backend's SGR sequences (one writer of escape sequences:
//! [`crate::backend`]).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Widget;

use crate::backend::{Pen, sgr};

/// The buffer's rows as lines, trailing blanks trimmed. With colour: the 16 named colours, bold
/// and reverse as SGR sequences, reset at the end of each row that set any.
#[must_use]
pub fn buffer_to_text(buffer: &Buffer, color: bool) -> String {
    let area = buffer.area;
    let mut text = String::new();
    for y in area.top()..area.bottom() {
        // The row up to its last cell that shows something.
        let end = (area.left()..area.right())
            .rev()
            .find(|&x| {
                let cell = &buffer[(x, y)];
                cell.symbol() != " " || (color && visible(cell.style()) != Pen::default())
            })
            .map_or(area.left(), |x| x + 1);
        let mut pen = Pen::default();
        // A wide character (CJK, emoji) covers the cell after it, which holds a blank.
        let mut covered = 0;
        for x in area.left()..end {
            let cell = &buffer[(x, y)];
            if covered > 0 {
                covered -= 1;
                continue;
            }
            covered = ratatui::text::Span::raw(cell.symbol())
                .width()
                .saturating_sub(1);
            if color {
                let wanted = visible(cell.style());
                if wanted != pen {
                    text.push_str(&sgr(pen, wanted));
                    pen = wanted;
                }
            }
            text.push_str(cell.symbol());
        }
        if pen != Pen::default() {
            text.push_str(&sgr(pen, Pen::default()));
        }
        text.push('\n');
    }
    text
}

/// `lines` laid out `width` columns wide, as [`buffer_to_text`] prints them.
#[must_use]
pub fn lines_to_text(lines: &[Line], width: u16, color: bool) -> String {
    let height = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let mut buffer = Buffer::empty(Rect::new(0, 0, width, height));
    for (row, line) in lines.iter().enumerate() {
        let row = u16::try_from(row).unwrap_or(u16::MAX);
        line.clone()
            .render(Rect::new(0, row, width, 1), &mut buffer);
    }
    buffer_to_text(&buffer, color)
}

/// What of a style shows on stdout: its colours (`Reset` counts as none), bold and reverse.
fn visible(style: Style) -> Pen {
    let colour = |c: Option<Color>| c.unwrap_or(Color::Reset);
    Pen {
        fg: colour(style.fg),
        bg: colour(style.bg),
        modifier: style.add_modifier & (Modifier::BOLD | Modifier::REVERSED),
    }
}

/// `text` as the terminal can show it: symbols spelled out in ASCII when it lacks UTF-8.
pub(super) fn shown(theme: &crate::theme::Theme, text: &str) -> String {
    if theme.unicode {
        text.to_string()
    } else {
        asciify(text)
    }
}

/// `pieces` on one line, `gap` between them, in at most `width` columns: whole pieces while they
/// fit, then the next one shortened by whole words (with an ellipsis) if that leaves a word of it,
/// and nothing after. Never cuts a word.
#[must_use]
pub fn fit_pieces<'a>(
    pieces: &[(String, ratatui::style::Style)],
    gap: &str,
    width: usize,
    unicode: bool,
) -> Line<'a> {
    let mut spans: Vec<ratatui::text::Span<'a>> = Vec::new();
    let mut used = 0;
    for (text, style) in pieces {
        let lead = if spans.is_empty() { "" } else { gap };
        let room = width.saturating_sub(used + lead.chars().count());
        let Some(fitted) = fit_words(text, room, unicode) else {
            break;
        };
        let whole = fitted == *text;
        if !lead.is_empty() {
            spans.push(ratatui::text::Span::raw(lead.to_string()));
        }
        used += lead.chars().count() + fitted.chars().count();
        spans.push(ratatui::text::Span::styled(fitted, *style));
        if !whole {
            break;
        }
    }
    Line::from(spans)
}

/// `pieces` laid out on as many lines of at most `width` columns as they need, `gap` between
/// pieces: word by word, a piece going on to the next line where the line ends (a word longer
/// than a line is shortened, as [`wrap_words`] does). Nothing is left out, no word is cut.
#[must_use]
pub fn wrap_pieces<'a>(
    pieces: &[(String, ratatui::style::Style)],
    gap: &str,
    width: usize,
    unicode: bool,
) -> Vec<Line<'a>> {
    let mut lines: Vec<Line<'a>> = Vec::new();
    let mut current: Vec<ratatui::text::Span<'a>> = Vec::new();
    let mut used = 0;
    for (text, style) in pieces {
        for (k, word) in text.split(' ').filter(|w| !w.is_empty()).enumerate() {
            let word = fit_words(word, width, unicode).unwrap_or_else(|| word.to_string());
            let separator = match (used, k) {
                (0, _) => "",
                (_, 0) => gap,
                _ => " ",
            };
            let len = word.chars().count();
            if used > 0 && used + separator.chars().count() + len > width {
                lines.push(Line::from(std::mem::take(&mut current)));
                used = 0;
            }
            if used > 0 {
                current.push(ratatui::text::Span::raw(separator.to_string()));
                used += separator.chars().count();
            }
            used += len;
            current.push(ratatui::text::Span::styled(word, *style));
        }
    }
    if !current.is_empty() {
        lines.push(Line::from(current));
    }
    lines
}

/// `text` broken into lines of at most `width` columns at spaces; a word longer than a line gets
/// a line of its own (and is shortened only if it alone cannot fit).
#[must_use]
pub fn wrap_words(text: &str, width: usize, unicode: bool) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let needed =
            current.chars().count() + usize::from(!current.is_empty()) + word.chars().count();
        if needed <= width || current.is_empty() {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        } else {
            lines.push(std::mem::take(&mut current));
            current.push_str(word);
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
        .into_iter()
        .map(|line| fit_words(&line, width, unicode).unwrap_or(line))
        .collect()
}

/// `text` shortened to at most `width` columns by whole words, with an ellipsis where words were
/// left out (`…`, or `...` in ASCII); `None` when not even the first word and the ellipsis fit.
#[must_use]
pub fn fit_words(text: &str, width: usize, unicode: bool) -> Option<String> {
    if text.chars().count() <= width {
        return Some(text.to_string());
    }
    let ellipsis = if unicode { "…" } else { "..." };
    let room = width.checked_sub(ellipsis.chars().count())?;
    // The longest prefix that ends at a word boundary and fits beside the ellipsis.
    let mut end = None;
    for (at, c) in text.char_indices() {
        if c == ' ' {
            if text[..at].chars().count() > room {
                break;
            }
            let kept = text[..at].trim_end();
            if !kept.is_empty() {
                end = Some(kept.len());
            }
        }
    }
    end.map(|end| format!("{}{ellipsis}", &text[..end]))
}

/// The formulas' Greek letters and symbols spelled out for an ASCII terminal, kept apart from
/// what they touch: a factor is multiplied (`lambda*x`, `lambda*alpha*(e^x - 1)`,
/// `sigma(beta*x)`, `x*Phi(x)`), a root takes its argument in brackets (`sqrt(2)`).
#[must_use]
pub fn asciify(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        let next = chars.get(k + 1).copied();
        k += 1;
        if let Some((name, factor)) = greek(c) {
            // Glued to a name or number before it: a product.
            if out.ends_with(|p: char| p.is_ascii_alphanumeric() || p == ')') {
                out.push('*');
            }
            out.push_str(name);
            let glued = next.is_some_and(|n| n.is_ascii_alphanumeric() || greek(n).is_some());
            if glued || (factor && next == Some('(')) {
                out.push(if c == 'Σ' { ' ' } else { '*' });
            }
            continue;
        }
        match c {
            '√' if next.is_some_and(|n| n.is_ascii_alphanumeric()) => {
                // `√2` -> `sqrt(2)`: the digits or letters it stands over.
                out.push_str("sqrt(");
                while let Some(&d) = chars
                    .get(k)
                    .filter(|d| d.is_ascii_alphanumeric() || **d == '.')
                {
                    out.push(d);
                    k += 1;
                }
                out.push(')');
            }
            '√' => out.push_str("sqrt"),
            '·' => out.push('*'),
            '½' => out.push_str("0.5"),
            '³' => out.push_str("^3"),
            '²' => out.push_str("^2"),
            '≈' => out.push('~'),
            '∞' => out.push_str("inf"),
            '→' => out.push_str("->"),
            '←' => out.push_str("<-"),
            '↑' => out.push_str("up"),
            '↓' => out.push_str("down"),
            '—' | '−' => out.push('-'),
            '±' => out.push_str("+/-"),
            '▁' => out.push('_'),
            '▶' | '›' => out.push('>'),
            'δ' | '∂' => out.push('d'),
            '×' => out.push('x'),
            '‹' => out.push('<'),
            '▃' => out.push('='),
            '…' => out.push_str("..."),
            '≥' => out.push_str(">="),
            '≤' => out.push_str("<="),
            '′' => out.push('\''),
            // A space no line breaks at: kept for the wrapping, made a space after it.
            '\u{a0}' => out.push('\u{a0}'),
            c if c.is_ascii() => out.push(c),
            _ => out.push('?'),
        }
    }
    out
}

/// A Greek letter's spelled-out name, and whether it is a factor (a constant that multiplies
/// what follows it, brackets too) rather than a function (`sigma(x)`, `Phi(x)`, `sum`).
fn greek(c: char) -> Option<(&'static str, bool)> {
    Some(match c {
        'σ' => ("sigma", false),
        'Φ' => ("Phi", false),
        'Σ' => ("sum", false),
        'α' => ("alpha", true),
        'β' => ("beta", true),
        'λ' => ("lambda", true),
        'π' => ("pi", true),
        'τ' => ("tau", true),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::text::Span;

    #[test]
    fn ascii_keeps_greek_names_apart_from_what_they_touch() {
        let cases = [
            (
                "λx if x > 0, else λα·(e^x − 1)",
                "lambda*x if x > 0, else lambda*alpha*(e^x - 1)",
            ),
            ("x·σ(βx)", "x*sigma(beta*x)"),
            ("ln(1 + e^(βx))/β", "ln(1 + e^(beta*x))/beta"),
            ("e^-βx", "e^-beta*x"),
            ("βx > 20", "beta*x > 20"),
            ("xΦ(x)", "x*Phi(x)"),
            ("½x·erfc(-x/√2)", "0.5x*erfc(-x/sqrt(2))"),
            ("tanh(√(2/π)·(x))", "tanh(sqrt(2/pi)*(x))"),
            ("(-λα, ∞)", "(-lambda*alpha, inf)"),
            ("Σ_j e^(x_j/T)", "sum_j e^(x_j/T)"),
            ("σ' = σ(1 - σ)", "sigma' = sigma(1 - sigma)"),
            ("max(x/T - τ, 0)", "max(x/T - tau, 0)"),
            ("f′ ≥ 0, p ≤ 1", "f' >= 0, p <= 1"),
        ];
        for (text, ascii) in cases {
            assert_eq!(asciify(text), ascii, "{text}");
        }
    }

    #[test]
    fn every_symbol_the_texts_use_has_an_ascii_form() {
        // the non-ASCII letters and symbols in the app's and the kernel's texts (box drawing,
        // blocks and braille are the theme's)
        let used = "αβ±·…→σ∞Σ≈←λ−∂↓↑√×½δΦ▶›‹—²′π³≥≤τ▁▃";
        for c in used.chars() {
            let ascii = asciify(&c.to_string());
            assert!(ascii.is_ascii() && !ascii.contains('?'), "{c} -> {ascii}");
        }
    }

    #[test]
    fn plain_and_coloured() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 4, 2));
        buffer.set_string(0, 0, "ab", Style::default().fg(Color::Cyan));
        buffer.set_string(0, 1, "c", Style::default());
        assert_eq!(buffer_to_text(&buffer, false), "ab\nc\n");
        assert_eq!(buffer_to_text(&buffer, true), "\x1b[36mab\x1b[39m\nc\n");
        let bold = Style::default()
            .add_modifier(Modifier::BOLD)
            .fg(Color::LightRed);
        buffer.set_string(0, 1, "c", bold);
        assert_eq!(
            buffer_to_text(&buffer, true),
            "\x1b[36mab\x1b[39m\n\x1b[1;91mc\x1b[0m\n"
        );
    }

    #[test]
    fn words_are_left_out_whole() {
        let fact = "defaults: exact in PyTorch, Keras; tanh in JAX";
        assert_eq!(fit_words(fact, 60, true).as_deref(), Some(fact));
        assert_eq!(
            fit_words(fact, 30, true).as_deref(),
            Some("defaults: exact in PyTorch,…")
        );
        assert_eq!(
            fit_words(fact, 30, false).as_deref(),
            Some("defaults: exact in PyTorch,...")
        );
        assert_eq!(fit_words(fact, 5, true), None);
        assert_eq!(fit_words("one", 2, true), None);
    }

    #[test]
    fn pieces_wrap_whole_and_nothing_is_left_out() {
        let style = Style::default();
        let pieces: Vec<(String, Style)> = ["f16:", "NumPy x0 saturated", "PyTorch x1 overflow"]
            .iter()
            .map(|t| ((*t).to_string(), style))
            .collect();
        let text =
            |lines: &[Line]| -> Vec<String> { lines.iter().map(ToString::to_string).collect() };
        assert_eq!(
            text(&wrap_pieces(&pieces, "   ", 80, true)),
            ["f16:   NumPy x0 saturated   PyTorch x1 overflow"]
        );
        assert_eq!(
            text(&wrap_pieces(&pieces, "   ", 30, true)),
            ["f16:   NumPy x0 saturated", "PyTorch x1 overflow"]
        );
        assert_eq!(
            text(&wrap_pieces(&pieces, "   ", 36, true)),
            ["f16:   NumPy x0 saturated   PyTorch", "x1 overflow"]
        );
        assert_eq!(
            text(&wrap_pieces(&pieces, "   ", 12, true)),
            ["f16:   NumPy", "x0 saturated", "PyTorch x1", "overflow"]
        );
    }

    #[test]
    fn lines_lay_out_and_trim() {
        let lines = [
            Line::from(vec![
                Span::raw("x0  "),
                Span::styled("██", Style::default().fg(Color::Green)),
            ]),
            Line::from("x1"),
        ];
        assert_eq!(lines_to_text(&lines, 10, false), "x0  ██\nx1\n");
        assert_eq!(
            lines_to_text(&lines, 10, true),
            "x0  \x1b[32m██\x1b[39m\nx1\n"
        );
    }
}
