//! Two lines under the tabs: the formula with the current parameter and the output range, then
//! the one fact worth knowing.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::analysis::Analysis;
use crate::app::App;
use crate::format;
use crate::kernel::Activation;
use crate::theme::{Role, Theme};

pub(super) fn render(app: &App, analysis: &Analysis, theme: &Theme, frame: &mut Frame, area: Rect) {
    let (formula, detail, fact) = if let Some(a) = app.activation() {
        let mut detail = format!("range {}", a.range_text());
        if let Some(spec) = a.param() {
            detail = format!(
                "{} = {}   {detail}",
                spec.symbol,
                format::full_precision(app.params().get(a))
            );
        }
        if matches!(a, Activation::Gelu | Activation::GeluTanh) {
            detail = format!(
                "{}   {detail}",
                if a == Activation::Gelu {
                    "exact"
                } else {
                    "tanh approx."
                }
            );
        }
        (a.formula().to_string(), detail, a.fact().to_string())
    } else {
        let temperature = format::temperature(app.params().temperature);
        let fact = match analysis.softmax.pair {
            Some(p0) => format!(
                "two elements: p0 = σ((x0 - x1)/T) = {}, softmax is a sigmoid of the difference",
                format::short(p0, 4)
            ),
            None => {
                "e^((x_i - max)/T) never overflows; the naive e^x does past x = 709.78".to_string()
            }
        };
        (
            "softmax(x)_i = e^(x_i/T) / Σ_j e^(x_j/T)".to_string(),
            format!("{temperature}   range (0, 1), Σ = 1"),
            fact,
        )
    };
    let formula = if theme.unicode {
        formula
    } else {
        asciify(&formula)
    };
    let defaults = app
        .activation()
        .and_then(Activation::framework_defaults)
        .map(|text| format!("   {text}"))
        .unwrap_or_default();
    let lines = vec![
        Line::from(vec![
            Span::styled(format!(" {formula}"), theme.style(Role::Formula)),
            Span::raw("   "),
            Span::styled(
                if theme.unicode {
                    detail
                } else {
                    asciify(&detail)
                },
                theme.style(Role::Info),
            ),
        ]),
        Line::from(vec![
            Span::styled(
                format!(" {}", if theme.unicode { fact } else { asciify(&fact) }),
                theme.style(Role::Dim),
            ),
            Span::styled(
                if theme.unicode {
                    defaults
                } else {
                    asciify(&defaults)
                },
                theme.style(Role::Formula),
            ),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines), area);
}

/// The formulas' Greek letters and symbols spelled out for an ASCII terminal.
pub(super) fn asciify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'σ' => out.push_str("sigma"),
            'α' => out.push_str("alpha"),
            'β' => out.push_str("beta"),
            'Φ' => out.push_str("Phi"),
            'Σ' => out.push_str("sum"),
            'π' => out.push_str("pi"),
            '√' => out.push_str("sqrt"),
            '·' => out.push('*'),
            '½' => out.push_str("0.5"),
            '³' => out.push_str("^3"),
            '≈' => out.push('~'),
            '∞' => out.push_str("inf"),
            '→' => out.push_str("->"),
            '←' => out.push_str("<-"),
            '↑' => out.push_str("up"),
            '↓' => out.push_str("down"),
            '—' | '−' => out.push('-'),
            '±' => out.push_str("+/-"),
            '▁' => out.push('_'),
            '▶' => out.push('>'),
            'δ' | '∂' => out.push('d'),
            '…' => out.push_str("..."),
            c if c.is_ascii() => out.push(c),
            _ => out.push('?'),
        }
    }
    out
}
