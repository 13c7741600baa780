//! The closing words of a run that went without evidence: the error when the network left
//! checks not run (exit 2), or the note after an offline run, each saying how to check
//! again from saved files, in the words of the command that reads them (`check`'s flags,
//! `batch check`'s manifest keys).

use byoip::check::online::Missing;

use crate::{CliError, note};

/// Where a run takes saved evidence from, so that its advice names what that command
/// reads: `check`'s flags for the prefix or ASN given (`--cidr 192.0.2.0/24`), or the
/// manifest's keys for `batch check`, which has no `--rdap-file`.
pub enum Saving {
    /// `check`.
    Check {
        /// The target as its flag names it (`--cidr 192.0.2.0/24`, `--asn 64500`), what
        /// `rdap fetch`, `irr fetch` and `ripedb fetch` take.
        target: String,
        /// What `roa fetch` takes to save the ROAs this check asks about (`--cidr
        /// 192.0.2.0/24 --cloud azure`); `None` without a prefix.
        roas: Option<String>,
    },
    /// `batch check`: each entry's `rdap_file` and `ripe_db_file` in the manifest.
    Manifest,
}

/// The closing error line when the network left checks not run (exit 2): plain about an
/// unreachable network, naming only the checks whose evidence is missing (`missing`), and
/// how to check without the network.
pub fn network_failure(e: &byoip::Error, missing: &[Missing], saving: &Saving) -> CliError {
    let checks = missing_checks(missing);
    let offline = offline_advice(missing, saving)
        .map(|a| format!("check offline: {a}"))
        .unwrap_or_default();
    let unreachable = matches!(
        e,
        byoip::Error::Network {
            unreachable: true,
            ..
        }
    );
    let (what, first) = if unreachable {
        (
            format!("the network is unreachable, so {checks} did not run"),
            "check your connection and proxy settings (HTTPS_PROXY)".to_string(),
        )
    } else {
        (format!("{checks} did not run"), crate::hint_for(e))
    };
    let hint = match (unreachable, offline.is_empty()) {
        (_, true) => first,
        (true, false) => format!("{first}, or {offline}"),
        (false, false) => format!("{first}; or {offline}"),
    };
    CliError::input(format!("{what}: {}", e.chain()), hint)
}

/// After a run offline that went without evidence a file would supply: which files, and
/// how to make them (the network failure's advice, for a run that never asked it).
pub fn offline_note(missing: &[Missing], saving: &Saving) {
    if let Some(advice) = offline_advice(missing, saving) {
        note(&format!(
            "{} did not run offline: {advice}",
            missing_checks(missing)
        ));
    }
}

/// "the registry and ROA checks": the checks `missing` evidence leaves not run.
fn missing_checks(missing: &[Missing]) -> String {
    let mut kinds: Vec<&str> = Vec::new();
    for m in missing {
        let kind = match m {
            Missing::RdapRecord | Missing::AutnumRecord => "registry",
            Missing::Roas => "ROA",
            Missing::RipeDbObject => "RIPE Database",
            Missing::DnsAnswers => "DNS",
            Missing::IrrObjects => "IRR",
            _ => "other",
        };
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    let list = match kinds.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => "some".to_string(),
    };
    format!("the {list} checks")
}

/// How to supply the `missing` evidence from files (`--offline` with the files, and where
/// they come from), in the words of the command `saving` names; `None` when files cannot
/// supply any of it (the DNS answers).
fn offline_advice(missing: &[Missing], saving: &Saving) -> Option<String> {
    let mut save = Vec::new();
    let mut flags = vec!["--offline".to_string()];
    // What the manifest names for `batch check`.
    let mut keys = Vec::new();
    let mut notes = Vec::new();
    for m in missing {
        match (m, saving) {
            (Missing::RdapRecord | Missing::AutnumRecord, Saving::Check { target, .. }) => {
                save.push(format!(
                    "the record with `byoip rdap fetch {target} --out rdap.json`"
                ));
                flags.push("--rdap-file rdap.json".into());
            }
            (Missing::RdapRecord, Saving::Manifest) => {
                save.push(
                    "each prefix's record with `byoip rdap fetch --cidr CIDR --out FILE`".into(),
                );
                keys.push("rdap_file = \"FILE\" in its [[prefix]]");
            }
            (Missing::AutnumRecord, Saving::Manifest) => {
                save.push("each ASN's record with `byoip rdap fetch --asn N --out FILE`".into());
                keys.push("rdap_file = \"FILE\" in its [[asn]]");
            }
            // `roa fetch` saves one prefix's ROAs as a VRP file; a validator's export (any
            // prefix) serves as well, and is what a manifest of many prefixes needs.
            (
                Missing::Roas,
                Saving::Check {
                    roas: Some(roas), ..
                },
            ) => {
                save.push(format!(
                    "the ROAs with `byoip roa fetch {roas} --out vrps.csv`"
                ));
                flags.push("--vrps vrps.csv".into());
                notes.push("--vrps also reads a Routinator or rpki-client export");
            }
            (Missing::Roas, Saving::Check { roas: None, .. }) => {
                flags.push("--vrps VRPS".into());
                notes.push("VRPS: a Routinator or rpki-client export");
            }
            (Missing::Roas, Saving::Manifest) => {
                flags.push("--vrps VRPS".into());
                notes.push("VRPS: a Routinator or rpki-client export, or for one prefix what `byoip roa fetch --cidr CIDR --out vrps.csv` saves");
            }
            (Missing::RipeDbObject, Saving::Check { target, .. }) => {
                save.push(format!(
                    "the RIPE Database object with `byoip ripedb fetch {target} --out ripe.json`"
                ));
                flags.push("--ripe-db-file ripe.json".into());
            }
            (Missing::RipeDbObject, Saving::Manifest) => {
                save.push(
                    "each prefix's RIPE Database object with `byoip ripedb fetch --cidr CIDR --out FILE`"
                        .into(),
                );
                keys.push("ripe_db_file = \"FILE\" in its [[prefix]]");
            }
            (Missing::IrrObjects, Saving::Check { target, .. }) => {
                save.push(format!(
                    "the route objects with `byoip irr fetch {target} --out irr.txt`"
                ));
                flags.push("--irr-file irr.txt".into());
            }
            (Missing::IrrObjects, Saving::Manifest) => {
                save.push(
                    "each prefix's route objects with `byoip irr fetch --cidr CIDR --out FILE`"
                        .into(),
                );
                keys.push("irr_file = \"FILE\" in its [[prefix]]");
            }
            _ => {}
        }
    }
    if flags.len() == 1 && keys.is_empty() {
        return None;
    }
    flags.dedup();
    keys.dedup();
    save.dedup();
    let mut run = format!("run with `{}`", flags.join(" "));
    if !keys.is_empty() {
        run += &format!(" and, in the manifest, {}", keys.join(" and "));
    }
    let mut advice = if save.is_empty() {
        run
    } else {
        format!(
            "save {} where the network works, then {run}",
            crate::text::and_list(&save)
        )
    };
    if !notes.is_empty() {
        advice += &format!(" ({})", notes.join("; "));
    }
    Some(advice)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn network(unreachable: bool) -> byoip::Error {
        byoip::Error::network(
            "https://rdap.example/ip/192.0.2.0/24",
            "cannot connect",
            "check the URL",
            unreachable,
        )
    }

    /// Only a network that reaches no server is called unreachable; either way the advice
    /// fetches the record of the prefix checked, by its own flag.
    #[test]
    fn a_network_failure_is_called_unreachable_only_when_it_is() {
        let saving = Saving::Check {
            target: "--cidr 192.0.2.0/24".into(),
            roas: Some("--cidr 192.0.2.0/24".into()),
        };
        let down = network_failure(&network(true), &[Missing::RdapRecord], &saving);
        assert!(
            down.line()
                .starts_with("the network is unreachable, so the registry checks did not run: "),
            "{}",
            down.line()
        );
        let one = network_failure(&network(false), &[Missing::RdapRecord], &saving);
        assert!(
            one.line()
                .starts_with("the registry checks did not run: https://rdap.example/"),
            "{}",
            one.line()
        );
        for e in [down, one] {
            assert!(
                e.hint
                    .contains("`byoip rdap fetch --cidr 192.0.2.0/24 --out rdap.json`"),
                "{}",
                e.hint
            );
        }
    }
}
