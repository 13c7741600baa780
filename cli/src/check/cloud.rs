//! `byoip check --cloud azure|oci`: Microsoft Azure's and Oracle's prerequisites, judged by
//! [`byoip::check::run`] on the evidence the library's sources gather
//! ([`byoip::check::online::Sources::gather`]): the RDAP record, the RIPE Database object
//! for RIPE NCC space (`remarks:`, which RIPE's RDAP does not show), and the ROAs for the
//! cloud's origin.

use std::path::Path;

use byoip::{
    Cloud, VerificationMethod,
    check::{self, Inputs, RdapEvidence, RipeDbEvidence, Signed},
    ripedb,
};

use super::{CheckArgs, OriginArg};
use crate::{CliError, CliResult, args::done_fetching, note};

/// Refuses options of another cloud, naming the one that fits.
fn refuse_foreign(a: &CheckArgs, cloud: Cloud) -> Result<(), CliError> {
    let wrong = |flag: &str, hint: &str| {
        Err(CliError::input(
            format!("{flag} does not apply to --cloud {cloud}"),
            hint,
        ))
    };
    if a.asn.is_some() {
        return wrong(
            "--asn",
            "bringing an ASN is checked for AWS only: drop --cloud",
        );
    }
    if a.verification == VerificationMethod::DnsToken {
        return wrong(
            "--verification dns-token",
            "dns-token is VPC IPAM's method: drop it, or use --cloud aws --service ipam",
        );
    }
    if a.account.is_some() {
        return wrong(
            "--account",
            "--account is an AWS account; Azure names a subscription (--subscription), Oracle none",
        );
    }
    if a.target.service != byoip::Service::Ec2 || a.target.no_advertise {
        return wrong(
            "--service/--no-advertise",
            "they describe AWS's services: drop them",
        );
    }
    if cloud != Cloud::Azure && a.subscription.is_some() {
        return wrong(
            "--subscription",
            "--subscription is Azure's: use --cloud azure",
        );
    }
    if cloud != Cloud::Oci && (a.validation_token.is_some() || a.region.is_some()) {
        return wrong(
            "--validation-token/--region",
            "they are Oracle's: use --cloud oci",
        );
    }
    if cloud == Cloud::Oci && (a.cert.is_some() || a.key.is_some() || a.signed.given()) {
        return wrong(
            "--cert/--key/--message/--signature",
            &format!(
                "{}; give --validation-token",
                Cloud::Oci
                    .profile()
                    .signs_nothing("certificate, key or signed message")
                    .unwrap_or_default()
            ),
        );
    }
    if cloud == Cloud::Oci && a.govcloud {
        return wrong(
            "--govcloud",
            "Oracle's US Government Cloud ASNs are on a page byoip does not have; check the ROA origin there",
        );
    }
    Ok(())
}

pub(super) fn run(a: CheckArgs, cloud: Cloud) -> CliResult {
    refuse_foreign(&a, cloud)?;
    // Before the proof exists (Azure: no key or certificate; Oracle: no validation token):
    // eligibility alone, the proof's checks left out.
    let eligibility = match cloud {
        Cloud::Oci => a.validation_token.is_none(),
        _ => a.cert.is_none() && a.key.is_none(),
    };
    if cloud == Cloud::Azure && eligibility && a.signed.given() {
        return Err(super::message_without_key(" in the registry record"));
    }
    let cidr = a.target_cidr()?;
    let prefix = cidr.prefix();
    if let Some(why) = a
        .validation_token
        .as_deref()
        .and_then(byoip::ocitoken::empty_token)
    {
        return Err(CliError::input(
            why,
            format!(
                "give the token Oracle issued for {prefix} (the console's OCITOKEN::{prefix}:TOKEN line, or the API's bare token)"
            ),
        ));
    }
    let own = super::own_evidence(&a)?;
    let now = crate::clock::now();
    let mut inputs = Inputs::for_cidr(cidr.0.clone(), byoip::Service::Ec2, now);
    inputs.cloud = cloud;
    inputs.govcloud = a.govcloud;
    inputs.region = a.region.clone();
    inputs.origin = OriginArg::current(a.origin);
    // An Oracle government realm's region is refused before anything is fetched.
    inputs.validate()?;
    let sources = a.sources(Some(prefix))?;
    let saved = a.saved(prefix)?;
    inputs.certificate = own.certificate.as_ref();
    inputs.key = own.key.as_ref();
    inputs.signed = own.signed.as_ref().map(|(m, s)| Signed::new(m, s));
    inputs.subscription = a.subscription;
    inputs.token = a.validation_token.as_deref();
    inputs.eligibility_only = eligibility;
    // The report says which origins it judges (the cloud's, by region).
    let gathered = sources.gather(&mut inputs, &saved);
    done_fetching(&sources);
    gathered.map_err(|u| CliError::from(u.error))?;
    ripe_db_used(prefix, &inputs, a.ripe_db_file.as_deref())?;
    let report = a
        .signed
        .file_hints(crate::advice::report(check::run(&inputs)));
    let title = format!(
        "byoip check {} ({})",
        report.cidr,
        heading(cloud, a.govcloud, a.region.as_ref().map(|r| r.as_str()))
    );
    let saving = a.saving(format!("--cidr {}", report.cidr), Some(prefix));
    super::print_and_conclude(&report, &a, &title, &sources, &saving, None)
}

/// `azure`, `azure, US Government`, `oci, region eu-jovanovac-1`.
pub(crate) fn heading(cloud: Cloud, gov: bool, region: Option<&str>) -> String {
    let mut s = cloud.name().to_string();
    if gov {
        s.push_str(", US Government");
    }
    if let Some(r) = region {
        s.push_str(&format!(", region {r}"));
    }
    s
}

/// After gathering: a note when the saved RIPE Database `file` was not needed (the record is
/// not RIPE NCC's), and an error when it is for another range than `prefix`.
pub(crate) fn ripe_db_used(
    prefix: byoip::Prefix,
    inputs: &Inputs<'_>,
    file: Option<&Path>,
) -> Result<(), CliError> {
    let (rdap, db) = (&inputs.rdap, &inputs.ripe_db);
    if let (Some(f), RipeDbEvidence::NotNeeded, RdapEvidence::Found { .. }) = (file, db, rdap) {
        note(&format!(
            "{} is not used: the record is not RIPE NCC's",
            f.display()
        ));
    }
    // A saved object for another range says nothing about this one.
    if let (Some(f), RipeDbEvidence::Found { object, .. }) = (file, db)
        && !object.covers(prefix.net())
    {
        return Err(CliError::input(
            format!(
                "{} is the RIPE Database {} {}, which does not cover {prefix}",
                f.display(),
                object.kind,
                object.key
            ),
            match rdap {
                RdapEvidence::Found { record, .. } => match ripedb::key_of(&record.network) {
                    Some((kind, key)) => format!(
                        "save the object of the range's record: curl -H 'Accept: application/json' '{}'",
                        ripedb::lookup_url(ripedb::RIPE_DB_BASE, kind, &key)
                    ),
                    None => "save the RIPE Database object of the range being checked".into(),
                },
                _ => "save the RIPE Database object of the range being checked".into(),
            },
        ));
    }
    Ok(())
}
