//! From the tree to the tape: parameters bound, every part without x folded to a constant.
//!
//! A folded part is computed by the same operation the tape would run (so folding changes no
//! bit), and a constant operand is folded into its operation (`MulConst`, `PowConst`, ...), so
//! a derivative never multiplies `0` by an infinite value that belongs to the other operand.

use super::ast::{Binary, Kind, Node};
use super::eval::{self, Op, Tape};
use super::names::Function;

/// The tape computing `node`, with `params` (name, value) bound.
pub(crate) fn tape(node: &Node, params: &[(String, f64)]) -> Tape {
    let mut compiler = Compiler {
        ops: Vec::new(),
        x: None,
        params,
    };
    if let Operand::Const(c) = compiler.operand(node) {
        compiler.ops.push(Op::Const(c));
    }
    Tape { ops: compiler.ops }
}

/// The value of a tree that uses neither x nor a parameter (a declaration's value).
pub(crate) fn constant(node: &Node) -> f64 {
    tape(node, &[]).value(f64::NAN)
}

#[derive(Clone, Copy)]
enum Operand {
    Const(f64),
    Slot(usize),
}

struct Compiler<'a> {
    ops: Vec<Op>,
    /// The slot holding x, emitted once.
    x: Option<usize>,
    params: &'a [(String, f64)],
}

impl Compiler<'_> {
    /// Appends a step; its slot.
    fn push(&mut self, op: Op) -> usize {
        self.ops.push(op);
        self.ops.len() - 1
    }

    fn emit(&mut self, op: Op) -> Operand {
        Operand::Slot(self.push(op))
    }

    /// The operand as a slot (a constant gets one of its own).
    fn slot(&mut self, operand: Operand) -> usize {
        match operand {
            Operand::Slot(s) => s,
            Operand::Const(c) => self.push(Op::Const(c)),
        }
    }

    fn operand(&mut self, node: &Node) -> Operand {
        match &node.kind {
            Kind::Number(v) | Kind::Constant(_, v) => Operand::Const(*v),
            Kind::Param(name) => Operand::Const(
                self.params
                    .iter()
                    .find(|(n, _)| n == name)
                    .map_or(f64::NAN, |(_, v)| *v),
            ),
            Kind::X => {
                let s = match self.x {
                    Some(s) => s,
                    None => self.push(Op::X),
                };
                self.x = Some(s);
                Operand::Slot(s)
            }
            Kind::Neg(a) => match self.operand(a) {
                Operand::Const(c) => Operand::Const(-c),
                Operand::Slot(s) => self.emit(Op::Neg(s)),
            },
            Kind::Binary(op, a, b) => {
                let (a, b) = (self.operand(a), self.operand(b));
                self.binary(*op, a, b)
            }
            Kind::Compare(op, a, b) => {
                let (a, b) = (self.operand(a), self.operand(b));
                if let (Operand::Const(u), Operand::Const(v)) = (a, b) {
                    return Operand::Const(eval::compare(*op, (u, 0.0), (v, 0.0)).0);
                }
                let (a, b) = (self.slot(a), self.slot(b));
                self.emit(Op::Compare(*op, a, b))
            }
            Kind::Call(function, _, args) => self.call(*function, args),
        }
    }

    fn binary(&mut self, op: Binary, a: Operand, b: Operand) -> Operand {
        use Operand::{Const, Slot};
        match (op, a, b) {
            (_, Const(u), Const(v)) => Const(binary_value(op, u, v)),
            (Binary::Add, Slot(s), Const(c)) | (Binary::Add, Const(c), Slot(s)) => {
                self.emit(Op::AddConst(s, c))
            }
            (Binary::Sub, Slot(s), Const(c)) => self.emit(Op::AddConst(s, -c)),
            (Binary::Sub, Const(c), Slot(s)) => self.emit(Op::SubFromConst(c, s)),
            (Binary::Mul, Slot(s), Const(c)) | (Binary::Mul, Const(c), Slot(s)) => {
                self.emit(Op::MulConst(s, c))
            }
            (Binary::Div, Slot(s), Const(c)) => self.emit(Op::DivConst(s, c)),
            (Binary::Div, Const(c), Slot(s)) => self.emit(Op::ConstDiv(c, s)),
            (Binary::Pow, Slot(s), Const(c)) => self.emit(Op::PowConst(s, c)),
            (Binary::Pow, Const(c), Slot(s)) => self.emit(Op::ConstPow(c, s)),
            (_, Slot(a), Slot(b)) => self.emit(match op {
                Binary::Add => Op::Add(a, b),
                Binary::Sub => Op::Sub(a, b),
                Binary::Mul => Op::Mul(a, b),
                Binary::Div => Op::Div(a, b),
                Binary::Pow => Op::Pow(a, b),
            }),
        }
    }

    fn call(&mut self, function: Function, args: &[Node]) -> Operand {
        let mut operands: Vec<Operand> = args.iter().map(|a| self.operand(a)).collect();
        let all_constant = operands.iter().all(|o| matches!(o, Operand::Const(_)));
        let value = |o: &Operand| match o {
            Operand::Const(c) => *c,
            Operand::Slot(_) => f64::NAN,
        };
        match function {
            Function::Math(f) => match operands[0] {
                Operand::Const(c) => Operand::Const(eval::math(f, (c, 0.0)).0),
                Operand::Slot(s) => self.emit(Op::Math(f, s)),
            },
            Function::Activation(g) => {
                // The parser made sure a parameter does not use x: it is a constant here.
                let p = operands.get(1).map_or(g.default_param(), value);
                match operands[0] {
                    Operand::Const(c) => Operand::Const(g.value(c, p)),
                    Operand::Slot(s) => self.emit(Op::Activation(g, p, s)),
                }
            }
            Function::Min | Function::Max if all_constant => {
                let (u, v) = ((value(&operands[0]), 0.0), (value(&operands[1]), 0.0));
                let pick = if function == Function::Min {
                    eval::min
                } else {
                    eval::max
                };
                Operand::Const(pick(u, v).0)
            }
            Function::Min | Function::Max => {
                let (a, b) = (self.slot(operands[0]), self.slot(operands[1]));
                self.emit(if function == Function::Min {
                    Op::Min(a, b)
                } else {
                    Op::Max(a, b)
                })
            }
            Function::Where => match operands[0] {
                // A constant condition picks its branch now (a NaN one gives NaN).
                Operand::Const(c) if c.is_nan() => Operand::Const(f64::NAN),
                Operand::Const(c) => operands.swap_remove(if c == 0.0 { 2 } else { 1 }),
                Operand::Slot(c) => {
                    let (a, b) = (self.slot(operands[1]), self.slot(operands[2]));
                    self.emit(Op::Where(c, a, b))
                }
            },
        }
    }
}

/// `u op v` for two constants, as the tape computes it.
fn binary_value(op: Binary, u: f64, v: f64) -> f64 {
    match op {
        Binary::Add => u + v,
        Binary::Sub => u - v,
        Binary::Mul => u * v,
        Binary::Div => u / v,
        Binary::Pow => eval::power(u, v),
    }
}
