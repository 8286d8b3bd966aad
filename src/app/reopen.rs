//! The command line that reopens a state: `actscope --tab ... --input '...' [--param P]
//! [--temperature T]`.

use super::{App, exact_text};

/// The command line that reopens `app`'s tab, vector, parameter and temperature.
pub(super) fn command_line(app: &App) -> String {
    let tab = match app.activation() {
        Some(a) => a.name(),
        None => "softmax",
    };
    let values: Vec<String> = app
        .vector()
        .values()
        .iter()
        .map(|&v| exact_text(v))
        .collect();
    let mut parts = vec![format!(
        "actscope --tab {tab} --input '{}'",
        values.join(" ")
    )];
    if let Some(a) = app.activation().filter(|a| a.param().is_some()) {
        parts.push(format!("--param {}", exact_text(app.params().get(a))));
    }
    let t = app.params().temperature.get();
    if t != 1.0 {
        parts.push(format!("--temperature {}", exact_text(t)));
    }
    parts.join(" ")
}
