//! The `byoip` command: parse arguments, run, map the outcome to an exit code.
//! Everything it does is in the library; its glue (files, prompts, rendering) is the
//! library's private `cli` module, behind the `cli` feature.

#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    byoip::cli_main()
}
