//! `nomir`: the service's command line (see `nomir::cli`).

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    nomir::cli::main().await
}
