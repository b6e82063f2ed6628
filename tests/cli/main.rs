//! Integration tests: the real `keep` binary, locally and against a real `keep serve`.
//!
//! A module is named by the command or topic it tests (a directory when the topic has parts),
//! a test by the behaviour it checks, as a sentence; fixtures and helpers live in `support`,
//! and modules take them from there rather than from each other.

mod api;
mod commands;
mod completion;
mod dashboard;
mod dashboard_access;
mod dashboard_http;
mod dotenv_faults;
mod edit;
mod environments;
mod export;
mod faults;
mod generated;
mod history;
mod import;
mod legacy;
mod login;
mod openapi;
mod replicas;
mod run;
mod serve;
mod snapshots;
mod store;
mod support;
mod tamper;
mod teams;
mod tls;
mod update;
