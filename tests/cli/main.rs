//! Integration tests: the real `keep` binary, locally and against a real `keep serve`.

mod api;
mod commands;
mod completion;
mod dotenv_faults;
mod export;
mod faults;
mod generated;
mod import;
mod legacy;
mod openapi;
mod replicas;
mod run;
mod snapshots;
mod store;
mod support;
mod tamper;
mod teams;
mod tls;
mod update;
