//! The reader: panes, keys, links, search. State lives in [`app`]; a
//! terminal event becomes an [`action::Action`] in [`input`] (keys through
//! the [`keymap`] to a [`command::Command`]); [`update`] applies it; and
//! [`ui`] draws the state without changing it. [`terminal`] runs the loop.
//! docs/ARCHITECTURE.md has the map.

pub mod action;
pub mod app;
pub mod command;
pub mod config;
pub mod detail;
pub mod editor;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod library;
pub mod review;
pub mod rows;
pub mod section;
pub mod shell;
pub mod terminal;
pub mod textbox;
pub mod theme;
pub mod ui;
pub mod update;

pub use app::App;
