//! `dns.*`: the reverse-DNS TXT records of `dns-token` verification (VPC IPAM user guide,
//! "Verify domain control"): the zones delegated, and every planned record published.

use super::{Builder, CheckId, DNS_CHECK_IDS, DnsEvidence, Status};

/// `dns.delegation` and `dns.record` from the answers for every planned name. Neither
/// passes unless the DNS was asked and answered for every name.
pub(super) fn dns_checks(b: &mut Builder, dns: &DnsEvidence) {
    use crate::dnstoken::NameState;
    let names = match dns {
        DnsEvidence::NotAsked(why) => {
            b.all(DNS_CHECK_IDS.iter().cloned(), Status::Skip, why);
            return;
        }
        DnsEvidence::Unavailable(why) => {
            b.all(DNS_CHECK_IDS.iter().cloned(), Status::NotRun, why);
            return;
        }
        DnsEvidence::Names(n) => n,
    };
    if names.is_empty() {
        b.all(
            DNS_CHECK_IDS.iter().cloned(),
            Status::NotRun,
            "no names were planned",
        );
        return;
    }
    let n = names.len();

    // dns.delegation: every name's zone delegated; one that is not fails; unknown is not-run.
    let undelegated: Vec<_> = names
        .iter()
        .filter(|c| c.delegation.delegated == Some(false))
        .collect();
    let unknown = names
        .iter()
        .filter(|c| c.delegation.delegated.is_none())
        .count();
    let c = if !undelegated.is_empty() {
        let zones: Vec<&str> = undelegated.iter().map(|c| c.zone.as_str()).collect();
        b.fail(
            CheckId::DnsDelegation,
            format!(
                "{} of {n} reverse zones are not delegated: {}",
                undelegated.len(),
                zones.join(", ")
            ),
            "ask the registry to delegate the reverse zone to your name servers (or publish the records in your delegated parent zone); AWS cannot see records in an undelegated zone",
        )
    } else if unknown > 0 {
        b.not_run(
            CheckId::DnsDelegation,
            format!("{unknown} of {n} names could not be checked"),
        )
    } else {
        b.pass(
            CheckId::DnsDelegation,
            format!("the reverse zone of every planned name ({n}) is delegated"),
        )
    };
    for name in names {
        c.details.push(format!(
            "{}: {}",
            name.name,
            if name.delegation.reason.is_empty() {
                "delegated"
            } else {
                &name.delegation.reason
            }
        ));
    }

    // dns.record: every name found; missing or wrong fails; unchecked alone is not-run.
    let crate::dnstoken::Tally {
        found,
        missing,
        wrong,
        unchecked,
    } = crate::dnstoken::Tally::of(names);
    let c = if missing + wrong > 0 {
        b.fail(
            CheckId::DnsRecord,
            format!("{missing} missing, {wrong} wrong, {unchecked} not checked, {found} of {n} found"),
            "publish every planned record (`byoip dns-token plan`), with the exact token value, and check again with `byoip dns-token check`",
        )
    } else if unchecked > 0 {
        b.not_run(
            CheckId::DnsRecord,
            format!("{unchecked} of {n} names could not be checked ({found} found)"),
        )
    } else {
        b.pass(
            CheckId::DnsRecord,
            format!("all {n} TXT records hold the token value"),
        )
    };
    for name in names {
        let mut line = format!("{} {}", name.state, name.name);
        if !name.found.is_empty() && name.state != NameState::Found {
            line += &format!(": found {}", name.found.join(", "));
        }
        if let Some(cause) = &name.cause {
            line += &format!(" ({cause})");
        }
        c.details.push(line);
    }
}
