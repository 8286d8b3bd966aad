//! The formula's tokens, each with the 1-based column (in characters) where it starts.
//!
//! Besides ASCII the lexer reads the symbols people paste from papers: `−` (U+2212) as `-`,
//! `×`, `·` and `⋅` as `*`, `÷` as `/`, `≤ ≥ ≠` as `<= >= !=`, `²` and `³` as `^2` and `^3`, and
//! `**` as `^`. Names are letters (Unicode, so `α` and `π` are names), digits and `_`, not
//! starting with a digit.

use super::FormulaError;

/// A comparison, `a OP b`: 1 where it holds, 0 where not, NaN where either side is NaN.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Comparison {
    Greater,
    Less,
    GreaterEqual,
    LessEqual,
    Equal,
    NotEqual,
}

impl Comparison {
    /// The operator as written in canonical text.
    pub(crate) fn symbol(self) -> &'static str {
        match self {
            Comparison::Greater => ">",
            Comparison::Less => "<",
            Comparison::GreaterEqual => ">=",
            Comparison::LessEqual => "<=",
            Comparison::Equal => "==",
            Comparison::NotEqual => "!=",
        }
    }

    /// Whether `a OP b` holds (false if either is NaN).
    pub(crate) fn holds(self, a: f64, b: f64) -> bool {
        match self {
            Comparison::Greater => a > b,
            Comparison::Less => a < b,
            Comparison::GreaterEqual => a >= b,
            Comparison::LessEqual => a <= b,
            Comparison::Equal => a == b,
            Comparison::NotEqual => a != b,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Token {
    Number(f64),
    Name(String),
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    LeftParen,
    RightParen,
    Comma,
    Semicolon,
    Assign,
    Compare(Comparison),
    End,
}

/// A token, where it starts (1-based, in characters) and how it was written.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Spanned {
    pub(crate) token: Token,
    pub(crate) column: usize,
    pub(crate) text: String,
}

impl Spanned {
    /// The token for a message: `"*"`, `"sigmoid"`, `1.5`, or `the end of the formula`.
    pub(crate) fn describe(&self) -> String {
        match self.token {
            Token::End => "the end of the formula".to_string(),
            Token::Number(_) => self.text.clone(),
            _ => format!("\"{}\"", self.text),
        }
    }
}

/// Splits `text` into tokens, the last one [`Token::End`] (its column one past the text).
pub(crate) fn tokens(text: &str) -> Result<Vec<Spanned>, FormulaError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let column = i + 1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if let Some(power) = superscript(c) {
            for token in [Token::Caret, Token::Number(power)] {
                let text = c.to_string();
                out.push(Spanned {
                    token,
                    column,
                    text,
                });
            }
            i += 1;
            continue;
        }
        let (token, width) = if c.is_ascii_digit() || (c == '.' && next_is_digit(&chars, i)) {
            number(&chars, i)?
        } else if c.is_alphabetic() || c == '_' {
            let width = chars[i..]
                .iter()
                .take_while(|&&c| (c.is_alphanumeric() || c == '_') && superscript(c).is_none())
                .count();
            (Token::Name(chars[i..i + width].iter().collect()), width)
        } else {
            symbol(&chars, i)
                .ok_or_else(|| FormulaError::at(column, format!("unexpected character \"{c}\"")))?
        };
        out.push(Spanned {
            token,
            column,
            text: chars[i..i + width].iter().collect(),
        });
        i += width;
    }
    out.push(Spanned {
        token: Token::End,
        column: chars.len() + 1,
        text: String::new(),
    });
    Ok(out)
}

/// The power a superscript digit stands for: `x²` is `x^2`.
fn superscript(c: char) -> Option<f64> {
    match c {
        '²' => Some(2.0),
        '³' => Some(3.0),
        _ => None,
    }
}

fn next_is_digit(chars: &[char], i: usize) -> bool {
    chars.get(i + 1).is_some_and(char::is_ascii_digit)
}

/// An operator or punctuation at `chars[i]`, with its width in characters.
fn symbol(chars: &[char], i: usize) -> Option<(Token, usize)> {
    let next = chars.get(i + 1).copied();
    let two = |token| Some((token, 2));
    let one = |token| Some((token, 1));
    match (chars[i], next) {
        ('*', Some('*')) => two(Token::Caret),
        ('>', Some('=')) => two(Token::Compare(Comparison::GreaterEqual)),
        ('<', Some('=')) => two(Token::Compare(Comparison::LessEqual)),
        ('=', Some('=')) => two(Token::Compare(Comparison::Equal)),
        ('!', Some('=')) => two(Token::Compare(Comparison::NotEqual)),
        ('+', _) => one(Token::Plus),
        ('-' | '−', _) => one(Token::Minus),
        ('*' | '×' | '·' | '⋅', _) => one(Token::Star),
        ('/' | '÷', _) => one(Token::Slash),
        ('^', _) => one(Token::Caret),
        ('(', _) => one(Token::LeftParen),
        (')', _) => one(Token::RightParen),
        (',', _) => one(Token::Comma),
        (';', _) => one(Token::Semicolon),
        ('=', _) => one(Token::Assign),
        ('>', _) => one(Token::Compare(Comparison::Greater)),
        ('<', _) => one(Token::Compare(Comparison::Less)),
        ('≥', _) => one(Token::Compare(Comparison::GreaterEqual)),
        ('≤', _) => one(Token::Compare(Comparison::LessEqual)),
        ('≠', _) => one(Token::Compare(Comparison::NotEqual)),
        _ => None,
    }
}

/// A decimal literal at `chars[start]`: `12`, `1.5`, `.5`, `2.`, `1e-3`, `6.02E+23`. An `e`
/// not followed by digits is not part of it (`2e` is 2 then the name `e`).
fn number(chars: &[char], start: usize) -> Result<(Token, usize), FormulaError> {
    let digits = |from: usize| {
        chars[from.min(chars.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let mut end = start + digits(start);
    if chars.get(end) == Some(&'.') {
        end += 1 + digits(end + 1);
    }
    if matches!(chars.get(end), Some('e' | 'E')) {
        let sign = usize::from(matches!(chars.get(end + 1), Some('+' | '-')));
        let exponent = digits(end + 1 + sign);
        if exponent > 0 {
            end += 1 + sign + exponent;
        }
    }
    let text: String = chars[start..end].iter().collect();
    match text.parse::<f64>() {
        Ok(value) if value.is_finite() => Ok((Token::Number(value), end - start)),
        _ => Err(FormulaError::at(
            start + 1,
            format!("{text} is too large for a number (the largest is about 1.8e308)"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Token> {
        tokens(text)
            .expect("lexes")
            .into_iter()
            .map(|t| t.token)
            .collect()
    }

    #[test]
    fn numbers_in_every_form() {
        for (text, value) in [
            ("12", 12.0),
            ("1.5", 1.5),
            (".5", 0.5),
            ("2.", 2.0),
            ("1e-3", 1e-3),
            ("6.02E+23", 6.02e23),
            ("1e5", 1e5),
        ] {
            assert_eq!(kinds(text), [Token::Number(value), Token::End], "{text}");
        }
        assert_eq!(
            kinds("2e"),
            [Token::Number(2.0), Token::Name("e".into()), Token::End]
        );
        let error = tokens("x + 1e999").expect_err("overflows");
        assert_eq!(error.column, 5);
    }

    #[test]
    fn symbols_and_columns() {
        let spanned = tokens(" x ** 2 >= −α·3").expect("lexes");
        let columns: Vec<usize> = spanned.iter().map(|t| t.column).collect();
        assert_eq!(columns, [2, 4, 7, 9, 12, 13, 14, 15, 16]);
        assert_eq!(spanned[1].token, Token::Caret);
        assert_eq!(spanned[3].token, Token::Compare(Comparison::GreaterEqual));
        assert_eq!(spanned[4].token, Token::Minus);
        assert_eq!(spanned[5].token, Token::Name("α".into()));
        assert_eq!(spanned[6].token, Token::Star);
        let error = tokens("x $ 2").expect_err("no $");
        assert_eq!(error.to_string(), "column 3: unexpected character \"$\"");
    }
}
