//! `verbale` writes diplomatic notes verbales as PDF and DOCX from a TOML delegation file.
//!
//! The layers, each depending only on those below it:
//!
//! - **Command line**: [`cli`] parses the arguments into the run's settings once, and [`batch`]
//!   runs many files in parallel.
//! - **Serve**: [`serve`] is `verbale serve`'s local web application, on top of the pipeline.
//! - **Pipeline**: [`pipeline`] runs a file through the stages and the services, in one
//!   order, for every command: load, validate, plan, number, render, export, write, record.
//! - **Stages**: [`input`] reads the file and [`parse`] its TOML; [`import`] joins the members
//!   of a spreadsheet; [`validate`] checks it into a [`model::Delegation`]; [`plan`] makes one
//!   job per note; [`template`] renders its wording; [`markup`] turns that into a
//!   [`document::Document`]; [`layout`] sets it into pages with [`fonts`]; [`export`] makes the
//!   PDF and DOCX bytes; [`note`] runs these for one note.
//! - **Services**: [`register`] numbers and records notes, [`mail`] makes and sends their
//!   drafts, [`output`] writes files, all or none.
//! - **Values**: [`model`], [`dates`], [`grammar`] and [`gender`] (language rules for values),
//!   [`diagnostic`] (every problem: its place, message and hints; and the text it is in),
//!   [`error`] (why a command stopped, with typed causes),
//!   [`env`] (templates, fonts and clock, read once), `files` (the one bounded reader of every
//!   file), `faults` (the tests' failure points) and `redact` (passwords in PostgreSQL URLs
//!   shown as `***`).

pub(crate) mod batch;
pub mod cli;
pub(crate) mod dates;
pub(crate) mod diagnostic;
pub mod document;
pub(crate) mod env;
pub(crate) mod error;
pub mod export;
pub(crate) mod faults;
pub(crate) mod files;
pub(crate) mod fonts;
pub(crate) mod gender;
pub(crate) mod grammar;
pub(crate) mod import;
pub mod input;
pub mod layout;
pub mod mail;
pub(crate) mod markup;
pub mod model;
pub mod note;
pub(crate) mod output;
pub mod parse;
pub mod pipeline;
pub mod plan;
mod redact;
pub mod register;
pub mod serve;
pub(crate) mod template;
pub mod validate;

pub use diagnostic::Diagnostic;
pub use env::Env;
pub use error::Error;
pub use model::Overrides;
pub use pipeline::{load, Loaded};
