//! `dns.*`: the reverse-DNS TXT records of `dns-token` verification (VPC IPAM user guide,
//! "Verify domain control"): the token still usable, the zones delegated, and every planned
//! record published.

use chrono::{DateTime, Utc};

use super::{Builder, CheckId, DNS_CHECK_IDS, DnsEvidence, Status};
use crate::dnstoken::Token;
use crate::error::{Remedy, Step};

/// `dns.token`: the verification token can still be used. A token is accepted for 72 hours
/// (VPC IPAM user guide, "Verify domain control"), until its `NotAfter`, after which its
/// `Status` is `expired` (EC2 API reference, `IpamExternalResourceVerificationToken`);
/// `ProvisionIpamPoolCidr` names the token by id, so an expired one cannot verify the prefix
/// however well its records are published: that fails, like an expired certificate. A token
/// expiring within a day warns (provisioning must be asked for before then); a failed or
/// deleted token (`State`) fails; a token whose expiry is not known (its name and value
/// alone) warns: unconfirmed. Judged from the token alone, so offline too.
pub(super) fn token_check(b: &mut Builder, token: &Token, now: DateTime<Utc>) {
    if let Some(f) = token.expiry_finding(now) {
        b.finding(CheckId::DnsToken, &f);
        return;
    }
    match (token.not_after, token.status.as_deref()) {
        (Some(at), _) => b.pass(
            CheckId::DnsToken,
            format!(
                "the token is valid until {}",
                at.format("%Y-%m-%d %H:%M UTC")
            ),
        ),
        (None, Some(status)) => b.pass(
            CheckId::DnsToken,
            format!("the token's Status is {status}"),
        ),
        // A name and value typed in say nothing about the token's age: unconfirmed, which
        // is a warning (provisioning may still work), not a pass.
        (None, None) => b.warn(
            CheckId::DnsToken,
            "the token's expiry is not known (no NotAfter given): AWS accepts a token for 72 hours after it is created",
            "give the token as AWS printed it (its JSON has NotAfter), or make sure it is less than 72 hours old",
        ),
    };
}

/// `dns.delegation` and `dns.record` from the answers for every planned name. Neither
/// passes unless the DNS was asked and answered for every name.
pub(super) fn dns_checks(b: &mut Builder, dns: &DnsEvidence) {
    use crate::dnstoken::NameState;
    let names = match dns {
        DnsEvidence::NotAsked(why) => {
            b.all_left_out(DNS_CHECK_IDS.iter().cloned(), why);
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
            format!(
                "{missing} missing, {wrong} wrong, {unchecked} not checked, {found} of {n} found"
            ),
            "publish every planned record, with the exact token value, and check again",
        )
        .remedy([
            Remedy::Run(Step::PlanDnsToken),
            Remedy::Run(Step::CheckDnsToken),
        ])
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
        let shown = name.shown();
        if !shown.is_empty() && name.state != NameState::Found {
            line += &format!(": found {}", shown.join(", "));
        }
        if let Some(cause) = &name.cause {
            line += &format!(" ({cause})");
        }
        c.details.push(line);
    }
}
