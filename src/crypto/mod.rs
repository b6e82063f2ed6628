//! Encryption at rest, the master key and its files, random ids and token hashing.

mod envelope;

pub use envelope::*;
