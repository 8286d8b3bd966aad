//! Lines made of phrases, each shown whole or left out, never shortened.
//!
//! A phrase is a label with what it labels (`T = 1`, `argmax NAME`, `H 1.050 → 0.682 nats`):
//! shortened, it would read as another number or name. Phrases keep their order, a line breaks
//! between two of them, and where they need more lines than there are, the least important go
//! first.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// One phrase: its text, its style, and its rank (0 the most important).
#[derive(Clone, Debug, PartialEq)]
pub struct Phrase {
    pub text: String,
    pub style: Style,
    pub rank: u8,
}

/// The columns `text` takes.
fn width_of(text: &str) -> usize {
    Span::raw(text).width()
}

/// The lines `phrases` take whole in lines of `width` columns, `gap` between two on a line,
/// each as the indices of its phrases; a phrase wider than a line is left out.
fn packed(phrases: &[&Phrase], gap: usize, width: usize) -> Vec<Vec<usize>> {
    let mut lines: Vec<Vec<usize>> = Vec::new();
    let mut used = 0;
    for (index, phrase) in phrases.iter().enumerate() {
        let len = width_of(&phrase.text);
        if len > width {
            continue;
        }
        match lines.last_mut() {
            Some(line) if used + gap + len <= width => {
                line.push(index);
                used += gap + len;
            }
            _ => {
                lines.push(vec![index]);
                used = len;
            }
        }
    }
    lines
}

/// How many lines `phrases` need to be shown whole, none left out (but those wider than a line).
#[must_use]
pub fn lines_needed(phrases: &[Phrase], gap: &str, width: usize) -> usize {
    let all: Vec<&Phrase> = phrases.iter().collect();
    packed(&all, width_of(gap), width).len()
}

/// `phrases` on at most `rows` lines of at most `width` columns, `gap` between two on a line:
/// each whole, in their order; while they need more lines, the phrase of the highest rank (of
/// equals, the last) is left out. A phrase wider than a line is left out too.
#[must_use]
pub fn lay_out<'a>(phrases: &[Phrase], gap: &str, width: usize, rows: usize) -> Vec<Line<'a>> {
    let mut kept: Vec<&Phrase> = phrases.iter().collect();
    let gap_width = width_of(gap);
    loop {
        let lines = packed(&kept, gap_width, width);
        if lines.len() <= rows.max(1) {
            return lines
                .into_iter()
                .map(|line| {
                    let mut spans = Vec::new();
                    for (k, index) in line.into_iter().enumerate() {
                        if k > 0 {
                            spans.push(Span::raw(gap.to_string()));
                        }
                        let phrase = kept[index];
                        spans.push(Span::styled(phrase.text.clone(), phrase.style));
                    }
                    Line::from(spans)
                })
                .collect();
        }
        // The least important, the last of equals.
        let Some(out) = (0..kept.len()).rev().max_by_key(|&k| kept[k].rank) else {
            return Vec::new();
        };
        kept.remove(out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases(texts: &[(&str, u8)]) -> Vec<Phrase> {
        texts
            .iter()
            .map(|&(text, rank)| Phrase {
                text: text.to_string(),
                style: Style::default(),
                rank,
            })
            .collect()
    }

    fn text(lines: &[Line]) -> Vec<String> {
        lines.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn phrases_are_whole_or_left_out_by_rank() {
        let line = phrases(&[
            ("filters keep 2 of 3: 79.48 % of p", 0),
            ("H 1.050 → 0.682 nats", 1),
            ("exp(H) 2.856 → 1.978", 2),
        ]);
        assert_eq!(
            text(&lay_out(&line, "   ", 80, 1)),
            ["filters keep 2 of 3: 79.48 % of p   H 1.050 → 0.682 nats   exp(H) 2.856 → 1.978"]
        );
        // One line: the least important left out, not cut.
        assert_eq!(
            text(&lay_out(&line, "   ", 60, 1)),
            ["filters keep 2 of 3: 79.48 % of p   H 1.050 → 0.682 nats"]
        );
        assert_eq!(
            text(&lay_out(&line, "   ", 47, 1)),
            ["filters keep 2 of 3: 79.48 % of p"]
        );
        // A second line free: the rest goes there.
        assert_eq!(lines_needed(&line, "   ", 47), 2);
        assert_eq!(
            text(&lay_out(&line, "   ", 47, 2)),
            [
                "filters keep 2 of 3: 79.48 % of p",
                "H 1.050 → 0.682 nats   exp(H) 2.856 → 1.978"
            ]
        );
    }

    #[test]
    fn a_lower_rank_goes_before_a_higher_one_and_too_wide_goes_at_once() {
        let line = phrases(&[("Σ p = 1.0000", 0), ("T = 1", 2), ("argmax b", 1)]);
        assert_eq!(
            text(&lay_out(&line, "   ", 24, 1)),
            ["Σ p = 1.0000   argmax b"]
        );
        let line = phrases(&[("Σ p = 1.0000", 0), ("argmax a_very_long_label_name", 1)]);
        assert_eq!(text(&lay_out(&line, "   ", 20, 3)), ["Σ p = 1.0000"]);
        assert_eq!(lines_needed(&line, "   ", 20), 1);
        assert!(lay_out(&line, "   ", 5, 1).is_empty());
    }
}
