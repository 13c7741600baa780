//! `--cidr` as every subcommand takes it: read once, when the arguments are parsed, into
//! the text as given and the prefix it denotes.
//!
//! AWS, "Onboard your address range for use in Amazon EC2"
//! (<https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/byoip-onboard.html>): the CIDR
//! must have its host bits zero and be spelled as in the signed message. Both are about the
//! text, so it is kept: `check` judges it (`prefix.canonical`), `message`, `sign` and
//! `dns-token` refuse host bits and note a rewritten spelling.

use byoip::{Cidr, Prefix};

use super::{CliError, hint_for, note};

/// `--cidr`: the library's reading of CIDR text ([`Cidr`]: the text as given and the prefix
/// it denotes, host bits cleared). Text that names no prefix at all is a usage error at
/// parse time; host bits set are kept as the library's error, for the subcommands that
/// refuse them ([`CidrArg::exact`]).
#[derive(Clone, Debug)]
pub struct CidrArg(pub Cidr);

impl CidrArg {
    /// clap's value parser: any spelling the library reads leniently, host bits allowed;
    /// otherwise the library's error and hint, which the usage line splits into
    /// `error: …; hint: …`.
    pub fn parse(text: &str) -> Result<Self, String> {
        Cidr::parse(text)
            .map(CidrArg)
            .map_err(|e| format!("{}; hint: {}", e.chain(), hint_for(&e)))
    }

    /// The prefix the text denotes, host bits cleared.
    pub fn prefix(&self) -> Prefix {
        self.0.prefix()
    }

    /// The prefix when the text names its start; host bits set are an input error whose
    /// hint is the corrected prefix ("did you mean …?").
    pub fn exact(&self) -> Result<Prefix, CliError> {
        Ok(self.0.exact()?)
    }

    /// [`CidrArg::exact`], with a note when the text was not the canonical spelling (upper
    /// case, uncompressed IPv6, zero-padded octets, spaces): `then` follows the note.
    pub fn exact_noting(&self, then: &str) -> Result<Prefix, CliError> {
        let prefix = self.exact()?;
        if self.0.rewritten() {
            note(&format!(
                "CIDR {:?} written in canonical form as {prefix}{then}",
                self.0.text()
            ));
        }
        Ok(prefix)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn the_text_is_kept_and_the_prefix_is_canonical() {
        for (text, canonical, host_bits) in [
            ("198.51.100.0/24", "198.51.100.0/24", false),
            (" 198.51.100.0/24 ", "198.51.100.0/24", false),
            ("2001:DB8:1200:0::/48", "2001:db8:1200::/48", false),
            ("76.76.21.5/24", "76.76.21.0/24", true),
            ("2001:db8::1/48", "2001:db8::/48", true),
        ] {
            let c = CidrArg::parse(text).unwrap();
            assert_eq!(c.0.text(), text);
            assert_eq!(c.prefix().to_string(), canonical, "{text}");
            match c.exact() {
                Ok(p) => assert!(!host_bits && p == c.prefix(), "{text}"),
                Err(e) => {
                    assert!(host_bits, "{text}");
                    assert_eq!(e.code, 2);
                    assert_eq!(e.hint, format!("did you mean {canonical}?"));
                }
            }
        }
    }

    #[test]
    fn text_naming_no_prefix_is_the_library_error_with_its_hint() {
        for (text, what) in [
            ("banana", "no prefix length"),
            ("198.51.100.0", "no prefix length"),
            ("198.51.100.0/33", "prefix length \"33\""),
            ("2001:db8::/129", "prefix length \"129\""),
            ("198.51.100/24", "not an IPv4 or IPv6 address"),
        ] {
            let e = CidrArg::parse(text).unwrap_err();
            let (err, hint) = e.split_once("; hint: ").expect("error; hint");
            assert!(err.starts_with("invalid CIDR") && err.contains(what), "{e}");
            assert!(!hint.is_empty(), "{e}");
        }
    }
}
