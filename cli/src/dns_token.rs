//! `byoip dns-token plan` and `byoip dns-token check`: the reverse-DNS TXT records of IPAM's
//! `dns-token` verification, printed for a zone file, Route 53, Terraform or the AWS CLI,
//! and checked against the DNS. The arithmetic is `byoip::dnstoken`; the client `byoip::dns`.

use super::heading;

use byoip::{
    Prefix, Service,
    check::{DnsEvidence, DnsToken},
    dnstoken::{self, NameCheck, NameState, Plan, Token},
};
use clap::Subcommand;

use super::{
    CidrArg, CliError, CliResult, Outcome, Style,
    args::{ResolverArgs, TokenArgs},
    json, note, out, warn,
};

#[derive(clap::Args)]
pub struct DnsTokenArgs {
    #[command(subcommand)]
    command: DnsTokenCommand,
}

#[derive(Subcommand)]
enum DnsTokenCommand {
    /// Print the TXT records that prove control of a prefix (zone file, Route 53, Terraform, JSON, AWS CLI).
    Plan(PlanArgs),
    /// Query every planned name and report found / missing / wrong (exit 0 all found, 1 not, 2 could not check).
    Check(CheckArgs),
}

/// Warns on stderr when the token has expired or expires within a day (the subcommands
/// that print no report).
fn warn_expiry(token: &Token) {
    if let Some(f) = token.expiry_finding(super::clock::now()) {
        warn(&format!("{}; {}", f.message, f.hint));
    }
}

/// The prefix and token both subcommands take.
#[derive(clap::Args)]
#[command(next_help_heading = heading::INPUTS)]
struct PlanInputs {
    /// The prefix to prove control of, e.g. 198.18.12.0/22 or 2001:db8:80::/42 (host bits zero).
    #[arg(long, value_name = "CIDR", value_parser = CidrArg::parse)]
    cidr: CidrArg,
    #[command(flatten)]
    token: TokenArgs,
    /// The hosted zone the records go into (e.g. 18.198.in-addr.arpa); a record outside it is an error.
    #[arg(long, value_name = "ZONE")]
    zone: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// BIND zone-file lines, fully qualified.
    Zone,
    /// Route 53 change-resource-record-sets batches, one per hosted zone.
    Route53,
    /// Terraform aws_route53_record blocks, a zone-id variable per zone.
    Terraform,
    /// {"cidr", "count", "records": [{"name", "type", "value", "zone", "cidr"}]}.
    Json,
    /// The aws ec2 provision-ipam-pool-cidr command with --verification-method dns-token.
    AwsCli,
}

#[derive(clap::Args)]
#[command(next_help_heading = heading::OUTPUT)]
struct PlanArgs {
    #[command(flatten)]
    inputs: PlanInputs,
    /// Output format.
    #[arg(long, value_enum, default_value = "zone")]
    format: Format,
    /// Same as --format json.
    #[arg(long, conflicts_with = "format")]
    json: bool,
    /// TTL of the records, in seconds.
    #[arg(long, default_value_t = 300, value_name = "SECONDS")]
    ttl: u32,
    /// IPAM pool ID for the printed provision-ipam-pool-cidr command.
    #[arg(long, value_name = "ID", help_heading = heading::AWS)]
    ipam_pool_id: Option<String>,
    /// Region for the printed provision-ipam-pool-cidr command.
    #[arg(long, value_name = "REGION", help_heading = heading::AWS)]
    region: Option<String>,
}

#[derive(clap::Args)]
#[command(next_help_heading = heading::OUTPUT)]
struct CheckArgs {
    #[command(flatten)]
    inputs: PlanInputs,
    #[command(flatten)]
    dns: ResolverArgs,
    /// Seconds each query may take in all (UDP, one retransmission, TCP after truncation).
    #[arg(long, default_value_t = 5, value_name = "SECS", value_parser = super::args::at_least_one::<u64>, help_heading = heading::NETWORK)]
    timeout: u64,
    /// Print JSON ({"cidr", "complete", "ok", "ready", "resolver", "token_id", "records": [{"cause", "cname", "delegation": {"delegated", "reason", "zone"}, "expected", "found", "name", "state", "zone"}]}; every key on every record, null where it does not apply).
    #[arg(long)]
    json: bool,
}

pub fn run(a: DnsTokenArgs) -> CliResult {
    match a.command {
        DnsTokenCommand::Plan(a) => run_plan(a),
        DnsTokenCommand::Check(a) => run_check(a),
    }
}

/// Warns, once the records are planned, about sizes IPAM refuses and special-purpose space
/// (AWS's own dns-token examples use 198.18.0.0/15, benchmarking space): the records are
/// right whatever AWS then decides, so these never stop the plan. Given after the inputs
/// are all read, so an input error stays a single line.
fn warn_prefix(prefix: &Prefix) {
    let findings = [
        prefix.size_finding(Service::Ipam, false),
        prefix.public_finding(),
    ];
    for f in findings.into_iter().flatten() {
        warn(&format!("{}; {}", f.message, f.hint));
    }
}

/// Says how many records a prefix needs when it needs several (a /17: 128).
fn note_count(plan: &Plan) {
    let n = plan.records.len();
    if n > 1 {
        note(&format!(
            "{} needs {n} TXT records, one per /{} ({} records align to {} boundaries)",
            plan.cidr,
            plan.aligned_len,
            if plan.cidr.is_ipv4() { "IPv4" } else { "IPv6" },
            if plan.cidr.is_ipv4() {
                "octet"
            } else {
                "nibble"
            },
        ));
    }
}

fn run_plan(a: PlanArgs) -> CliResult {
    let prefix = a.inputs.cidr.exact_noting("")?;
    let token = a.inputs.token.load()?;
    warn_expiry(&token);
    let plan = dnstoken::plan(prefix, &token)?;
    let groups = dnstoken::group_by_zone(&plan.records, a.inputs.zone.as_deref())?;
    warn_prefix(&plan.cidr);
    note_count(&plan);
    let format = if a.json { Format::Json } else { a.format };
    let text = match format {
        Format::Zone => render_zone(&plan, &groups, a.ttl),
        Format::Json => {
            let records: Vec<PlanRecordJson<'_>> = groups
                .iter()
                .flat_map(|(zone, records)| {
                    records.iter().map(move |r| PlanRecordJson {
                        cidr: r.cidr,
                        name: &r.name,
                        kind: r.kind,
                        value: &r.value,
                        zone,
                    })
                })
                .collect();
            json(&PlanJson {
                aligned_len: plan.aligned_len,
                cidr: plan.cidr,
                count: records.len(),
                records,
                token_id: token.id(),
            })?
        }
        Format::Route53 => render_route53(&groups, a.ttl, a.inputs.zone.is_some())?,
        Format::Terraform => render_terraform(&groups, a.ttl),
        Format::AwsCli => {
            if token.id().is_none() {
                note(
                    "no token id known: give --token-file (or --token-id) to fill in --ipam-external-resource-verification-token-id",
                );
            }
            format!(
                "{}\n",
                byoip::provision::dns_token_command(
                    &plan,
                    &token,
                    a.ipam_pool_id.as_deref(),
                    a.region.as_deref()
                )
            )
        }
    };
    out(&text)?;
    Ok(Outcome::Ok)
}

type Groups<'a> = [(String, Vec<&'a dnstoken::Record>)];

fn render_zone(plan: &Plan, groups: &Groups<'_>, ttl: u32) -> String {
    let n = plan.records.len();
    let mut s = format!(
        "; {}: {n} TXT record{}, one per /{}\n",
        plan.cidr,
        if n == 1 { "" } else { "s" },
        plan.aligned_len
    );
    for (zone, records) in groups {
        s += &format!("; zone {zone}.\n");
        for r in records {
            s += &format!("{}. {ttl} IN TXT \"{}\"\n", r.name, r.value);
        }
    }
    s
}

/// `dns-token plan --format json` (fields in alphabetical order, the order this output
/// has always had).
#[derive(serde::Serialize)]
struct PlanJson<'a> {
    aligned_len: u8,
    cidr: Prefix,
    count: usize,
    records: Vec<PlanRecordJson<'a>>,
    token_id: Option<&'a str>,
}

/// One record of the plan, in the hosted zone it is grouped under (`--zone`'s, else its
/// own reverse zone).
#[derive(serde::Serialize)]
struct PlanRecordJson<'a> {
    cidr: ipnet::IpNet,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    value: &'a str,
    zone: &'a str,
}

/// `dns-token check --json` (fields in alphabetical order, the order this output has
/// always had); each record's keys sorted too.
#[derive(serde::Serialize)]
struct CheckJson<'a> {
    cidr: Prefix,
    /// Every name was answered (none `unchecked`).
    complete: bool,
    /// Every name holds the token's value.
    ok: bool,
    /// As `ok` (a name left unchecked is no `found`): exit 0.
    ready: bool,
    #[serde(serialize_with = "super::alphabetical")]
    records: &'a [dnstoken::NameCheck],
    resolver: String,
    token_id: Option<&'a str>,
}

/// What `aws route53 change-resource-record-sets --change-batch` takes (the Route 53 API's
/// `ChangeBatch`, "ChangeResourceRecordSets" in the Amazon Route 53 API Reference); keys
/// in alphabetical order, as this output has always had them.
#[derive(serde::Serialize)]
struct ChangeBatch<'a> {
    #[serde(rename = "Changes")]
    changes: Vec<Change<'a>>,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "PascalCase")]
struct Change<'a> {
    action: &'static str,
    resource_record_set: RecordSet<'a>,
}

#[derive(serde::Serialize)]
struct RecordSet<'a> {
    #[serde(rename = "Name")]
    name: &'a str,
    #[serde(rename = "ResourceRecords")]
    resource_records: [ResourceRecord; 1],
    #[serde(rename = "TTL")]
    ttl: u32,
    #[serde(rename = "Type")]
    kind: &'a str,
}

#[derive(serde::Serialize)]
struct ResourceRecord {
    #[serde(rename = "Value")]
    value: String,
}

/// One hosted zone's change batch, when the plan spans several.
#[derive(serde::Serialize)]
struct ZoneBatch<'a> {
    change_batch: ChangeBatch<'a>,
    zone: &'a str,
}

fn change_batch<'a>(records: &[&'a dnstoken::Record], ttl: u32) -> ChangeBatch<'a> {
    ChangeBatch {
        changes: records
            .iter()
            .map(|r| Change {
                action: "UPSERT",
                resource_record_set: RecordSet {
                    name: &r.name,
                    // Route 53 takes TXT values in zone-file quoting.
                    resource_records: [ResourceRecord {
                        value: format!("\"{}\"", r.value),
                    }],
                    ttl,
                    kind: r.kind,
                },
            })
            .collect(),
    }
}

fn render_route53(groups: &Groups<'_>, ttl: u32, one_zone: bool) -> Result<String, CliError> {
    if one_zone {
        // --zone: exactly what `aws route53 change-resource-record-sets --change-batch` takes.
        let (_, records) = &groups[0];
        return json(&change_batch(records, ttl));
    }
    if groups.len() > 1 {
        note(&format!(
            "{} hosted zones: one change batch each; pass --zone ZONE to print one batch for one hosted zone",
            groups.len()
        ));
    }
    let list: Vec<ZoneBatch<'_>> = groups
        .iter()
        .map(|(zone, records)| ZoneBatch {
            change_batch: change_batch(records, ttl),
            zone,
        })
        .collect();
    json(&list)
}

/// A Terraform identifier from a zone name: `12.18.198.in-addr.arpa` → `zone_12_18_198_in_addr_arpa`.
fn tf_ident(zone: &str) -> String {
    format!(
        "zone_{}",
        zone.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect::<String>()
    )
}

fn render_terraform(groups: &Groups<'_>, ttl: u32) -> String {
    let mut s = String::new();
    for (zone, _) in groups {
        s += &format!(
            "variable \"{id}_id\" {{\n  description = \"Route 53 hosted zone ID of {zone}\"\n  type        = string\n}}\n\n",
            id = tf_ident(zone)
        );
    }
    for (zone, records) in groups {
        for r in records {
            s += &format!(
                // The provider quotes TXT values itself: the value goes in bare.
                "resource \"aws_route53_record\" \"ipam_token_{res}\" {{\n  zone_id = var.{id}_id\n  name    = \"{name}\"\n  type    = \"TXT\"\n  ttl     = {ttl}\n  records = [\"{value}\"]\n}}\n\n",
                res = tf_ident(&r.zone).trim_start_matches("zone_"),
                id = tf_ident(zone),
                name = r.name,
                value = r.value,
            );
        }
    }
    s.truncate(s.trim_end().len());
    s.push('\n');
    s
}

fn run_check(a: CheckArgs) -> CliResult {
    let prefix = a.inputs.cidr.exact_noting("")?;
    let token = a.inputs.token.load()?;
    warn_expiry(&token);
    let plan = dnstoken::plan(prefix, &token)?;
    // The zone only narrows what is expected: every record must be inside it.
    dnstoken::group_by_zone(&plan.records, a.inputs.zone.as_deref())?;
    let dns = a.dns.config(Some(a.timeout))?;
    let server = dns.server()?;
    warn_prefix(&plan.cidr);
    let checks = dns.ask(&plan)?;
    let dnstoken::Tally {
        found,
        missing,
        wrong,
        unchecked,
        ..
    } = dnstoken::Tally::of(&checks);
    let ok = found == checks.len();
    if a.json {
        out(&json(&CheckJson {
            cidr: plan.cidr,
            complete: unchecked == 0,
            ok,
            ready: ok,
            records: &checks,
            resolver: server.to_string(),
            token_id: token.id(),
        })?)?;
    } else {
        let style = Style::detect();
        let mut s = format!(
            "byoip dns-token check {}: {} name{}, resolver {server}\n",
            plan.cidr,
            checks.len(),
            if checks.len() == 1 { "" } else { "s" }
        );
        for c in &checks {
            s += &render_name(c, &style);
        }
        let clock = super::clock::verdict_note();
        s += &if ok {
            style.good(&format!("READY: all {found} found{clock}\n"))
        } else if missing + wrong == 0 {
            // Nothing is wrong as far as the DNS answered, but not every name was asked.
            style.caution(&format!(
                "INCOMPLETE: {unchecked} not checked, {found} found{clock}\n"
            ))
        } else {
            style.bad(&format!(
                "NOT READY: {missing} missing, {wrong} wrong, {unchecked} not checked, {found} found{clock}\n"
            ))
        };
        out(&s)?;
    }
    if unchecked > 0 {
        return Err(CliError::input(
            format!("{unchecked} of {} names could not be checked", checks.len()),
            "check the resolver (--resolver IP[:PORT]) and try again; the report lists what was found",
        ));
    }
    Ok(if ok { Outcome::Ok } else { Outcome::Failed })
}

/// One name in the human report: its state, then what was found and why, indented.
pub fn render_name(c: &NameCheck, style: &Style) -> String {
    let label = match c.state {
        NameState::Found => style.good("found    "),
        NameState::Missing => style.bad("missing  "),
        NameState::Wrong => style.bad("wrong    "),
        _ => style.caution("unchecked"),
    };
    let mut s = format!("{label}  {}\n", c.name);
    let indent = "           ";
    match c.state {
        NameState::Found => {}
        NameState::Missing => {
            if let (Some(target), Some(cause)) = (&c.cname, &c.cause) {
                // The alias's target is what to fix, not the delegation (RFC 1034 §3.6.2).
                s += &format!("{indent}{cause}\n");
                s += &format!(
                    "{indent}hint: publish {target}. IN TXT \"{}\" where the CNAME points, or replace the CNAME at {} with that TXT record\n",
                    c.expected, c.name
                );
                return s;
            }
            s += &format!("{indent}{}\n", c.delegation.reason);
            if c.delegation.delegated == Some(false) {
                s += &format!(
                    "{indent}hint: ask the registry to delegate {} to your name servers (or publish in your delegated parent zone)\n",
                    c.zone
                );
            } else {
                s += &format!(
                    "{indent}hint: publish {}. IN TXT \"{}\"\n",
                    c.name, c.expected
                );
            }
        }
        NameState::Wrong => {
            s += &format!("{indent}found {}\n", c.shown().join(", "));
            if let Some(cause) = &c.cause {
                s += &format!("{indent}{}\n", super::advice::text(cause));
            }
            s += &format!("{indent}hint: the value must be \"{}\"\n", c.expected);
        }
        _ => {
            if let Some(cause) = &c.cause {
                s += &format!("{indent}{}\n", super::advice::text(cause));
            }
        }
    }
    s
}

/// The closing error (exit 2) when some planned names could not be checked: the report,
/// already printed, lists them as not-run.
pub fn dns_failure(v: Option<&DnsToken>) -> Option<CliError> {
    let Some(DnsToken {
        dns: DnsEvidence::Names(names),
        ..
    }) = v
    else {
        return None;
    };
    let unchecked: Vec<&NameCheck> = names
        .iter()
        .filter(|c| c.state == NameState::Unchecked)
        .collect();
    let first = unchecked.first()?;
    Some(CliError::input(
        format!(
            "the DNS gave no usable answer for {} of {} dns-token names: {}",
            unchecked.len(),
            names.len(),
            super::advice::text(first.cause.as_deref().unwrap_or("no answer"))
        ),
        "check the resolver (--resolver IP[:PORT] or BYOIP_RESOLVER) and run again",
    ))
}
