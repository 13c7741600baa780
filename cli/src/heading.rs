//! The headings `--help` groups options under, as ripgrep and the AWS CLI group theirs: one
//! small fixed set, so every subcommand reads the same way. Each option names one of these
//! constants (`help_heading = heading::NETWORK`, or `#[command(next_help_heading = …)]` on
//! an argument struct); `tests::every_option_has_a_known_heading` fails on an option
//! without one.

/// What is checked, signed or read: the prefix, account, message, key, certificate,
/// passphrase, manifest.
pub const INPUTS: &str = "Inputs";
/// Evidence saved beforehand, read instead of the network: RDAP answers, VRP exports,
/// RIPE Database answers, IRR objects.
pub const EVIDENCE: &str = "Evidence";
/// How servers are reached: URLs, timeouts, retries, caches, offline modes.
pub const NETWORK: &str = "Network";
/// What is printed or written, and how: JSON, formats, colour, output files.
pub const OUTPUT: &str = "Output";
/// Options only AWS reads (services, GovCloud, Local Zones, dns-token verification).
pub const AWS: &str = "AWS";
/// Options only Azure reads.
pub const AZURE: &str = "Azure";
/// Options only Oracle Cloud Infrastructure reads.
pub const ORACLE: &str = "Oracle";

/// Every heading, in the order a reader meets them: what the test checks against, and the
/// man pages' OPTIONS subsections.
pub const ALL: [&str; 7] = [INPUTS, EVIDENCE, NETWORK, OUTPUT, AWS, AZURE, ORACLE];
