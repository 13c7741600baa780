//! `byoip rdap fetch`: save the registry record for a prefix, with the parents `check`
//! walks up to, in the form `check --rdap-file` and a manifest's `rdap_file` read — so a
//! check offline (in CI, on a machine without the network) judges what an online check
//! would. RFC 9224 finds the registry, RFC 9082 asks it; the saved form is described in
//! [`byoip::rdap::saved`].

use super::heading;
use std::{path::PathBuf, sync::Arc};

use byoip::{
    proof::{self, placement},
    rdap::{self, Lookup, identify},
};

use super::{
    CidrArg, CliError, CliResult, Outcome, SaveTo, args::RegistryArgs, check::plural, json,
};

#[derive(clap::Args)]
pub struct RdapArgs {
    #[command(subcommand)]
    command: RdapCommand,
}

#[derive(clap::Subcommand)]
enum RdapCommand {
    /// Save the RDAP record for a prefix (and the parents check walks up to) for offline checks.
    Fetch(FetchArgs),
}

#[derive(clap::Args)]
#[command(next_help_heading = heading::INPUTS)]
struct FetchArgs {
    /// The prefix whose record to fetch.
    #[arg(long, value_name = "CIDR", value_parser = CidrArg::parse, required_unless_present = "asn", conflicts_with = "asn")]
    cidr: Option<CidrArg>,
    /// An ASN instead (BYOASN): its RDAP autnum record, found through IANA's asn.json.
    #[arg(long, value_name = "ASN")]
    asn: Option<String>,
    /// Where to save it (- for stdout); what `check --rdap-file` and a manifest's rdap_file read.
    #[arg(long, value_name = "FILE", help_heading = heading::OUTPUT)]
    out: PathBuf,
    /// Replace an existing --out file.
    #[arg(long, help_heading = heading::OUTPUT)]
    force: bool,
    /// Print what was saved as JSON ({"cidr", "asn", "fetched", "out", "registry", "record", …}).
    #[arg(long, help_heading = heading::OUTPUT)]
    json: bool,
    #[command(flatten)]
    registry: RegistryArgs,
}

pub fn run(a: RdapArgs) -> CliResult {
    match a.command {
        RdapCommand::Fetch(f) => fetch(f),
    }
}

fn fetch(a: FetchArgs) -> CliResult {
    let to = SaveTo::new(&a.out, a.force)?;
    let Some(cidr) = &a.cidr else {
        return fetch_asn(&a, &to);
    };
    let cidr = cidr.exact()?;
    let client = Arc::new(a.registry.client(true, true)?);
    let resolver = a.registry.resolver(client.clone(), false)?;
    let lookup = resolver.lookup(cidr.net());
    super::args::clear_fetching(&client);
    for n in resolver.take_notes() {
        super::note(&n);
    }
    let found = lookup.map_err(|e| {
        let shown = cidr.to_string();
        unreachable_registry(e, &format!("ip/{shown}"), &format!("--cidr {shown}"))
    })?;
    let (record, ancestors) = match found {
        Lookup::Found { record, ancestors } => (record, ancestors),
        Lookup::NotFound { url } => {
            return Err(CliError::input(
                format!(
                    "the registry has no record for {} (HTTP 404 from {url})",
                    cidr
                ),
                "check the prefix; a registry answers only for space it manages (after a transfer, name the new registry's server with --rdap-url)",
            ));
        }
        _ => return Err(CliError::unknown("RDAP answer")),
    };
    let fetched = fetched_now(&record.source);
    let data = rdap::saved::save(&record, &ancestors, &fetched);
    to.save(&data)?;

    let id = identify(&record.network, record.source.url());
    let registry = id.registry;
    let field = match registry {
        Some(r) if r.supports_x509() => r.where_to_publish().to_string(),
        Some(r) => format!(
            "{r} does not support the certificate method: prove control with VPC IPAM's dns-token verification instead"
        ),
        None => "the registry could not be told from the answer: see its documentation".to_string(),
    };
    let found: Vec<String> = std::iter::once(&record)
        .chain(&ancestors)
        .flat_map(|r| {
            rdap::certificates(&r.network).into_iter().map(move |c| {
                let verdict = match placement(registry, &c.place) {
                    proof::Placement::Correct => "where AWS reads".to_string(),
                    proof::Placement::Tolerated(w) | proof::Placement::Wrong(w) => w,
                    _ => "see the registry's documentation".to_string(),
                };
                format!("{} of {}: {verdict}", c.place, r.network.describe())
            })
        })
        .collect();
    let shown = a.out.display().to_string();
    if a.json {
        FetchJson {
            ancestors: ancestors.iter().map(|r| r.network.describe()).collect(),
            asn: None,
            certificate_field: &field,
            certificates: found,
            cidr: Some(cidr.to_string()),
            fetched: stamp(fetched.at),
            out: &shown,
            record: record.network.describe(),
            registry: registry.map(|r| r.to_string()),
            registry_evidence: &id.evidence,
            source: &record.source,
        }
        .print(&to)?;
        return Ok(Outcome::Ok);
    }
    let mut s = format!(
        "saved {} from {}{}\n{}",
        record.network.describe(),
        record.source,
        if ancestors.is_empty() {
            String::new()
        } else {
            format!(
                ", with {}",
                plural(ancestors.len(), "parent record", "parent records")
            )
        },
        fetched_line(&fetched),
    );
    s += &facts(
        registry,
        &id.evidence,
        &field,
        &found,
        "the record or its parents",
    );
    if !to.to_stdout() {
        s += &format!(
            "check offline: byoip check --offline --cidr {cidr} --rdap-file {shown} --vrps VRPS (or rdap_file = \"{shown}\" in byoip.toml)\n\
             for AWS also save the IRR's route objects (irr.route): byoip irr fetch --cidr {cidr} --out irr.txt, and add --irr-file irr.txt (or irr_file = \"irr.txt\")\n",
        );
    }
    // With --out -, stdout is the saved answer: the summary goes to stderr.
    to.summary(&s)?;
    Ok(Outcome::Ok)
}

/// `rdap fetch --json`, for a prefix (`asn` null) or an ASN (`cidr` null, no ancestors);
/// fields in alphabetical order, the order this output has always had.
#[derive(serde::Serialize)]
struct FetchJson<'a> {
    /// The covering records saved with the prefix's, each described.
    ancestors: Vec<String>,
    asn: Option<byoip::Asn>,
    certificate_field: &'a str,
    /// Each certificate found, where, and whether the cloud reads it there.
    certificates: Vec<String>,
    cidr: Option<String>,
    /// When the registry answered (RFC 3339, the run's clock), as recorded in the file.
    fetched: String,
    out: &'a str,
    record: String,
    registry: Option<String>,
    registry_evidence: &'a str,
    source: &'a rdap::Source,
}

impl FetchJson<'_> {
    /// On stdout, or on stderr when the saved answer went to stdout.
    fn print(&self, to: &SaveTo<'_>) -> Result<(), CliError> {
        to.json_summary(&json(self)?)
    }
}

/// `rdap fetch --asn`: the ASN's autnum record (RFC 9224 `asn.json`, RFC 9082
/// `autnum/N`), saved as received, and where its certificate goes ("Tutorial: Bring your
/// ASN to IPAM").
fn fetch_asn(a: &FetchArgs, to: &SaveTo<'_>) -> CliResult {
    let text = a.asn.as_deref().unwrap_or_default();
    let parsed = byoip::Asn::parse_lenient(text)?;
    if parsed.rewritten {
        super::note(&format!("ASN {text:?} read as {}", parsed.asn));
    }
    let asn = parsed.asn;
    let client = Arc::new(a.registry.client(true, true)?);
    let resolver = a.registry.resolver(client.clone(), false)?;
    let lookup = resolver.lookup_autnum(asn);
    super::args::clear_fetching(&client);
    for n in resolver.take_notes() {
        super::note(&n);
    }
    let found = lookup
        .map_err(|e| unreachable_registry(e, &format!("autnum/{asn}"), &format!("--asn {asn}")))?;
    let record = match found {
        rdap::AutnumLookup::Found(r) => r,
        rdap::AutnumLookup::NotFound { url } => {
            return Err(CliError::input(
                format!("the registry has no record for AS{asn} (HTTP 404 from {url})"),
                "check the ASN; a registry answers only for ASNs it manages (name its server with --rdap-url)",
            ));
        }
        _ => return Err(CliError::unknown("RDAP answer")),
    };
    let fetched = fetched_now(&record.source);
    let data = rdap::saved::save_autnum(&record, &fetched);
    to.save(&data)?;
    let id = rdap::identify_autnum(&record.autnum, record.source.url());
    let registry = id.registry;
    let field = registry.map_or(
        "the registry could not be told from the answer: see its documentation",
        |r| r.where_to_publish_asn(),
    );
    let describe = record.autnum.describe();
    let found: Vec<String> = rdap::autnum_certificates(&record.autnum)
        .into_iter()
        .map(|c| {
            let verdict = match byoip::proof::autnum_placement(registry, &c.place) {
                proof::Placement::Correct => "where AWS reads".to_string(),
                proof::Placement::Tolerated(w) | proof::Placement::Wrong(w) => w,
                _ => "see the registry's documentation".to_string(),
            };
            format!("{}: {verdict}", rdap::on_autnum(&c.place, &describe))
        })
        .collect();
    let shown = a.out.display().to_string();
    if a.json {
        FetchJson {
            ancestors: Vec::new(),
            asn: Some(asn),
            certificate_field: field,
            certificates: found,
            cidr: None,
            fetched: stamp(fetched.at),
            out: &shown,
            record: describe,
            registry: registry.map(|r| r.to_string()),
            registry_evidence: &id.evidence,
            source: &record.source,
        }
        .print(to)?;
        return Ok(Outcome::Ok);
    }
    let mut s = format!(
        "saved {describe} from {}\n{}",
        record.source,
        fetched_line(&fetched)
    );
    s += &facts(registry, &id.evidence, field, &found, "the record");
    if !to.to_stdout() {
        s += &format!(
            "check offline: byoip check --offline --asn {asn} --cert CERT --rdap-file {shown} (or rdap_file = \"{shown}\" in an [[asn]] of byoip.toml)\n"
        );
    }
    to.summary(&s)?;
    Ok(Outcome::Ok)
}

/// The fetch time to record in the saved file: the run's one clock (`BYOIP_NOW` when set),
/// and the URL that answered for the record.
fn fetched_now(source: &rdap::Source) -> rdap::saved::Fetched {
    rdap::saved::Fetched::new(super::clock::now(), source.to_string())
}

/// A fetch time as every fetch command's `--json` and summary write it (RFC 3339, UTC,
/// whole seconds).
pub(super) fn stamp(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Says that the file records when it was fetched, which a check reads for its age.
pub(super) fn fetched_line(f: &rdap::saved::Fetched) -> String {
    format!(
        "fetched {} (recorded in the file: check judges the answer's age from it)\n",
        stamp(f.at)
    )
}

/// A network failure in `rdap fetch`, with advice that leads somewhere: this command is how
/// a saved record is made, so "check offline with saved data" would send the user in a
/// circle. `path` is the RDAP path asked for (RFC 9082: `ip/CIDR`, `autnum/N`), `target`
/// the flag that names it.
fn unreachable_registry(e: byoip::Error, path: &str, target: &str) -> CliError {
    if !matches!(e, byoip::Error::Network { .. }) {
        return e.into();
    }
    CliError::input(
        format!("cannot fetch the RDAP record: {}", e.chain()),
        format!(
            "retry later; if you are behind a proxy, set HTTPS_PROXY; or, where the network works, save the registry's RDAP JSON by hand (e.g. curl -o rdap.json https://rdap.arin.net/registry/{path}, with your registry's RDAP server) and run `byoip check --offline {target} --rdap-file rdap.json`"
        ),
    )
}

/// The registry, where the certificate goes there, and the certificates already on `what`.
fn facts(
    registry: Option<rdap::Registry>,
    evidence: &str,
    field: &str,
    found: &[String],
    what: &str,
) -> String {
    let mut s = format!(
        "registry: {} ({evidence})\nthe certificate goes {field}\n",
        registry.map_or("unknown".to_string(), |r| r.to_string()),
    );
    if found.is_empty() {
        s += &format!("certificates: none on {what} yet\n");
    }
    for f in found {
        s += &format!("certificate: {f}\n");
    }
    s
}
