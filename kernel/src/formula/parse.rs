//! A recursive-descent parser from tokens to the tree, each error at its column with its reason.
//!
//! The grammar is in the [module docs](super); each rule below is one function.

use super::FormulaError;
use super::ast::{Binary, Kind, MAX_DEPTH, Node};
use super::lex::{Spanned, Token};
use super::names::{self, Function};

/// What the text declares, and the formula itself.
pub(crate) struct Parsed {
    /// `name = value;` items in order: name, value, column of the name.
    pub(crate) declarations: Vec<(String, f64, usize)>,
    pub(crate) expression: Node,
}

/// Parses the tokens of a whole formula; `outside` are the parameter names given from outside
/// the text (usable without a declaration).
pub(crate) fn formula(tokens: Vec<Spanned>, outside: &[String]) -> Result<Parsed, FormulaError> {
    let mut parser = Parser {
        tokens,
        at: 0,
        params: outside.to_vec(),
        declarations: Vec::new(),
        declaring: false,
        nesting: 0,
    };
    parser.items()
}

struct Parser {
    tokens: Vec<Spanned>,
    at: usize,
    /// The parameter names usable so far: the outside ones and those declared above.
    params: Vec<String>,
    declarations: Vec<(String, f64, usize)>,
    /// Inside a declaration's value, where neither x nor parameters may appear.
    declaring: bool,
    nesting: usize,
}

impl Parser {
    fn peek(&self) -> &Spanned {
        &self.tokens[self.at.min(self.tokens.len() - 1)]
    }

    fn peek_second(&self) -> &Token {
        &self.tokens[(self.at + 1).min(self.tokens.len() - 1)].token
    }

    fn next(&mut self) -> Spanned {
        let token = self.peek().clone();
        self.at += 1;
        token
    }

    fn error(&self, message: impl Into<String>) -> FormulaError {
        FormulaError::at(self.peek().column, message)
    }

    /// `formula = { name "=" expression ";" } expression [ ";" ]`
    fn items(&mut self) -> Result<Parsed, FormulaError> {
        loop {
            if let (Token::Name(name), Token::Assign) = (&self.peek().token, self.peek_second()) {
                let name = name.clone();
                self.declaration(name)?;
                continue;
            }
            if self.peek().token == Token::End {
                return Err(self.error(if self.declarations.is_empty() {
                    "the formula is empty: write an expression in x, e.g. x * sigmoid(x)"
                } else {
                    "expected the formula in x after the declarations"
                }));
            }
            let expression = self.expression()?;
            if self.peek().token == Token::Semicolon {
                self.next();
                if self.peek().token != Token::End {
                    return Err(self.error(
                        "the formula must come last: declarations (a = 0.2;) go before it",
                    ));
                }
            }
            if self.peek().token != Token::End {
                return Err(self.unexpected("an operator or the end of the formula"));
            }
            return Ok(Parsed {
                declarations: std::mem::take(&mut self.declarations),
                expression,
            });
        }
    }

    /// `name "=" expression ";"`, the value a number: no x, no other parameter.
    fn declaration(&mut self, name: String) -> Result<(), FormulaError> {
        let column = self.peek().column;
        let taken = if name == "x" {
            Some("is the variable")
        } else if names::constant(&name).is_some() {
            Some("is a constant")
        } else if Function::named(&name).is_some() {
            Some("is a function")
        } else {
            None
        };
        if let Some(what) = taken {
            return Err(FormulaError::at(
                column,
                format!("\"{name}\" {what}; a parameter needs another name"),
            ));
        }
        if let Some((_, _, first)) = self.declarations.iter().find(|(n, ..)| *n == name) {
            return Err(FormulaError::at(
                column,
                format!("\"{name}\" is declared twice (first at column {first})"),
            ));
        }
        self.next();
        self.next();
        self.declaring = true;
        let value_at = self.peek().column;
        let value = self.expression();
        self.declaring = false;
        let value = super::compile::constant(&value?);
        if !value.is_finite() {
            return Err(FormulaError::at(
                value_at,
                format!("the value of \"{name}\" is {value}, not a finite number"),
            ));
        }
        if self.peek().token != Token::Semicolon {
            return Err(if self.peek().token == Token::End {
                self.error(format!(
                    "expected \";\" and then the formula after the declaration of \"{name}\""
                ))
            } else {
                self.unexpected("\";\" after the declaration")
            });
        }
        self.next();
        if !self.params.contains(&name) {
            self.params.push(name.clone());
        }
        self.declarations.push((name, value, column));
        Ok(())
    }

    /// `expression = sum [ (">" | "<" | ">=" | "<=" | "==" | "!=") sum ]`
    fn expression(&mut self) -> Result<Node, FormulaError> {
        let left = self.sum()?;
        let Token::Compare(op) = self.peek().token else {
            return Ok(left);
        };
        let column = self.next().column;
        let right = self.sum()?;
        if matches!(self.peek().token, Token::Compare(_)) {
            return Err(self.error("comparisons do not chain: compare two things at a time"));
        }
        Self::node(Kind::Compare(op, Box::new(left), Box::new(right)), column)
    }

    /// `sum = product { ("+" | "-") product }`
    fn sum(&mut self) -> Result<Node, FormulaError> {
        let mut left = self.product()?;
        loop {
            let op = match self.peek().token {
                Token::Plus => Binary::Add,
                Token::Minus => Binary::Sub,
                _ => return Ok(left),
            };
            let column = self.next().column;
            let right = self.product()?;
            left = Self::node(Kind::Binary(op, Box::new(left), Box::new(right)), column)?;
        }
    }

    /// `product = unary { ("*" | "/") unary }`
    fn product(&mut self) -> Result<Node, FormulaError> {
        let mut left = self.unary()?;
        loop {
            let op = match self.peek().token {
                Token::Star => Binary::Mul,
                Token::Slash => Binary::Div,
                _ => return Ok(left),
            };
            let column = self.next().column;
            let right = self.unary()?;
            left = Self::node(Kind::Binary(op, Box::new(left), Box::new(right)), column)?;
        }
    }

    /// `unary = ("-" | "+") unary | power`; every nesting passes here, so the depth is
    /// counted here.
    fn unary(&mut self) -> Result<Node, FormulaError> {
        if self.nesting >= MAX_DEPTH {
            return Err(self.error(format!("nested too deeply (over {MAX_DEPTH} levels)")));
        }
        self.nesting += 1;
        let result = match self.peek().token {
            Token::Minus => {
                let column = self.next().column;
                let operand = self.unary()?;
                Self::node(Kind::Neg(Box::new(operand)), column)
            }
            Token::Plus => {
                self.next();
                self.unary()
            }
            _ => self.power(),
        };
        self.nesting -= 1;
        result
    }

    /// `power = primary [ "^" unary ]`: right-associative, tighter than unary minus
    /// (`-x^2 = -(x^2)`, `2^-x` allowed, `2^3^2 = 2^9`).
    fn power(&mut self) -> Result<Node, FormulaError> {
        let base = self.primary()?;
        if self.peek().token != Token::Caret {
            return Ok(base);
        }
        let column = self.next().column;
        let exponent = self.unary()?;
        Self::node(
            Kind::Binary(Binary::Pow, Box::new(base), Box::new(exponent)),
            column,
        )
    }

    /// `primary = number | name | name "(" expression { "," expression } ")" | "(" expression ")"`
    fn primary(&mut self) -> Result<Node, FormulaError> {
        let token = self.peek().clone();
        match token.token {
            Token::Number(v) => {
                self.next();
                Self::node(Kind::Number(v), token.column)
            }
            Token::Name(name) => {
                self.next();
                if self.peek().token == Token::LeftParen {
                    self.call(name, token.column)
                } else {
                    self.variable(&name, token.column)
                }
            }
            Token::LeftParen => {
                self.next();
                let inner = self.expression()?;
                if self.peek().token != Token::RightParen {
                    return Err(self.unclosed(token.column, "\")\""));
                }
                self.next();
                Ok(inner)
            }
            _ => Err(self.error(format!(
                "expected a number, x, a name or \"(\", found {}",
                token.describe()
            ))),
        }
    }

    /// A name not followed by `(`: x, a parameter or a constant.
    fn variable(&self, name: &str, column: usize) -> Result<Node, FormulaError> {
        let at = |message: String| Err(FormulaError::at(column, message));
        if name == "x" {
            if self.declaring {
                return at("a parameter's value cannot depend on x".to_string());
            }
            return Self::node(Kind::X, column);
        }
        if self.params.iter().any(|p| p == name) {
            if self.declaring {
                return at(format!(
                    "a parameter's value must be a number: it cannot use the parameter \"{name}\""
                ));
            }
            return Self::node(Kind::Param(name.to_string()), column);
        }
        if let Some(value) = names::constant(name) {
            let canonical = if name == "e" { "e" } else { "pi" };
            return Self::node(Kind::Constant(canonical, value), column);
        }
        if Function::named(name).is_some() {
            return at(format!("\"{name}\" is a function: write {name}(...)"));
        }
        let mut known = vec!["x", "pi", "e"];
        known.extend(self.params.iter().map(String::as_str));
        for function in names::function_names() {
            known.push(function);
        }
        at(match names::closest(name, known.into_iter()) {
            Some(near) => format!("unknown name \"{name}\" (did you mean {near}?)"),
            None => format!(
                "unknown name \"{name}\": declare it before the formula, e.g. \"{name} = 1; ...\""
            ),
        })
    }

    /// `name "(" expression { "," expression } ")"`, checked against what `name` takes.
    fn call(&mut self, name: String, column: usize) -> Result<Node, FormulaError> {
        let at = |message: String| Err(FormulaError::at(column, message));
        let Some(function) = Function::named(&name) else {
            let what = if name == "x" {
                "is the variable"
            } else if self.params.contains(&name) {
                "is a parameter"
            } else if names::constant(&name).is_some() {
                "is a constant"
            } else if name.eq_ignore_ascii_case("softmax") {
                return at(
                    "softmax acts on a whole vector, not on one x: a formula is \
                           element-wise"
                        .to_string(),
                );
            } else {
                return at(match names::closest(&name, names::function_names()) {
                    Some(near) => format!("unknown name \"{name}\" (did you mean {near}?)"),
                    None => format!("unknown name \"{name}\": no function is called that"),
                });
            };
            return at(format!(
                "\"{name}\" {what}, not a function: write {name} * (...) to multiply"
            ));
        };
        let open = self.next().column;
        let mut args = Vec::new();
        loop {
            args.push(self.expression()?);
            match self.peek().token {
                Token::Comma => {
                    self.next();
                }
                Token::RightParen => {
                    self.next();
                    break;
                }
                _ => return Err(self.unclosed(open, "\",\" or \")\"")),
            }
        }
        let (fewest, most) = function.arity();
        if args.len() < fewest || args.len() > most {
            return at(arity_message(&name, function, args.len()));
        }
        if let (Function::Activation(a), Some(param)) = (function, args.get(1))
            && param.uses_x()
        {
            let spec = a.param().map_or("parameter", |s| s.name);
            return Err(FormulaError::at(
                param.column,
                format!("the {spec} of \"{name}\" cannot depend on x"),
            ));
        }
        Self::node(Kind::Call(function, name, args), column)
    }

    /// A node, refused if the tree would nest deeper than [`MAX_DEPTH`].
    fn node(kind: Kind, column: usize) -> Result<Node, FormulaError> {
        let node = Node::new(kind, column);
        if node.depth > MAX_DEPTH {
            return Err(FormulaError::at(
                column,
                format!("nested too deeply (over {MAX_DEPTH} levels)"),
            ));
        }
        Ok(node)
    }

    /// The error for a token that cannot follow a complete expression, where `expected` could.
    fn unexpected(&self, expected: &str) -> FormulaError {
        let token = self.peek();
        let found = token.describe();
        self.error(match token.token {
            Token::Number(_) | Token::Name(_) | Token::LeftParen => {
                format!("expected an operator before {found} (write * to multiply)")
            }
            Token::RightParen => format!("{found} closes nothing"),
            Token::Assign => {
                "\"=\" declares a parameter (a = 0.2; ...): write == to compare".to_string()
            }
            Token::Comma => format!("{found} outside a function's parentheses"),
            _ => format!("expected {expected}, found {found}"),
        })
    }

    /// The error for a group opened at `open` that the current token does not continue.
    fn unclosed(&self, open: usize, expected: &str) -> FormulaError {
        let token = self.peek();
        if matches!(
            token.token,
            Token::Number(_) | Token::Name(_) | Token::LeftParen | Token::Assign
        ) {
            return self.unexpected(expected);
        }
        self.error(format!(
            "expected {expected} to close \"(\" at column {open}, found {}",
            token.describe()
        ))
    }
}

/// `"where" takes 3 arguments, got 2`, with what the arguments are for an activation.
fn arity_message(name: &str, function: Function, got: usize) -> String {
    let (fewest, most) = function.arity();
    let takes = match (function, fewest == most) {
        (Function::Activation(_), true) => "takes 1 argument (it has no parameter)".to_string(),
        (Function::Activation(a), false) => {
            let symbol = a.param().map_or("p", |s| s.symbol);
            format!("takes 1 or 2 arguments (x, or x and {symbol})")
        }
        (_, true) if fewest == 1 => "takes 1 argument".to_string(),
        _ => format!("takes {fewest} arguments"),
    };
    format!("\"{name}\" {takes}, got {got}")
}
