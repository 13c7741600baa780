//! The `byoip` command: parse arguments, run, map the outcome to an exit code.
//! Everything it does is in the library; `cli/` is glue (files, prompts, rendering).

#![forbid(unsafe_code)]

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
