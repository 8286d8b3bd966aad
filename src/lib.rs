//! actscope: a terminal explorer for neural-network activation functions.
//!
//! [`kernel`] holds the pure math; [`input`] turns typed or piped text into vectors; [`cli`] is the
//! non-interactive command line.

pub mod cli;
pub mod input;
pub mod kernel;
