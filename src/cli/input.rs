//! Where a vector comes from on the command line: arguments, standard input, a file, labels.
//!
//! Arguments are numbers or `label=value` tokens; standard input is `-`; a file is `--input-file`;
//! labels may be given apart (`--labels`). Every refusal is one line naming the argument or option
//! and what was expected.

use std::collections::HashMap;
use std::io::{self, Read};

use super::Error;
use super::args::SourceArgs;
use crate::input::{self, InputError, Reason, Vector};

/// The vector a subcommand works on: from `--input-file`, else from its arguments (`-` alone
/// reads standard input), then labelled by `--labels` if given.
pub(super) fn read_vector(
    xs: &[String],
    source: &SourceArgs,
    stdin: &mut dyn Read,
) -> Result<Vector, Error> {
    let vector = match &source.input_file {
        Some(path) => read_file(path, stdin)?,
        None => read_arguments(xs, stdin)?,
    };
    apply_labels(vector, source.labels.as_deref())
}

/// The vector in the file at `path` (standard input for `-`), in any form
/// [`input::parse_bytes`] reads.
pub(super) fn read_file(path: &str, stdin: &mut dyn Read) -> Result<Vector, Error> {
    let name = if path == "-" {
        "--input-file - (standard input)".to_string()
    } else {
        format!("--input-file {path}")
    };
    let bytes = if path == "-" {
        read_all(stdin).map_err(|err| Error::BadInput(format!("{name}: {}", io_reason(&err))))?
    } else {
        std::fs::read(path).map_err(|err| {
            Error::BadInput(format!(
                "{name}: {} (expected a readable file, or - for standard input)",
                io_reason(&err)
            ))
        })?
    };
    input::parse_bytes(&bytes).map_err(|err| Error::BadInput(format!("{name}: {err}")))
}

/// Gives `vector` the labels of `list` (the value of `--labels`), if any.
pub(super) fn apply_labels(vector: Vector, list: Option<&str>) -> Result<Vector, Error> {
    let Some(list) = list else {
        return Ok(vector);
    };
    if vector.labels.is_some() {
        return Err(Error::BadInput(
            "--labels: the input is labelled already (label=value, or label value lines); \
             give the labels one way"
                .into(),
        ));
    }
    input::with_labels(vector.values, list)
        .map_err(|err| Error::BadInput(format!("--labels: {err}")))
}

fn read_all(stdin: &mut dyn Read) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    stdin.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Why a file could not be read, in a few words.
fn io_reason(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::IsADirectory => "a directory, not a file".into(),
        _ => format!("cannot be read: {err}"),
    }
}

/// The vector the arguments give: each argument one number, several (`'-1, 2, 3'`), one or more
/// `label=value` tokens, or any other text form; `-` alone reads standard input. Arguments with a
/// bracket at an end, or a separator alone, are read as one text joined by spaces: a list the
/// shell split (`[1, 2, 3]` unquoted gives `[1,` `2,` `3]`) is read whole, and brackets around
/// part of the vector (`[1] [2]`) are refused as they are in a file.
fn read_arguments(xs: &[String], stdin: &mut dyn Read) -> Result<Vector, Error> {
    match xs {
        [] => Err(Error::BadInput(
            "no numbers given: pass them as arguments, `-` to read standard input, or \
             --input-file PATH"
                .into(),
        )),
        [dash] if dash == "-" => {
            let bytes = read_all(stdin)?;
            input::parse_bytes(&bytes)
                .map_err(|err| Error::BadInput(format!("standard input: {err}")))
        }
        _ => {
            if xs.iter().any(|arg| arg == "-") {
                return Err(Error::BadInput(
                    "`-` (read standard input) must be the only number argument".into(),
                ));
            }
            if xs.len() > 1 && xs.iter().any(|arg| part_of_a_list(arg)) {
                return parse_joined(xs);
            }
            let mut joined = Joined::default();
            for (index, arg) in xs.iter().enumerate() {
                let position = index + 1;
                joined.push(parse_argument(arg, position)?, position)?;
            }
            Ok(joined.into_vector())
        }
    }
}

/// Whether an argument is a piece of one list the shell split, or a separator alone: it
/// starts or ends with a bracket (`[1,` `3]`, `[1]`) and is not a `label=value` token, or it is
/// only commas and semicolons (`1 , 2`).
fn part_of_a_list(arg: &str) -> bool {
    let t = arg.trim();
    let bracket = !t.contains('=') && (t.starts_with(['[', '(']) || t.ends_with([']', ')']));
    bracket || (!t.is_empty() && t.chars().all(|c| c == ',' || c == ';'))
}

/// The arguments read as one text, joined by spaces: what a list the shell split was typed as
/// (`[1.2, 0.9, 0.4]` unquoted), and so refused as that text would be (`[1] [2]`, `1 [2 3]`).
fn parse_joined(xs: &[String]) -> Result<Vector, Error> {
    input::parse_text(&xs.join(" ")).map_err(|err| {
        Error::BadInput(format!(
            "arguments 1 to {} (one list, joined by spaces): {err}",
            xs.len()
        ))
    })
}

/// Parses one command-line argument, which may hold one number or a whole vector.
fn parse_argument(arg: &str, position: usize) -> Result<Vector, Error> {
    input::parse_text(arg).map_err(|err| {
        Error::BadInput(match &err {
            InputError::Invalid { token, reason, .. } if token == arg.trim() => {
                format!("{token:?} {reason} (argument {position})")
            }
            // The explorer's words for the same thing.
            InputError::Empty => format!("argument {position}: no numbers given"),
            _ => format!("argument {position}: {err}"),
        })
    })
}

/// The vectors of several arguments joined into one: every element labelled or none, each label
/// once.
#[derive(Default)]
struct Joined {
    values: Vec<f64>,
    /// The labels so far, and for each the 1-based element that has it; `None` until the first
    /// argument, or when it had no labels.
    labels: Option<(Vec<String>, HashMap<String, usize>)>,
}

impl Joined {
    fn push(&mut self, vector: Vector, position: usize) -> Result<(), Error> {
        let first = self.values.is_empty();
        match (vector.labels, &mut self.labels) {
            (None, None) => {}
            (Some(labels), Some((all, seen))) => {
                for label in labels {
                    let element = all.len() + 1;
                    if let Some(&first) = seen.get(&label) {
                        let reason = Reason::DuplicateLabel { first };
                        return Err(Error::BadInput(format!(
                            "{label:?} {reason} (argument {position})"
                        )));
                    }
                    seen.insert(label.clone(), element);
                    all.push(label);
                }
            }
            (Some(labels), None) if first => {
                let seen = labels
                    .iter()
                    .enumerate()
                    .map(|(i, label)| (label.clone(), i + 1))
                    .collect();
                self.labels = Some((labels, seen));
            }
            (labels, _) => {
                let reason = if labels.is_some() {
                    Reason::Labelled
                } else {
                    Reason::Unlabelled
                };
                return Err(Error::BadInput(format!("argument {position} {reason}")));
            }
        }
        self.values.extend(vector.values);
        Ok(())
    }

    fn into_vector(self) -> Vector {
        Vector {
            values: self.values,
            labels: self.labels.map(|(labels, _)| labels),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(xs: &[&str], labels: Option<&str>) -> Result<Vector, String> {
        let xs: Vec<String> = xs.iter().map(|x| (*x).to_string()).collect();
        let source = SourceArgs {
            input_file: None,
            labels: labels.map(str::to_string),
        };
        read_vector(&xs, &source, &mut io::empty()).map_err(|err| err.to_string())
    }

    fn labels(vector: &Vector) -> Vec<&str> {
        vector.labels.iter().flatten().map(String::as_str).collect()
    }

    #[test]
    fn arguments_give_numbers_or_labelled_tokens() {
        let v = read(&[" -1", "2, 3", "4"], None).unwrap();
        assert_eq!(v.values, [-1.0, 2.0, 3.0, 4.0]);
        // brackets around part of the vector are refused, as in a file
        assert!(read(&[" -1", "2, 3", "[4]"], None).is_err());
        let v = read(&["[-1,", "2,", "3]"], None).unwrap();
        assert_eq!(v.values, [-1.0, 2.0, 3.0]);
        assert_eq!(v.labels, None);
        let v = read(&["cat=1.2", "dog=-0.9 bird=0.4"], None).unwrap();
        assert_eq!(v.values, [1.2, -0.9, 0.4]);
        assert_eq!(labels(&v), ["cat", "dog", "bird"]);
        let v = read(&["1.2", "0.9"], Some("\"New York\",Paris")).unwrap();
        assert_eq!(labels(&v), ["New York", "Paris"]);
    }

    #[test]
    fn arguments_that_do_not_join_are_refused() {
        for (xs, labels, want) in [
            (
                &["cat=1", "dog=2", "cat=3"][..],
                None,
                "\"cat\" is already the label of element 1 (labels must be unique) (argument 3)",
            ),
            (
                &["cat=1", "2"],
                None,
                "argument 2 has no label, unlike the elements before it (label every element \
                 or none)",
            ),
            (
                &["1", "dog=2"],
                None,
                "argument 2 has a label, unlike the elements before it (label every element or \
                 none)",
            ),
            (
                &["cat=1"],
                Some("dog"),
                "--labels: the input is labelled already",
            ),
            (
                &["1", "2"],
                Some("a,b,c"),
                "--labels: 3 labels for 2 numbers (give one label per number)",
            ),
            (&["1", "x"], None, "\"x\" is not a number (argument 2)"),
            (
                &["1", "-"],
                None,
                "`-` (read standard input) must be the only number argument",
            ),
            (&[], None, "no numbers given"),
        ] {
            let got = read(xs, labels).unwrap_err();
            assert!(got.starts_with(want), "{xs:?}: {got}");
        }
    }

    #[test]
    fn files_are_named_in_every_refusal() {
        let missing = read_file("no/such/file.txt", &mut io::empty()).unwrap_err();
        assert_eq!(
            missing.to_string(),
            "--input-file no/such/file.txt: no such file (expected a readable file, or - for \
             standard input)"
        );
        let directory = read_file(".", &mut io::empty()).unwrap_err();
        assert!(
            directory.to_string().contains("a directory, not a file"),
            "{directory}"
        );
        let bad = read_file("-", &mut "1\n2\nfoo\n".as_bytes()).unwrap_err();
        assert_eq!(
            bad.to_string(),
            "--input-file - (standard input): \"foo\" is not a number (number 3, line 3, column 1)"
        );
        let good = read_file("-", &mut "cat 1\ndog 2\n".as_bytes()).unwrap();
        assert_eq!(labels(&good), ["cat", "dog"]);
    }
}
