//! `keep create`: a new secret from KEY=VALUE pairs, a dotenv file and/or a JSON file.

use super::args::{SecretArg, with_help};
use super::common::{self, ConflictArgs, Context, ValueArgs};
use crate::error::Result;
use crate::output::Output;

const AFTER_LONG_HELP: &str = "\
Values given as KEY=VALUE end up in your shell history and, while keep runs, in the process \
list. To keep them off the command line, use KEY=- (a hidden prompt on a terminal, stdin \
otherwise) or read them from files with --from-file KEY=PATH, --from-dotenv or --from-json.

Later sources override earlier ones: pairs, then --from-file, then --from-dotenv, then
--from-json.

A file given as `-` is stdin, which one argument at most can read. A command's output can be \
read without a file on disk as `<(command)` (bash and zsh pass it as /dev/fd/N). Other named \
pipes, sockets and devices are refused, so keep never waits on a pipe that nobody writes to.

Examples:
  $ keep create db DATABASE_URL=-                     # prompts without echo
  $ printf '%s' \"$PASSWORD\" | keep create db PASSWORD=-
  $ keep create tls --from-file TLS_KEY=key.pem --from-file TLS_CERT=cert.pem
  $ keep create app --from-dotenv .env.production
  $ sops -d .env.enc | keep create app --from-dotenv -
  $ keep create app --from-dotenv <(sops -d .env.enc)
  $ keep create app --from-json creds.json --force    # replace the existing values";

/// Create a secret from KEY=VALUE pairs and files
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_LONG_HELP)]
#[command(mut_args(with_help(&[("name", "Name of the secret: letters, digits, `.`, `_`, `-`")])))]
pub struct Args {
    #[command(flatten)]
    pub secret: SecretArg,
    #[command(flatten)]
    pub values: ValueArgs,
    #[command(flatten)]
    pub conflict: ConflictArgs,
}

pub async fn run(args: Args, ctx: &Context, out: &mut Output) -> Result<()> {
    let Args {
        secret: SecretArg { name },
        values,
        conflict,
    } = args;
    let data = values.read(out)?;
    common::write_secret(ctx, out, &name, &data, &conflict).await
}
