//! The command line that reopens a state, each option only where it differs from the default.
//!
//! `actscope --tab ... --input '...' [--labels ...] [--param P] [--temperature T] [--top-k K]
//! [--top-p P] [--min-p M] [--order O] [--panel V] [--sort S] [--draws N --seed S] [--formula F]
//! [--precision F]` (the formula always on its own tab).

use super::{App, Panel, Sort, Tab, exact_text};
use crate::input;
use crate::kernel::precision::Precision;
use crate::kernel::{Filter, Order};

/// The command line that reopens `app`'s tab, vector (with its labels, or the file it came from
/// while it is unchanged, or `file`, which holds [`vector_json`]), parameter, sampler, panel,
/// order of rows, draws and precision.
pub(super) fn command_line(app: &App, file: Option<&str>) -> String {
    let tab = match (app.tab(), app.activation()) {
        (Tab::Formula, _) => "formula",
        (_, Some(a)) => a.name(),
        (_, None) => "softmax",
    };
    let mut parts = vec![format!("actscope --tab {tab}")];
    match file {
        Some(path) => parts.push(format!("--input-file {}", shell_quote(path))),
        None => parts.extend(vector_options(app)),
    }
    // The formula is the Formula tab's: --formula opens that tab.
    if app.tab() == Tab::Formula {
        parts.push(format!("--formula {}", shell_quote(&app.formula().text())));
    }
    if let Some(a) = app.activation().filter(|a| a.param().is_some()) {
        parts.push(format!("--param {}", exact_text(app.params().get(a))));
    }
    let sampler = app.sampler();
    let t = sampler.temperature().get();
    if t != 1.0 {
        parts.push(format!("--temperature {}", exact_text(t)));
    }
    if sampler.is_on(Filter::TopK) {
        parts.push(format!("--top-k {}", sampler.top_k()));
    }
    if sampler.is_on(Filter::TopP) {
        parts.push(format!("--top-p {}", exact_text(sampler.top_p())));
    }
    if sampler.is_on(Filter::MinP) {
        parts.push(format!("--min-p {}", exact_text(sampler.min_p())));
    }
    if sampler.order() != Order::Hf {
        parts.push(format!("--order {}", sampler.order().name()));
    }
    if app.view().panel != Panel::Softmax {
        parts.push(format!("--panel {}", app.view().panel.name()));
    }
    let sort = app.sort();
    if sort != Sort::automatic(app.vector().len()) {
        parts.push(format!("--sort {}", sort.name()));
    }
    if let Some(draws) = app.draws() {
        parts.push(format!("--draws {} --seed {}", draws.count, draws.seed));
    }
    if app.view().precision != Precision::F64 {
        parts.push(format!("--precision {}", app.view().precision.name()));
    }
    parts.join(" ")
}

/// `--input-file PATH` while the vector is the file's; else the values, labelled
/// (`--input 'cat=1.2 dog=0.9'`) when every label can be written so, or with `--labels`.
fn vector_options(app: &App) -> Vec<String> {
    if let Some(path) = app.source() {
        return vec![format!("--input-file {}", shell_quote(path))];
    }
    let vector = app.vector();
    let values = vector.values().iter().map(|&v| exact_text(v));
    match vector.labels() {
        None => vec![format!(
            "--input {}",
            shell_quote(&values.collect::<Vec<_>>().join(" "))
        )],
        Some(labels) if reads_back_as_tokens(labels, vector.values()) => {
            let values = vector.values().iter().map(|&v| exact_text(v));
            let tokens: Vec<String> = labels
                .iter()
                .zip(values)
                .map(|(label, value)| format!("{label}={value}"))
                .collect();
            vec![format!("--input {}", shell_quote(&tokens.join(" ")))]
        }
        Some(labels) => {
            let list: Vec<String> = labels.iter().map(|l| csv_field(l)).collect();
            vec![
                format!(
                    "--input {}",
                    shell_quote(&values.collect::<Vec<_>>().join(" "))
                ),
                format!("--labels {}", shell_quote(&list.join(","))),
            ]
        }
    }
}

/// The vector as JSON: an array of its values, or of `[label, value]` pairs (serde_json writes
/// each f64 in the shortest form that reads back to it).
pub(super) fn vector_json(app: &App) -> String {
    let vector = app.vector();
    let document = match vector.labels() {
        Some(labels) => serde_json::json!(
            labels
                .iter()
                .zip(vector.values())
                .map(|(label, value)| serde_json::json!([label, value]))
                .collect::<Vec<_>>()
        ),
        None => serde_json::json!(vector.values()),
    };
    document.to_string()
}

/// Whether `label=value` reads back as that label: no whitespace, and none of the characters
/// that separate tokens or elements.
fn token_safe(label: &str) -> bool {
    !label
        .chars()
        .any(|c| c.is_whitespace() || "=,;[]\"".contains(c))
}

/// Whether the `label=value` tokens of `labels` and `values` read back as exactly those (a
/// label that opens a comment, JSON or a bracket would not): checked by reading them.
fn reads_back_as_tokens(labels: &[String], values: &[f64]) -> bool {
    if !labels.iter().all(|l| token_safe(l)) {
        return false;
    }
    let text: Vec<String> = labels
        .iter()
        .zip(values)
        .map(|(label, &value)| format!("{label}={}", exact_text(value)))
        .collect();
    input::parse_text(&text.join(" ")).is_ok_and(|read| {
        read.labels.as_deref() == Some(labels)
            && read
                .values
                .iter()
                .zip(values)
                .all(|(a, b)| a.to_bits() == b.to_bits())
    })
}

/// A label as one CSV field: quoted when it holds a comma, a quote or surrounding spaces.
fn csv_field(label: &str) -> String {
    if label.contains([',', '"']) || label.trim() != label {
        format!("\"{}\"", label.replace('"', "\"\""))
    } else {
        label.to_string()
    }
}

/// `text` as one word for a POSIX shell: as is when it holds only characters no shell treats
/// specially, else in single quotes (a quote inside written `'\''`).
#[must_use]
pub fn shell_quote(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:,+=@%".contains(c));
    if plain {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file a long vector is kept in reads back to the same labels and bits.
    #[test]
    fn the_vector_file_reads_back_exactly() {
        let labels = ["New York", "a\"b", "1x", "=", "é"]
            .map(String::from)
            .to_vec();
        let values = vec![1.2, -0.0, 5e-324, -f64::MAX, 0.1 + 0.2];
        let app = App::new(crate::app::Settings {
            values: values.clone(),
            labels: Some(labels.clone()),
            ..crate::app::Settings::default()
        });
        let read = input::parse_text(&vector_json(&app)).unwrap();
        assert_eq!(read.labels, Some(labels));
        let bits = |v: &[f64]| v.iter().map(|x| (x + 0.0).to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&read.values), bits(&values));
        let plain = App::new(crate::app::Settings {
            values: values.clone(),
            ..crate::app::Settings::default()
        });
        let read = input::parse_text(&vector_json(&plain)).unwrap();
        assert_eq!(bits(&read.values), bits(&values));
        assert_eq!(
            plain.command_line_reading("/tmp/v.json"),
            "actscope --tab sigmoid --input-file /tmp/v.json"
        );
    }

    #[test]
    fn words_are_quoted_for_the_shell() {
        assert_eq!(shell_quote("logits.npy"), "logits.npy");
        assert_eq!(shell_quote("1.2 0.9"), "'1.2 0.9'");
        assert_eq!(shell_quote("don't"), r"'don'\''t'");
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("$HOME"), "'$HOME'");
    }

    #[test]
    fn labels_that_cannot_be_tokens_go_to_csv() {
        assert!(token_safe("cat"));
        assert!(!token_safe("New York"));
        assert!(!token_safe("[CLS]"));
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("dog"), "dog");
    }
}
