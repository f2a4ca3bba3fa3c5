//! The reader: panes, keys, links, search. State lives in [`app`], keys
//! become [`action::Action`]s through [`keymap`], [`update`] applies them,
//! and [`ui`] draws the state without changing it.

pub mod action;
pub mod app;
pub mod config;
pub mod detail;
pub mod editor;
pub mod keymap;
pub mod layout;
pub mod review;
pub mod section;
pub mod terminal;
pub mod theme;
pub mod ui;
pub mod update;

pub use app::App;
