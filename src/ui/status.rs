//! The status line and the one-line key hints, both fitted to the width by whole pieces and words.
//!
//! The status line holds a message, the edit field's verdict, or the selected element's readout,
//! its numbers whole.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{fit_pieces, shown, wrap_words};
use crate::analysis::{Analysis, Chart};
use crate::app::{App, Edit, Mode, Origin, Panel, StatusKind, Tab};
use crate::bindings::{self, TabKind};
use crate::format;
use crate::kernel::precision::Precision;
use crate::keymap::scope_of;
use crate::theme::{Role, Theme};

/// The most rows a long message takes (the reopen command after `y`).
const MOST_ROWS: usize = 3;

/// The rows the status line needs at `width`: a message wraps over up to three; anything else
/// takes one.
pub(super) fn rows(app: &App, theme: &Theme, width: u16) -> u16 {
    app.status().map_or(1, |status| {
        let lines = wrap_words(
            &shown(theme, &status.text),
            usize::from(width.saturating_sub(1)),
            theme.unicode,
        );
        u16::try_from(lines.len().clamp(1, MOST_ROWS)).unwrap_or(1)
    })
}

pub(super) fn render(app: &App, analysis: &Analysis, theme: &Theme, frame: &mut Frame, area: Rect) {
    if let Some(status) = app.status()
        && area.height > 1
    {
        // A message too long for one row, wrapped by words.
        let role = match status.kind {
            StatusKind::Info => Role::Info,
            StatusKind::Error => Role::Error,
        };
        let lines: Vec<Line> = wrap_words(
            &shown(theme, &status.text),
            usize::from(area.width.saturating_sub(1)),
            theme.unicode,
        )
        .into_iter()
        .take(usize::from(area.height))
        .map(|line| Line::styled(format!(" {line}"), theme.style(role)))
        .collect();
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let pieces: Vec<(String, Style)> = if let Some(status) = app.status() {
        let role = match status.kind {
            StatusKind::Info => Role::Info,
            StatusKind::Error => Role::Error,
        };
        vec![(status.text.clone(), theme.style(role))]
    } else if let Mode::Editing(edit) = app.mode() {
        edit_pieces(app, edit, theme)
    } else {
        readout_pieces(app, analysis, theme)
    };
    let mut pieces: Vec<(String, Style)> = pieces
        .into_iter()
        .map(|(text, style)| (shown(theme, &text), style))
        .collect();
    let width = usize::from(area.width.saturating_sub(1));
    if app.status().is_none() && !matches!(app.mode(), Mode::Editing(_)) {
        // A readout's numbers whole or not at all (never `p…`).
        let mut used = 0;
        let whole = pieces
            .iter()
            .take_while(|(text, _)| {
                used += text.chars().count() + if used == 0 { 0 } else { 3 };
                used <= width
            })
            .count();
        pieces.truncate(whole.max(1));
    }
    let mut line = fit_pieces(&pieces, "   ", width, theme.unicode);
    line.spans.insert(0, Span::raw(" "));
    frame.render_widget(Paragraph::new(line), area);
}

pub(super) fn render_hints(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let kind = match app.tab() {
        Tab::Function(_) => TabKind::Function,
        Tab::Softmax => TabKind::Softmax,
        Tab::Formula => TabKind::Formula,
    };
    let hints = bindings::hints(scope_of(app.mode()), kind);
    let width =
        |keys: &str, what: &str| shown(theme, keys).chars().count() + what.chars().count() + 3;
    // Keep the most important that fit, then show them in their places.
    let mut by_priority: Vec<usize> = (0..hints.len()).collect();
    by_priority.sort_by_key(|&i| hints[i].0);
    let mut budget = usize::from(area.width);
    let mut kept = vec![false; hints.len()];
    for i in by_priority {
        let (_, keys, what) = hints[i];
        let needed = width(keys, what);
        if needed <= budget {
            budget -= needed;
            kept[i] = true;
        }
    }
    let mut spans = Vec::new();
    for (i, &(_, keys, what)) in hints.iter().enumerate() {
        if kept[i] {
            spans.push(Span::styled(
                format!(" {}", shown(theme, keys)),
                theme.style(Role::Key),
            ));
            spans.push(Span::styled(format!(" {what} "), theme.style(Role::Dim)));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The status line while a value or the formula is typed: the field's verdict and how to leave.
fn edit_pieces(app: &App, edit: &Edit, theme: &Theme) -> Vec<(String, Style)> {
    let name = app.vector().name(app.vector().selected());
    let plain = theme.style(Role::Info);
    let formula = edit.origin == Origin::Formula;
    match (&edit.error, formula) {
        (Some(reason), true) => vec![
            (
                match edit.error_column {
                    Some(column) if column > 0 => format!("column {column}: {reason}"),
                    _ => reason.clone(),
                },
                theme.style(Role::Error),
            ),
            (format!("Esc keeps f(x) = {}", app.formula()), plain),
        ],
        (Some(reason), false) => vec![
            (format!("{name}: {reason}"), theme.style(Role::Error)),
            (
                "Enter commits only a finite number, Esc cancels".to_string(),
                plain,
            ),
        ],
        (None, true) => vec![("Enter applies the formula, Esc cancels".to_string(), plain)],
        (None, false) => vec![
            (format!("{name} ← {}", edit.buffer.trim()), plain),
            ("Enter commits, Esc cancels".to_string(), plain),
        ],
    }
}

/// The selected element's numbers, whole: its value, f and f' (or p and log p, or the
/// sampler's numbers), and what is undefined or a convention.
fn readout_pieces(app: &App, analysis: &Analysis, theme: &Theme) -> Vec<(String, Style)> {
    let selected = app.vector().selected();
    let name = app.vector().name(selected);
    let plain = theme.style(Role::Info);
    // The selected element's numbers, whole.
    let x = format::full_precision(app.vector().selected_value());
    let softmax = &analysis.softmax;
    let p = softmax.probabilities[selected];
    let mut pieces = vec![(format!("{name} = {x}"), plain)];
    // Beside a lower precision's columns, the readout is still f64's: said so, once.
    let low = app.view().precision != Precision::F64 && app.tab() != Tab::Formula;
    let labelled = |mut pieces: Vec<(String, Style)>| {
        if low && let Some((text, _)) = pieces.get_mut(1) {
            *text = format!("f64: {text}");
        }
        pieces
    };
    if let Some(numbers) = analysis.function() {
        let y = numbers.outputs[selected];
        pieces.push((
            format!("f(x) = {}", format::full_precision(y)),
            if y.is_finite() {
                plain
            } else {
                theme.style(Role::Warn)
            },
        ));
        if let Chart::Curve(curve) = &analysis.chart
            && let Some(gaps) = super::chart::undefined_text(curve)
        {
            pieces.push((gaps, theme.style(Role::Warn)));
        }
        let convention = if numbers.on_kink[selected] {
            " (by convention: f' does not exist here)"
        } else {
            ""
        };
        pieces.push((
            format!(
                "f'(x) = {}{convention}",
                format::full_precision(numbers.derivatives[selected])
            ),
            plain,
        ));
        let others = softmax.probabilities.len() > 1 && !app.params().temperature().is_argmax();
        pieces.push((format!("p = {}", softmax.percent(selected, others)), plain));
    } else if let Some(sampler) = analysis
        .sampler()
        .filter(|_| app.view().panel == Panel::Sampler)
    {
        let sampled = &sampler.sampled;
        let others = softmax.probabilities.len() > 1 && !app.params().temperature().is_argmax();
        pieces.push((format!("p = {}", softmax.percent(selected, others)), plain));
        pieces.push((
            format!(
                "final = {}",
                format::percent(sampled.probabilities[selected])
            ),
            plain,
        ));
        if let Some(filter) = sampled.removed_by[selected] {
            pieces.push((format!("removed by {filter}"), theme.style(Role::Warn)));
        }
        if let (Some(counts), Some(draws)) = (&sampler.counts, app.draws()) {
            pieces.push((
                format!(
                    "drawn {} of {} (expected {})",
                    counts[selected],
                    format::grouped(draws.count),
                    format::short(sampler.expected(selected).unwrap_or(f64::NAN), 2)
                ),
                plain,
            ));
        }
    } else {
        pieces.push((format!("p = {}", format::full_precision(p)), plain));
        pieces.push((
            format!(
                "log p = {}",
                format::full_precision(softmax.log_probabilities[selected])
            ),
            plain,
        ));
    }
    labelled(pieces)
}
