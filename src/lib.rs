//! actscope: a terminal explorer for neural-network activation functions.
//!
//! Data flows one way: terminal event -> [`keymap`] -> [`action::Action`] -> [`app::App::update`]
//! -> [`ui::render`]. [`kernel`] holds the pure math and knows nothing above it; [`input`] turns
//! typed or piped text into vectors; [`cli`] is the non-interactive command line; [`term`] owns the
//! terminal.

pub mod action;
pub mod analysis;
pub mod app;
pub mod backend;
pub mod bench;
pub mod bindings;
pub mod cli;
pub mod format;
pub mod input;
pub use actscope_kernel as kernel;
pub mod keymap;
pub mod plot;
pub mod stable;
pub mod term;
pub mod theme;
pub mod ui;
