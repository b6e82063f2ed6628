//! Integration tests: the real `keep` binary, locally and against a real `keep serve`.

mod api;
mod commands;
mod generated;
mod import;
mod store;
mod support;
