//! `.env` files in the python-dotenv dialect.

mod parse;

pub use parse::*;
