//! The manifest (`byoip.toml`): defaults and a list of prefixes, each able to override them.
//!
//! ```toml
//! account = "123456789012"
//! key = "keys/byoip-key.pem"
//! cert = "keys/byoip-cert.pem"
//! expires = "+30d"
//! service = "ipam"
//!
//! [[prefix]]
//! cidr = "198.51.100.0/24"
//!
//! [[prefix]]
//! cidr = "2001:db8:1200::/48"
//! advertise = false
//! ```
//!
//! `[[asn]]` tables (`asn`, optional `account`, `expires`, `rdap_file`) list ASNs to bring
//! to VPC IPAM (AWS's "Tutorial: Bring your ASN to IPAM",
//! <https://docs.aws.amazon.com/vpc/latest/ipam/tutorials-byoasn.html>): their messages
//! expire by default on the last day of next month, the console's default, unless the
//! entry or the top level sets `expires`; an ASN listed twice is an error, more than the 5
//! AWS allows a note.
//!
//! `cloud = "azure"` makes every `[[prefix]]` an Azure custom IP prefix (Microsoft Learn,
//! "Create a custom IPv4 address prefix using the Azure CLI"): its message is
//! `SUBSCRIPTION|CIDR|YYYYMMDD` with `subscription` (top level or per prefix) and `expires`,
//! which for Azure is the ROA's validity end and so has no default; AWS's keys (`account`,
//! `service`, `verification`, `[[asn]]`) are refused there, as is `subscription` for AWS.
//!
//! `cloud = "oci"` makes every `[[prefix]]` an Oracle BYOIP range (Oracle, "Bring Your Own
//! IP", <https://docs.oracle.com/en-us/iaas/Content/Network/Concepts/BYOIP.htm>), checked by
//! `batch check`: each needs its `validation_token` (Oracle issues one per range), and
//! `region` (top level or per prefix) names the OCI region where it changes the ROA origin.
//! Oracle signs nothing, so the signing keys (`account`, `subscription`, `service`,
//! `verification`, `[[asn]]`) are refused there, as `validation_token` and `region` are
//! elsewhere. Any prefix may name `ripe_db_file`, a saved RIPE Database answer for offline
//! checks of RIPE NCC space, and an AWS prefix `irr_file`, a saved IRR answer (`byoip irr
//! fetch`) for the offline `irr.route` check.
//!
//! Rules, each an error naming the line: unknown keys (a typo must not silently drop a
//! setting), a CIDR with host bits, a duplicate or overlapping prefix (AWS refuses
//! overlapping BYOIP ranges: API reference `ProvisionByoipCidr`), a bad account, date or
//! service. Paths are relative to the manifest's folder, as in Cargo.toml.

use std::path::PathBuf;

use crate::{
    account::AccountId, cloud::Cloud, date::ExpiryDate, prefix::Prefix, service::Service,
    service::VerificationMethod, subscription::SubscriptionId,
};

mod read;

/// The manifest's file name where none is given: what `byoip batch` and `byoip audit`
/// read from the working directory.
pub const DEFAULT_NAME: &str = "byoip.toml";

/// One ASN to bring to VPC IPAM, with every setting resolved.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct AsnEntry {
    /// The line of its `asn =`.
    pub line: usize,
    /// The ASN.
    pub asn: crate::asn::Asn,
    /// The account that provisions it, if known.
    pub account: Option<AccountId>,
    /// The message expiry.
    pub expires: ExpiryDate,
    /// The line of the `expires =` that set it (its own or the top level's); `None` for
    /// the default.
    pub expires_line: Option<usize>,
    /// A saved RDAP autnum answer, for offline checks.
    pub rdap_file: Option<PathBuf>,
}

/// What `origin` takes.
const ORIGIN_HINT: &str = "set origin to the ASN announcing the prefix today (origin = 64496), or origin = \"none\" when it is not announced";

/// How many ASNs AWS lets an account bring ("Tutorial: Bring your ASN to IPAM").
const MAX_ASNS: usize = 5;

/// One prefix with every setting resolved.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Entry {
    /// The line of its `cidr =`.
    pub line: usize,
    /// The prefix.
    pub cidr: Prefix,
    /// The account that provisions it, if known.
    pub account: Option<AccountId>,
    /// The Azure subscription it is created in (`cloud = "azure"`), if known.
    pub subscription: Option<SubscriptionId>,
    /// The message expiry (Azure: the ROA's validity end).
    pub expires: ExpiryDate,
    /// The line of the `expires =` that set it (its own or the top level's); `None` for
    /// the default.
    pub expires_line: Option<usize>,
    /// Where it is provisioned.
    pub service: Service,
    /// Publicly advertised.
    pub advertise: bool,
    /// AWS GovCloud (US).
    pub govcloud: bool,
    /// Saved RDAP answers (the record, then parents), for offline checks.
    pub rdap_files: Vec<PathBuf>,
    /// How AWS verifies control: `remarks-x509` (default) or `dns-token` (IPAM only).
    pub verification: VerificationMethod,
    /// dns-token: the JSON of `aws ec2 create-ipam-external-resource-verification-token`
    /// (or the describe list).
    pub token_file: Option<PathBuf>,
    /// dns-token: which token of a file that lists several.
    pub token_id: Option<String>,
    /// A saved RIPE Database REST answer for the range, for offline checks (its
    /// `remarks:`, which RIPE's RDAP does not show).
    pub ripe_db_file: Option<PathBuf>,
    /// A saved IRR answer (plain RPSL text, as `byoip irr fetch` saves it): the route
    /// objects of the prefix and its more-specifics, for offline checks (AWS only).
    pub irr_file: Option<PathBuf>,
    /// Oracle (`cloud = "oci"`): the validation token Oracle issued for the prefix.
    pub validation_token: Option<String>,
    /// Oracle: the region the prefix is imported to (`eu-jovanovac-1` changes the ROA
    /// origin).
    pub region: Option<crate::rules::profile::Region>,
    /// EC2 in a Local Zone: the network border group its IPv4 range is provisioned and
    /// advertised in.
    pub network_border_group: Option<crate::service::NetworkBorderGroup>,
    /// `origin`: the ASN announcing the prefix today (an integer, or `"none"` when it is
    /// not announced), whose ROA `roa.current-origin` looks for; `None` when not set
    /// (`batch check` asks RIPEstat online).
    pub origin: Option<crate::check::CurrentOrigin>,
}

/// A read manifest.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Manifest {
    /// Where it was read from.
    pub path: PathBuf,
    /// The cloud every prefix is brought to (`cloud`, default AWS).
    pub cloud: Cloud,
    /// The private key.
    pub key: Option<PathBuf>,
    /// The certificate published in the registry.
    pub cert: Option<PathBuf>,
    /// A file of signed contexts (as `batch sign --format json` writes), for `audit`.
    pub contexts: Option<PathBuf>,
    /// A VRP export, for checks.
    pub vrps: Option<PathBuf>,
    /// An RDAP server to ask directly.
    pub rdap_url: Option<String>,
    /// An RDAP bootstrap file or URL.
    pub bootstrap: Option<String>,
    /// The prefixes, in file order.
    pub prefixes: Vec<Entry>,
    /// The ASNs (`[[asn]]`), in file order.
    pub asns: Vec<AsnEntry>,
    /// Things worth saying that are not errors (a CIDR respelled canonically).
    pub notes: Vec<String>,
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use chrono::NaiveDate;

    use super::*;
    use crate::error::Error;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    fn parse(text: &str) -> Result<Manifest, Error> {
        Manifest::parse(text, Path::new("/repo/byoip.toml"), today())
    }

    #[test]
    fn asn_entries_take_defaults_and_refuse_duplicates() {
        let m = parse(
            "account = \"123456789012\"\n[[asn]]\nasn = \"AS64496\"\n[[asn]]\nasn = 397979\nexpires = \"20270101\"\nrdap_file = \"r.json\"\n",
        )
        .unwrap();
        assert!(m.prefixes.is_empty());
        assert_eq!(m.asns.len(), 2);
        assert_eq!(m.asns[0].asn.get(), 64496);
        assert_eq!(m.asns[0].expires.to_string(), "20261231");
        assert_eq!(m.asns[1].expires.to_string(), "20270101");
        assert_eq!(m.asns[1].account.unwrap().as_str(), "123456789012");
        assert_eq!(
            m.asns[1].rdap_file.as_deref(),
            Some(Path::new("/repo/r.json"))
        );
        assert!(m.notes[0].contains("line 3"), "{:?}", m.notes);
        let e = parse("[[asn]]\nasn = \"1\"\n[[asn]]\nasn = \"AS1\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("line 4") && e.contains("AS1 is listed twice"),
            "{e}"
        );
        let e = parse("[[asn]]\nasn = \"sixteen\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("line 2") && e.contains("not a decimal number"),
            "{e}"
        );
        let e = parse("[[asn]]\nasn = \"1\"\ncidr = \"x\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown field"), "{e}");
        let six: String = (1..=6)
            .map(|n| format!("[[asn]]\nasn = \"{n}\"\n"))
            .collect();
        assert!(parse(&six).unwrap().notes[0].contains("up to 5"));
    }

    const EXAMPLE: &str = r#"account = "123456789012"
key = "keys/byoip-key.pem"        # passphrase from the usual prompt / file / BYOIP_PASSPHRASE
cert = "keys/byoip-cert.pem"
expires = "+30d"
service = "ipam"                   # ec2 | ipam | ga | cloudfront

[[prefix]]
cidr = "198.51.100.0/24"

[[prefix]]
cidr = "2001:db8:1200::/48"
advertise = false
"#;

    #[test]
    fn the_issue_example_reads_with_defaults_and_overrides() {
        let m = parse(EXAMPLE).unwrap();
        assert_eq!(
            m.key.as_deref(),
            Some(Path::new("/repo/keys/byoip-key.pem"))
        );
        assert_eq!(
            m.cert.as_deref(),
            Some(Path::new("/repo/keys/byoip-cert.pem"))
        );
        assert_eq!(m.prefixes.len(), 2);
        let (a, b) = (&m.prefixes[0], &m.prefixes[1]);
        assert_eq!(a.line, 8);
        assert_eq!(a.cidr.to_string(), "198.51.100.0/24");
        assert_eq!(a.account.unwrap().as_str(), "123456789012");
        assert_eq!(a.expires.to_string(), "20261225");
        assert_eq!(a.service, Service::Ipam);
        assert!(a.advertise);
        assert!(!b.advertise);
        assert_eq!(b.line, 11);
    }

    #[test]
    fn mistakes_name_their_line() {
        for (text, line, needle) in [
            (
                "acount = \"1\"\n[[prefix]]\ncidr = \"192.0.2.0/24\"\n",
                "line 1",
                "unknown field",
            ),
            (
                "[[prefix]]\ncidr = \"192.0.2.0/24\"\nadvertize = false\n",
                "line 3",
                "unknown field",
            ),
            (
                "[[prefix]]\ncidr = \"192.0.2.1/24\"\n",
                "line 2",
                "host bits",
            ),
            (
                "[[prefix]]\ncidr = \"192.0.2.0/24\"\n[[prefix]]\ncidr = \"192.0.2.0/24\"\n",
                "line 4",
                "listed twice (also line 2)",
            ),
            (
                "[[prefix]]\ncidr = \"192.0.2.0/24\"\n[[prefix]]\ncidr = \"192.0.0.0/16\"\n",
                "line 4",
                "overlaps 192.0.2.0/24 on line 2",
            ),
            (
                "account = \"12\"\n[[prefix]]\ncidr = \"192.0.2.0/24\"\n",
                "line 1",
                "account",
            ),
            (
                "[[prefix]]\ncidr = \"192.0.2.0/24\"\nexpires = \"2026-02-30\"\n",
                "line 3",
                "expiry",
            ),
            (
                "[[prefix]]\ncidr = \"192.0.2.0/24\"\nservice = \"ec3\"\n",
                "line 3",
                "ec3",
            ),
            (
                "account = 123456789012\n[[prefix]]\ncidr = \"192.0.2.0/24\"\n",
                "line 1",
                "string",
            ),
            ("[[prefix]\n", "line 1", ""),
            ("key = \"k\"\n", "byoip.toml", "no [[prefix]]"),
        ] {
            let e = parse(text).unwrap_err().to_string();
            assert!(e.contains(line) && e.contains(needle), "{text:?}: {e}");
        }
        let e = parse("account = 123456789012\n[[prefix]]\ncidr = \"192.0.2.0/24\"\n").unwrap_err();
        assert_eq!(
            e.hint(),
            "account is a string: quote it, account = \"123456789012\""
        );
    }

    #[test]
    fn what_no_cloud_documents_is_refused_at_its_line() {
        // Global Accelerator in GovCloud, set at the top or in the entry.
        for text in [
            "govcloud = true\n[[prefix]]\ncidr = \"192.0.2.0/24\"\nservice = \"ga\"\n",
            "service = \"ga\"\n[[prefix]]\ncidr = \"192.0.2.0/24\"\ngovcloud = true\n",
        ] {
            let e = parse(text).unwrap_err();
            let line = e.to_string();
            assert!(
                line.starts_with("/repo/byoip.toml line 3: 192.0.2.0/24: Global Accelerator in AWS GovCloud (US) is not documented"),
                "{line}"
            );
            assert!(
                e.hint()
                    .starts_with("bring the range to EC2 or VPC IPAM in GovCloud")
            );
        }
        // EC2 and IPAM in GovCloud, and Global Accelerator outside it, are fine.
        for ok in [
            "govcloud = true\n[[prefix]]\ncidr = \"192.0.2.0/24\"\nservice = \"ipam\"\n[[prefix]]\ncidr = \"192.0.3.0/24\"\n",
            "service = \"ga\"\n[[prefix]]\ncidr = \"192.0.2.0/24\"\n",
        ] {
            assert!(parse(ok).is_ok(), "{ok}");
        }
        // Oracle's government realms, by region (at the region's line) or flag.
        let oci = |more: &str| {
            format!(
                "cloud = \"oci\"\n[[prefix]]\ncidr = \"192.0.2.0/24\"\nvalidation_token = \"t\"\n{more}"
            )
        };
        for (more, line) in [
            ("region = \"us-langley-1\"\n", "line 5"),
            ("region = \"us-luke-1\"\n", "line 5"),
            ("region = \"us-gov-ashburn-1\"\n", "line 5"),
            ("govcloud = true\n", "line 3"),
        ] {
            let e = parse(&oci(more)).unwrap_err().to_string();
            assert!(
                e.contains(line) && e.contains("whose BGP ASN is on a page byoip does not have"),
                "{more}: {e}"
            );
        }
        assert!(parse(&oci("region = \"eu-jovanovac-1\"\n")).is_ok());
    }

    #[test]
    fn disjoint_neighbours_are_fine_and_respellings_are_noted() {
        let m = parse("[[prefix]]\ncidr = \"192.0.2.0/24\"\n[[prefix]]\ncidr = \"192.0.3.0/24\"\n[[prefix]]\ncidr = \"2001:DB8::/48\"\nrdap_file = [\"a.json\", \"/abs/b.json\"]\n").unwrap();
        assert_eq!(m.prefixes.len(), 3);
        assert_eq!(m.notes.len(), 1);
        assert_eq!(
            m.prefixes[2].rdap_files,
            vec![PathBuf::from("/repo/a.json"), PathBuf::from("/abs/b.json")]
        );
    }

    #[test]
    fn an_irr_file_is_read_relative_to_the_manifest_and_only_for_aws() {
        let m = parse("[[prefix]]\ncidr = \"192.0.2.0/24\"\nirr_file = \"irr/a.txt\"\n").unwrap();
        assert_eq!(
            m.prefixes[0].irr_file.as_deref(),
            Some(Path::new("/repo/irr/a.txt"))
        );
        let e = parse("cloud = \"azure\"\nsubscription = \"3f2a1b4c-0000-4000-8000-123456789abc\"\nexpires = \"20271231\"\n[[prefix]]\ncidr = \"192.0.2.0/24\"\nirr_file = \"a.txt\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("line 5") && e.contains("has an irr_file, which only AWS's check reads"),
            "{e}"
        );
    }
}
