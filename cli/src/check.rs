//! `byoip check`: every prerequisite, before anyone calls AWS.
//!
//! Gathers the evidence — the user's key and certificate, the RDAP record (network or
//! `--rdap-file`), ROAs (a VRP file, Routinator or RIPEstat) — and prints the report of
//! [`byoip::check`]. Evidence that cannot be had (offline without a saved file, a network
//! failure) does not stop the run: its checks are reported `not-run` and the verdict is
//! INCOMPLETE. Exit 0 exactly when the report is ready (READY: none failed, every check ran,
//! none was left out for want of evidence), 1 otherwise (NOT READY, INCOMPLETE), 2 when
//! input could not be read or a network failure left checks not run.

use std::path::{Path, PathBuf};

use byoip::{
    AccountId, Prefix, Service, VerificationMethod,
    check::{
        self, DnsEvidence, DnsToken, Inputs, Report, Signed,
        online::{Saved, SavedFile, Sources},
    },
    rdap,
};

use super::{
    CidrArg, CliError, CliResult, Outcome, PassphraseArgs, Style, heading, json, note, out,
    read_input,
};
pub use crate::args::{NetArgs, OriginArg};
use crate::args::{TokenArgs, done_fetching};

pub(super) mod asn;
pub(super) mod cloud;
mod own;
mod render;
mod saving;

pub(crate) use crate::text::plural;
pub use own::public_half;
use own::{message_without_key, own_evidence};
pub use render::{id_list, render, render_only};
pub use saving::{Saving, network_failure, offline_note};

#[derive(clap::Args)]
#[command(next_help_heading = heading::INPUTS)]
// Only IPAM takes dns-token verification: asking for it names the service, unless
// --service names another (then refused by name).
#[command(mut_arg("service", |a| a.default_value_if("verification", "dns-token", "ipam")))]
// What is checked: a prefix, an ASN (BYOASN), or an ASN with a prefix it advertises.
#[command(group(clap::ArgGroup::new("subject").args(["cidr", "asn"]).required(true).multiple(true)))]
pub struct CheckArgs {
    /// The prefix to provision, exactly as you will pass it to AWS (with --asn: a prefix to advertise from the ASN, whose ROAs are checked).
    #[arg(long, value_name = "CIDR", value_parser = CidrArg::parse)]
    cidr: Option<CidrArg>,
    /// Check bringing this ASN to VPC IPAM (BYOASN) instead: its RDAP autnum record, certificate and message.
    #[arg(long, value_name = "ASN")]
    asn: Option<String>,
    /// Your certificate: a file, - or the text itself (PEM, one line, DER, whois text or a saved RDAP answer). Without it and --key, only eligibility is checked (registry, allocation type, prefix, ROAs).
    #[arg(long, value_name = "FILE|TEXT", allow_hyphen_values = true)]
    cert: Option<PathBuf>,
    /// Your key (private or public; only the public half is used).
    #[arg(long, value_name = "FILE")]
    key: Option<PathBuf>,
    /// The AWS account that will provision the prefix.
    #[arg(long, value_name = "ID", value_parser = super::lib_value::<byoip::AccountId>, help_heading = heading::AWS)]
    account: Option<AccountId>,
    #[command(flatten)]
    signed: super::SignedArgs,
    #[command(flatten)]
    target: super::TargetArgs,
    /// Provisioning in AWS GovCloud (US): the ROA must authorize AS8987.
    #[arg(long, help_heading = heading::AWS)]
    govcloud: bool,
    /// EC2 in a Local Zone: the network border group (us-west-2-lax-1) provision-byoip-cidr and advertise-byoip-cidr will take (IPv4 only); named in the closing hint.
    #[arg(long, value_name = "NAME", value_parser = super::lib_value::<byoip::NetworkBorderGroup>, help_heading = heading::AWS)]
    network_border_group: Option<byoip::NetworkBorderGroup>,
    /// How AWS verifies control: remarks-x509 (the certificate in the registry record) or dns-token (IPAM only: reverse-DNS TXT records; needs the token).
    #[arg(long, value_name = "METHOD", default_value = "remarks-x509", help_heading = heading::AWS)]
    verification: VerificationMethod,
    #[command(flatten)]
    token: TokenArgs,
    /// A saved RDAP answer for the prefix; repeat to add its parents, nearest first.
    #[arg(long, value_name = "FILE", help_heading = heading::EVIDENCE)]
    rdap_file: Vec<PathBuf>,
    /// A saved IRR answer for the prefix (plain RPSL text, as `byoip irr fetch` saves it): its route objects and their more-specifics.
    #[arg(long, value_name = "FILE", help_heading = heading::EVIDENCE)]
    irr_file: Option<PathBuf>,
    #[command(flatten)]
    net: NetArgs,
    #[command(flatten)]
    pass: PassphraseArgs,
    /// Print the report as JSON ({"ok", "ready", "checks": [{"id", "status", "left_out", "message", …}]}).
    #[arg(long, help_heading = heading::OUTPUT)]
    json: bool,
    /// List the checks skipped by rule too (those that do not apply here), which the report otherwise only counts.
    #[arg(long, short = 'v')]
    pub(super) verbose: bool,
    /// The cloud to check for: aws (the default), azure (Custom IP Prefix) or oci (Oracle BYOIP); `byoip clouds` lists what each wants.
    #[arg(long, value_name = "CLOUD", default_value = "aws")]
    cloud: byoip::Cloud,
    /// Azure: the subscription the prefix is created in, compared with the message's.
    #[arg(long, value_name = "ID", value_parser = super::lib_value::<byoip::SubscriptionId>, help_heading = heading::AZURE)]
    subscription: Option<byoip::SubscriptionId>,
    /// Oracle: the validation token (the console's OCITOKEN::CIDR:TOKEN line, or the API's bare token).
    #[arg(long, value_name = "TOKEN", help_heading = heading::ORACLE)]
    validation_token: Option<String>,
    /// Oracle: the region the prefix is imported to (eu-jovanovac-1, Serbia Central, needs AS14544 in the ROA instead of AS31898).
    #[arg(long, value_name = "REGION", value_parser = super::lib_value::<byoip::Region>, help_heading = heading::ORACLE)]
    region: Option<byoip::Region>,
    /// A saved RIPE Database REST answer for the range (its remarks:, which RIPE's RDAP does not show; Azure reads them).
    #[arg(long, value_name = "FILE", help_heading = heading::EVIDENCE)]
    ripe_db_file: Option<PathBuf>,
    /// The ASN announcing the prefix today, or none (not announced): roa.current-origin looks for its ROA. Default online: RIPEstat's prefix-overview.
    #[arg(long, value_name = "ASN|none", value_parser = OriginArg::parse)]
    origin: Option<OriginArg>,
}

pub fn run(a: CheckArgs) -> CliResult {
    if a.network_border_group.is_some() && (a.cloud != byoip::Cloud::Aws || a.asn.is_some()) {
        return Err(CliError::input(
            "--network-border-group places an AWS EC2 prefix in a Local Zone: it takes no --asn and no other cloud",
            "drop --network-border-group, or check an EC2 prefix (--cidr) for --cloud aws",
        ));
    }
    if a.irr_file.is_some() && (a.cloud != byoip::Cloud::Aws || a.asn.is_some()) {
        return Err(CliError::input(
            "--irr-file is read by AWS's prefix check only (irr.route)",
            "drop --irr-file: Azure's and Oracle's pages and BYOASN state no IRR rule",
        ));
    }
    if a.cloud != byoip::Cloud::Aws {
        let cloud = a.cloud;
        return cloud::run(a, cloud);
    }
    if a.subscription.is_some() || a.validation_token.is_some() || a.region.is_some() {
        return Err(CliError::input(
            "--subscription, --validation-token and --region are Azure's and Oracle's",
            "add --cloud azure or --cloud oci",
        ));
    }
    if a.asn.is_some() {
        return asn::run(a);
    }
    prefix(a)
}

/// `check --cidr` for AWS: the arguments as the library's [`Inputs`], gathered and judged
/// by the library ([`Sources::gather`], [`check::run`]), then rendered.
fn prefix(a: CheckArgs) -> CliResult {
    let cidr = a.target_cidr()?;
    let prefix = cidr.prefix();
    // What no AWS page documents (Global Accelerator in GovCloud) is refused before
    // anything is read or fetched.
    let mut inputs = Inputs::for_cidr(cidr.0.clone(), a.target.service, super::clock::now());
    inputs.govcloud = a.govcloud;
    inputs.validate()?;
    super::refuse_no_advertise(a.target)?;
    if let Some(group) = &a.network_border_group {
        group.allowed(a.target.service, prefix)?;
    }
    let dns_token = a.verification == VerificationMethod::DnsToken;
    // CloudFront's range is verified in its top-level IPAM pool, by either method.
    if dns_token && !matches!(a.target.service, Service::Ipam | Service::Cloudfront) {
        return Err(CliError::input(
            format!(
                "--verification dns-token is accepted by IPAM only, not by --service {}",
                a.target.service
            ),
            "add --service ipam (EC2 BYOIP and Global Accelerator need remarks-x509: the certificate in the registry record)",
        ));
    }
    // Without a key or certificate, before either exists: eligibility alone (the registry,
    // allocation type, prefix and ROAs), the checks that need them left out.
    let eligibility = !dns_token && a.cert.is_none() && a.key.is_none();
    if eligibility && a.signed.given() {
        return Err(message_without_key(""));
    }
    // The DNS answers are gathered with the rest.
    inputs.dns_token = match dns_token {
        true => Some(DnsToken {
            token: a.token.load()?,
            dns: DnsEvidence::Unavailable(String::new()),
        }),
        false => None,
    };
    let own = own_evidence(&a)?;
    let mut sources = a.sources(Some(prefix))?;
    if dns_token {
        sources = a.net.with_dns(sources)?;
    }
    let saved = a.saved(prefix)?;
    inputs.advertise = !a.target.no_advertise;
    inputs.network_border_group = a.network_border_group.clone();
    // Who announces the prefix today (--origin, else RIPEstat online), whose ROA
    // roa.current-origin looks for beside Amazon's.
    inputs.origin = OriginArg::current(a.origin);
    inputs.account = a.account;
    inputs.certificate = own.certificate.as_ref();
    inputs.key = own.key.as_ref();
    inputs.signed = own.signed.as_ref().map(|(m, s)| Signed::new(m, s));
    inputs.eligibility_only = eligibility;
    let gathered = sources.gather(&mut inputs, &saved);
    done_fetching(&sources);
    gathered.map_err(|u| CliError::from(u.error))?;
    let report = a
        .signed
        .file_hints(super::advice::report(check::run(&inputs)));
    let title = format!(
        "byoip check {} ({}{})",
        report.cidr,
        heading(a.target.service, !a.target.no_advertise, a.govcloud),
        if dns_token { ", dns-token" } else { "" }
    );
    // The advice names the canonical network (host bits cleared): `rdap fetch` and `irr
    // fetch` refuse a prefix with host bits set, which prefix.canonical already fails.
    let saving = a.saving(format!("--cidr {prefix}"), Some(prefix));
    print_and_conclude(
        &report,
        &a,
        &title,
        &sources,
        &saving,
        inputs.dns_token.as_ref(),
    )
}

/// The closing hint of a check for a Local Zone: both calls take the group (EC2 API
/// Reference, `ByoipCidr`: "when you provision and advertise a BYOIPv4 CIDR").
fn border_group_hint(cidr: &str, group: &byoip::NetworkBorderGroup, ready: bool) -> String {
    format!(
        "{} in the Local Zone: aws ec2 provision-byoip-cidr --cidr {cidr} --cidr-authorization-context Message=\"…\",Signature=\"…\" --network-border-group {group}, then aws ec2 advertise-byoip-cidr --cidr {cidr} --network-border-group {group} (`byoip sign --network-border-group {group}` prints both)",
        if ready {
            "next, provision it"
        } else {
            "once ready, provision it"
        }
    )
}

/// Prints `report` (JSON under `--json`, or the table under `title`), then ends as `check`
/// does: exit 2 with the network failure that left checks not run, or with the DNS that
/// did not answer for `dns_token`'s records, else 0 exactly when the report is ready, 1
/// otherwise (a Local Zone's prefix named in a closing hint).
fn print_and_conclude(
    report: &Report,
    a: &CheckArgs,
    title: &str,
    sources: &Sources,
    saving: &Saving,
    dns_token: Option<&DnsToken>,
) -> CliResult {
    if a.json {
        out(&json(report)?)?;
    } else {
        out(&render(report, title, &Style::detect(), a.verbose))?;
    }
    if let Some(e) = sources.failure() {
        return Err(network_failure(&e, &sources.missing(), saving));
    }
    offline_note(&sources.missing(), saving);
    if let Some(e) = super::dns_token::dns_failure(dns_token) {
        return Err(e);
    }
    if let Some(group) = &a.network_border_group {
        note(&border_group_hint(&report.cidr, group, report.ready()));
    }
    Ok(if report.ready() {
        Outcome::Ok
    } else {
        Outcome::Failed
    })
}

impl CheckArgs {
    /// Where this check's advice saves evidence: `target` for `rdap fetch`, `irr fetch`
    /// and `ripedb fetch`; `prefix`'s ROAs with `roa fetch` and the flags of this check
    /// that name other origins than the default's (cloud, service, partition, region,
    /// today's origin).
    fn saving(&self, target: String, prefix: Option<Prefix>) -> Saving {
        let roas = prefix.map(|p| {
            let mut flags = format!("--cidr {p}");
            if self.cloud != byoip::Cloud::Aws {
                flags += &format!(" --cloud {}", self.cloud);
            } else if self.target.service != Service::Ec2 {
                flags += &format!(" --service {}", self.target.service);
            }
            if self.govcloud {
                flags += " --govcloud";
            }
            if let Some(r) = &self.region {
                flags += &format!(" --region {}", r.as_str());
            }
            match self.origin {
                Some(OriginArg::Asn(a)) => flags += &format!(" --origin {a}"),
                Some(OriginArg::None) => flags += " --origin none",
                None => {}
            }
            flags
        });
        Saving::Check { target, roas }
    }

    /// The evidence sources of this check; a `--vrps` file that does not exist is met with
    /// the `roa fetch` that saves it for `prefix`.
    fn sources(&self, prefix: Option<Prefix>) -> Result<Sources, CliError> {
        self.net.sources(false).map_err(|e| {
            let (
                Saving::Check {
                    roas: Some(roas), ..
                },
                Some(vrps),
            ) = (self.saving(String::new(), prefix), &self.net.vrps)
            else {
                return e;
            };
            e.or_saved_by(&[vrps.as_path()], |f| {
                format!(
                    "save the ROAs with `byoip roa fetch {roas} --out {}`",
                    f.display()
                )
            })
        })
    }

    /// `e`, from reading the `--rdap-file`s: one that does not exist is met with the `rdap
    /// fetch` that saves it, for `target` (`--cidr 192.0.2.0/24`, `--asn 64496`).
    fn rdap_file_missing(&self, e: CliError, target: &str) -> CliError {
        let files: Vec<&Path> = self.rdap_file.iter().map(PathBuf::as_path).collect();
        e.or_saved_by(&files, |f| {
            format!(
                "save the record with `byoip rdap fetch {target} --out {}`",
                f.display()
            )
        })
    }

    /// The saved evidence a prefix's check names (`--rdap-file`, `--irr-file`, and for
    /// Azure and Oracle `--ripe-db-file`) as read, for the library to parse and prefer to
    /// the network; a file that does not exist is met with the command that saves it for
    /// `prefix`. Under `--local-only` the registry and IRR files are refused earlier
    /// ([`own_evidence`]); a RIPE Database file is read, and not used.
    fn saved(&self, prefix: Prefix) -> Result<Saved, CliError> {
        let mut saved = Saved::default();
        for p in &self.rdap_file {
            saved.rdap.push(
                read_saved(p, rdap::MAX_RDAP_BYTES, "RDAP file")
                    .map_err(|e| self.rdap_file_missing(e, &format!("--cidr {prefix}")))?,
            );
        }
        if let Some(p) = &self.irr_file {
            saved.irr = Some(
                read_saved(p, byoip::irr::MAX_IRR_BYTES, "IRR file").map_err(|e| {
                    e.or_saved_by(&[p.as_path()], |f| {
                        format!(
                            "save the route objects with `byoip irr fetch --cidr {prefix} --out {}`",
                            f.display()
                        )
                    })
                })?,
            );
        }
        if let Some(p) = self
            .ripe_db_file
            .as_ref()
            .filter(|_| self.cloud != byoip::Cloud::Aws)
        {
            saved.ripe_db = Some(
                read_saved(p, byoip::ripedb::MAX_RIPE_DB_BYTES, "RIPE Database file").map_err(
                    |e| {
                        e.or_saved_by(&[p.as_path()], |f| {
                            format!(
                                "save the RIPE Database object with `byoip ripedb fetch --cidr {prefix} --out {}`",
                                f.display()
                            )
                        })
                    },
                )?,
            );
        }
        Ok(saved)
    }

    /// `--cidr`, which clap requires unless `--asn` is given. Its host bits are a finding
    /// of the report (`prefix.canonical`, which sees the text as given), not an error.
    fn target_cidr(&self) -> Result<&CidrArg, CliError> {
        self.cidr.as_ref().ok_or_else(|| {
            CliError::input(
                "--cidr is required",
                "give the prefix to provision, e.g. --cidr 198.51.100.0/24",
            )
        })
    }
}

/// The saved answer at `path` (`-`: standard input), at most `limit` bytes, called `what`
/// in errors: its bytes, its name and its modification time (its age in the report, unless
/// the answer records when it was fetched).
pub(crate) fn read_saved(path: &Path, limit: u64, what: &str) -> Result<SavedFile, CliError> {
    let data = read_input(path, usize::try_from(limit).unwrap_or(usize::MAX), what)?;
    Ok(SavedFile::new(
        path.display().to_string(),
        data.to_vec(),
        modified(path),
    ))
}

/// When the saved answer at `path` was saved: its modification time (none for standard
/// input). The report shows the answer's age and warns when it is old.
pub(crate) fn modified(path: &Path) -> Option<chrono::DateTime<chrono::Utc>> {
    if path == Path::new("-") {
        return None;
    }
    let t = std::fs::metadata(path).ok()?.modified().ok()?;
    Some(t.into())
}

/// `ec2, advertised` — what a report is about.
pub fn heading(service: byoip::Service, advertise: bool, govcloud: bool) -> String {
    format!(
        "{service}, {}{}",
        if advertise {
            "advertised"
        } else {
            "not advertised"
        },
        if govcloud { ", GovCloud" } else { "" }
    )
}
