//! Free text: numbers, or `label=value` tokens, inside at most one level of brackets.
//!
//! Separated by spaces, commas, semicolons or newlines.

use super::labels::Labels;
use super::number::parse_token;
use super::{InputError, Place, Reason, Vector};

/// How the tokenizer reads a text.
#[derive(Clone, Copy)]
pub(super) struct Options {
    /// Skip lines whose first non-blank character is `#`.
    pub(super) comments: bool,
    /// The 1-based line the text starts on (it may be the rest of a longer input).
    pub(super) first_line: usize,
}

/// Whether a character separates tokens.
pub(super) fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | ';' | '[' | ']' | '(' | ')')
}

/// The first token of a line, as the tokenizer would cut it (empty when there is none).
pub(super) fn first_token(line: &str) -> &str {
    let line = line.trim_start_matches(is_separator);
    line.find(is_separator).map_or(line, |end| &line[..end])
}

/// A token of the input and where it starts.
struct Token<'a> {
    text: &'a str,
    line: usize,
    column: usize,
}

/// Cuts text into tokens, and checks how they stand: at most one pair of brackets, around the
/// whole vector (opened before the first token, closed, and nothing after it), and no empty field
/// (a comma or semicolon before the first token or right after another; one after the last token
/// is fine, as in Python's `[1, 2,]`).
struct Tokens<'a> {
    text: &'a str,
    chars: std::str::CharIndices<'a>,
    options: Options,
    line: usize,
    column: usize,
    /// Where the token being read starts: byte offset and column.
    start: Option<(usize, usize)>,
    /// The bracket open around the current character, and where it opened.
    open: Option<(char, usize, usize)>,
    /// How far the vector has come: begun, its brackets closed.
    stage: Stage,
    /// What the last thing read was, for empty fields.
    field: Field,
    /// No character but whitespace yet on this line.
    line_start: bool,
    /// A refusal met while a token was pending: reported after that token.
    pending: Option<InputError>,
    done: bool,
}

/// How far a vector has come, for its brackets.
#[derive(Clone, Copy, PartialEq)]
enum Stage {
    /// Nothing but whitespace yet: a bracket may open the vector.
    Start,
    /// A bracket, token or separator read.
    Begun,
    /// The vector's brackets have closed: only blanks (and comment lines) may follow.
    Closed,
}

/// The last thing read in the vector, for empty fields.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    /// Nothing since the start or the opening bracket.
    First,
    /// A token.
    Token,
    /// A comma or semicolon after a token.
    Separator,
}

impl<'a> Tokens<'a> {
    fn new(text: &'a str, options: Options) -> Tokens<'a> {
        Tokens {
            text,
            chars: text.char_indices(),
            options,
            line: options.first_line,
            column: 0,
            start: None,
            open: None,
            stage: Stage::Start,
            field: Field::First,
            line_start: true,
            pending: None,
            done: false,
        }
    }

    fn finish_token(&mut self, end: usize) -> Option<Token<'a>> {
        let token = self.start.take().map(|(from, column)| Token {
            text: &self.text[from..end],
            line: self.line,
            column,
        });
        if token.is_some() {
            self.field = Field::Token;
        }
        token
    }

    fn here(&self) -> Place {
        Place::Text {
            line: self.line,
            column: self.column,
        }
    }

    /// Why the separator `c`, just read at byte `at`, does not stand where it is.
    fn check_separator(&mut self, at: usize, c: char) -> Option<InputError> {
        let here = self.here();
        let refuse = |token: &str, reason| Some(InputError::invalid(token, reason, here.clone()));
        if self.stage == Stage::Closed && !c.is_whitespace() {
            let rest = self.text[at..].lines().next().unwrap_or_default();
            return refuse(rest.trim_end(), Reason::AfterVector);
        }
        match c {
            '[' | '(' => {
                let close = if c == '[' { ']' } else { ')' };
                if self.open.is_some() {
                    return refuse("", Reason::Nested);
                }
                if self.stage != Stage::Start {
                    return refuse(&c.to_string(), Reason::LateBracket);
                }
                self.open = Some((close, self.line, self.column));
                self.field = Field::First;
            }
            ']' | ')' => match self.open.take() {
                None => return refuse(&c.to_string(), Reason::Unopened),
                Some((close, ..)) if close != c => {
                    let open = if close == ']' { '[' } else { '(' };
                    return refuse(&c.to_string(), Reason::Mismatched { open, close });
                }
                Some(_) => self.stage = Stage::Closed,
            },
            ',' | ';' => {
                if self.field != Field::Token {
                    let leading = self.field == Field::First;
                    return refuse(&c.to_string(), Reason::EmptyField { leading });
                }
                self.field = Field::Separator;
            }
            _ => {}
        }
        if !c.is_whitespace() && self.stage == Stage::Start {
            self.stage = Stage::Begun;
        }
        None
    }

    /// Why the text may not end here: a bracket still open.
    fn check_end(&self) -> Option<InputError> {
        let (close, line, column) = self.open?;
        let open = if close == ']' { "[" } else { "(" };
        let at = Place::Text { line, column };
        Some(InputError::invalid(open, Reason::Unclosed { close }, at))
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Result<Token<'a>, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(err) = self.pending.take() {
            self.done = true;
            return Some(Err(err));
        }
        if self.done {
            return None;
        }
        while let Some((at, c)) = self.chars.next() {
            self.column += 1;
            if self.line_start && self.options.comments && c == '#' {
                for (_, c) in self.chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
                self.line += 1;
                self.column = 0;
                continue;
            }
            if !is_separator(c) {
                self.line_start = false;
                if self.stage == Stage::Closed {
                    let rest = self.text[at..].lines().next().unwrap_or_default();
                    let err =
                        InputError::invalid(rest.trim_end(), Reason::AfterVector, self.here());
                    self.done = true;
                    return Some(Err(err));
                }
                if self.start.is_none() {
                    self.start = Some((at, self.column));
                    self.stage = Stage::Begun;
                }
                continue;
            }
            let token = self.finish_token(at);
            if let Some(err) = self.check_separator(at, c) {
                if token.is_none() {
                    self.done = true;
                    return Some(Err(err));
                }
                self.pending = Some(err);
            }
            if c == '\n' {
                self.line += 1;
                self.column = 0;
                self.line_start = true;
            } else if !c.is_whitespace() {
                self.line_start = false;
            }
            if let Some(token) = token {
                return Some(Ok(token));
            }
        }
        self.done = true;
        match self.finish_token(self.text.len()) {
            Some(token) => {
                self.pending = self.check_end();
                self.done = self.pending.is_none();
                Some(Ok(token))
            }
            None => self.check_end().map(Err),
        }
    }
}

/// Parses plain numbers. With `labels_possible`, a token holding `=` is refused as a label among
/// unlabelled elements rather than as a non-number.
///
/// # Errors
/// [`InputError::Empty`] without numbers; [`InputError::Invalid`] for the first token that is not
/// a finite number, or a nested bracket.
pub(super) fn plain(
    text: &str,
    options: Options,
    labels_possible: bool,
) -> Result<Vec<f64>, InputError> {
    let mut values = Vec::new();
    for token in Tokens::new(text, options) {
        let token = token?;
        let at = Place::Number {
            number: values.len() + 1,
            line: token.line,
            column: token.column,
        };
        match parse_token(token.text) {
            Ok(value) => values.push(value),
            Err(Reason::NotANumber) if labels_possible && token.text.contains('=') => {
                return Err(InputError::invalid(token.text, Reason::Labelled, at));
            }
            Err(reason) => return Err(InputError::invalid(token.text, reason, at)),
        }
    }
    if values.is_empty() {
        Err(InputError::Empty)
    } else {
        Ok(values)
    }
}

/// Parses `label=value` tokens: every token must have a label.
///
/// # Errors
/// As [`plain`], and for a label that is empty, a number or given twice, a token without `=` or
/// with two, or one without a value.
pub(super) fn labelled(text: &str, options: Options) -> Result<Vector, InputError> {
    let mut values = Vec::new();
    let mut labels = Labels::new();
    for token in Tokens::new(text, options) {
        let token = token?;
        let element = values.len() + 1;
        let at = |column| Place::Element {
            element,
            line: token.line,
            column,
        };
        let Some((label, value)) = token.text.split_once('=') else {
            return Err(InputError::invalid(
                token.text,
                Reason::Unlabelled,
                at(token.column),
            ));
        };
        if value.contains('=') {
            return Err(InputError::invalid(
                token.text,
                Reason::ManyEquals,
                at(token.column),
            ));
        }
        labels
            .push(label.into())
            .map_err(|(shown, reason)| InputError::invalid(&shown, reason, at(token.column)))?;
        if value.is_empty() {
            return Err(InputError::invalid(
                token.text,
                Reason::MissingValue,
                at(token.column),
            ));
        }
        let value_column = token.column + label.chars().count() + 1;
        let value = parse_token(value)
            .map_err(|reason| InputError::invalid(value, reason, at(value_column)))?;
        values.push(value);
    }
    if values.is_empty() {
        return Err(InputError::Empty);
    }
    Ok(Vector {
        values,
        labels: Some(labels.into_vec()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: Options = Options {
        comments: true,
        first_line: 1,
    };

    fn refusal(result: Result<impl std::fmt::Debug, InputError>) -> String {
        result.map_or_else(|e| e.to_string(), |v| format!("accepted {v:?}"))
    }

    #[test]
    fn nested_brackets_are_refused_where_they_open() {
        let table = [
            (
                "[[1, 2], [3]]",
                "a nested array: give one vector (1-D) (column 2)",
            ),
            (
                "[1, [2]]",
                "a nested array: give one vector (1-D) (column 5)",
            ),
            (
                "[1,[2]]",
                "a nested array: give one vector (1-D) (column 4)",
            ),
            (
                "[[1 2]\n [3 4]]",
                "a nested array: give one vector (1-D) (column 2)",
            ),
            ("([1])", "a nested array: give one vector (1-D) (column 2)"),
            ("x[[1]]", "\"x\" is not a number (number 1, column 1)"),
        ];
        for (text, want) in table {
            assert_eq!(refusal(plain(text, TEXT, false)), want, "{text:?}");
        }
    }

    #[test]
    fn one_pair_of_brackets_goes_around_the_whole_vector() {
        let table = [
            (
                "[1, 2] [3]",
                "\"[3]\" follows the closing bracket (expected the end: one vector, in one pair \
                 of brackets) (column 8)",
            ),
            (
                "[1, 2]\n# done\n,",
                "\",\" follows the closing bracket (expected the end: one vector, in one pair of \
                 brackets) (line 3, column 1)",
            ),
            ("1, 2]]", "\"]\" closes no bracket (column 5)"),
            (
                "[1, 2)",
                "\")\" does not close \"[\" (expected \"]\") (column 6)",
            ),
            (
                "\n [1,\n 2",
                "\"[\" is never closed (expected \"]\" after the last number) (line 2, column 2)",
            ),
            (
                "tensor([1, 2])",
                "\"tensor\" is not a number (number 1, column 1)",
            ),
            (
                "1;;2",
                "\";\" follows another separator with no number between (an empty field) \
                 (column 3)",
            ),
            (
                "1,\n,2",
                "\",\" follows another separator with no number between (an empty field) \
                 (line 2, column 1)",
            ),
        ];
        for (text, want) in table {
            assert_eq!(refusal(plain(text, TEXT, false)), want, "{text:?}");
        }
        for text in [
            "[1, 2]\n# done\n",
            "[1,2,]",
            "1,2;",
            " ( 1 2 ) ",
            "[1,\n 2\n]\n",
        ] {
            assert_eq!(plain(text, TEXT, false), Ok(vec![1.0, 2.0]), "{text:?}");
        }
    }

    #[test]
    fn comment_lines_are_skipped_when_asked() {
        let text = "# logits\n  # more\n1 2 # not a comment";
        assert_eq!(
            refusal(plain(text, TEXT, false)),
            "\"#\" is not a number (number 3, line 3, column 5)"
        );
        assert_eq!(plain("# x\n1\n#2\n3", TEXT, false), Ok(vec![1.0, 3.0]));
        let raw = Options {
            comments: false,
            first_line: 1,
        };
        assert_eq!(
            refusal(plain("# 1", raw, false)),
            "\"#\" is not a number (number 1, column 1)"
        );
        assert_eq!(
            refusal(plain("1 # 2", TEXT, false)),
            "\"#\" is not a number (number 2, column 3)"
        );
    }

    #[test]
    fn labelled_tokens() {
        let v = labelled("cat=1.2 dog=0.9, bird=\u{2212}0.4", TEXT).unwrap();
        assert_eq!(v.values, [1.2, 0.9, -0.4]);
        assert_eq!(v.labels.unwrap(), ["cat", "dog", "bird"]);
        let v = labelled("[▁the=3, é=-0]", TEXT).unwrap();
        assert_eq!(v.values[1].to_bits(), (-0.0_f64).to_bits());
        assert_eq!(v.labels.unwrap(), ["▁the", "é"]);
    }

    #[test]
    fn labelled_tokens_refused() {
        let table = [
            (
                "1=2",
                "\"1\" is a number, not a label (a label is text) (element 1, column 1)",
            ),
            ("=3", "the label is empty (element 1, column 1)"),
            (
                "cat=",
                "\"cat=\" has no value after \"=\" (element 1, column 1)",
            ),
            (
                "cat=1 a=b=1",
                "\"a=b=1\" has more than one \"=\" (a label holds none) (element 2, column 7)",
            ),
            (
                "cat=1 dog=x",
                "\"x\" is not a number (element 2, column 11)",
            ),
            (
                "cat=1 dog=nan",
                "\"nan\" is not a finite number (element 2, column 11)",
            ),
            (
                "cat=1\n2",
                "\"2\" has no label, unlike the elements before it (label every element or none) \
                 (element 2, line 2, column 1)",
            ),
            (
                "cat=1 dog=2 cat=3",
                "\"cat\" is already the label of element 1 (labels must be unique) \
                 (element 3, column 13)",
            ),
            (
                "a=1 [[b=2]]",
                "\"[\" opens after the first number (one pair of brackets goes around the whole \
                 vector) (column 5)",
            ),
            ("", "no numbers given"),
        ];
        for (text, want) in table {
            assert_eq!(refusal(labelled(text, TEXT)), want, "{text:?}");
        }
        assert_eq!(
            refusal(plain("1 dog=2", TEXT, true)),
            "\"dog=2\" has a label, unlike the elements before it (label every element or none) \
             (number 2, column 3)"
        );
    }

    #[test]
    fn first_token_is_cut_as_the_tokenizer_does() {
        assert_eq!(first_token("  [cat=1, dog=2]"), "cat=1");
        assert_eq!(first_token("1.2 0.9"), "1.2");
        assert_eq!(first_token(" ,; "), "");
    }
}
