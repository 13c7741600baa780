//! `byoip clouds`: the per-cloud table ([`byoip::Profile`], one per [`byoip::Cloud`]) for people, or as JSON. The facts
//! and their public sources are the table's; this file only lays them out.

use super::heading;
use byoip::{Cloud, Profile, Proof, RoaLength, Sizes};

use super::{CliResult, Outcome, json, out};

#[derive(clap::Args)]
#[command(next_help_heading = heading::OUTPUT)]
pub struct CloudsArgs {
    /// Print the table as JSON ({"clouds": [{"name", "proof", "roa", "sizes", "placement", …}]}).
    #[arg(long)]
    json: bool,
}

/// `clouds --json`: the library's cloud table, each profile's keys in alphabetical order
/// as this output has always had them.
#[derive(serde::Serialize)]
struct CloudsJson<'a> {
    #[serde(serialize_with = "super::alphabetical")]
    clouds: &'a [&'a Profile],
}

pub fn run(a: CloudsArgs) -> CliResult {
    let profiles: Vec<&Profile> = Cloud::ALL.iter().map(|c| c.profile()).collect();
    if a.json {
        out(&json(&CloudsJson { clouds: &profiles })?)?;
    } else {
        let text: Vec<String> = profiles.iter().map(|p| render(p)).collect();
        out(&text.join("\n"))?;
    }
    Ok(Outcome::Ok)
}

/// One cloud's block: a heading line, then one `label  value` line per fact.
fn render(p: &Profile) -> String {
    let mut rows: Vec<(String, String)> = Vec::new();
    let proof = match &p.proof {
        Proof::SignedMessage {
            message,
            scheme,
            encoding,
        } => format!("signed message {message}; {scheme}; {encoding}"),
        Proof::RegistryToken { line } => format!("registry token, the line {line}"),
        _ => "see the cloud's documentation".into(),
    };
    rows.push(("proof".into(), proof));
    rows.push(("ROA origin".into(), origins(p)));
    rows.push(("ROA length".into(), length(p.roa.length).into()));
    if let Some(days) = p.roa.min_validity_days {
        rows.push(("ROA validity".into(), format!("at least {days} days ahead")));
    }
    rows.push(("sizes".into(), sizes(&p.sizes)));
    rows.push(("quota".into(), p.quota.into()));
    for place in p.placement {
        rows.push((
            place.registry.to_string(),
            format!("{} — {}", place.field, place.how),
        ));
    }
    if !p.failure_codes.is_empty() {
        rows.push(("failure codes".into(), p.failure_codes.join(", ")));
    }
    for s in p.sources {
        rows.push(("source".into(), (*s).into()));
    }
    // The facts above are read from the rules table; its rows carry each one's quote.
    let count = byoip::rules::filter(Some(p.cloud), None).count();
    rows.push((
        "rules".into(),
        format!(
            "{count} rows, each with its source, quote and date: byoip rules --cloud {}",
            p.name
        ),
    ));
    let width = rows.iter().map(|(l, _)| l.len()).max().unwrap_or(0);
    let mut s = format!("{}  {}\n", p.name, p.title);
    for (label, value) in rows {
        s.push_str(&format!("  {label:<width$}  {value}\n"));
    }
    s
}

fn asns(list: &[byoip::Asn]) -> String {
    list.iter()
        .map(|a| format!("AS{a}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn origins(p: &Profile) -> String {
    let mut s = asns(p.roa.origins);
    if p.roa.gov_origins.is_empty() {
        s.push_str("; government cloud: not in byoip's table");
    } else {
        s.push_str(&format!("; government cloud: {}", asns(p.roa.gov_origins)));
    }
    for r in p.roa.regional_origins {
        s.push_str(&format!(
            "; {} (--region {}): AS{}",
            r.name, r.region, r.asn
        ));
    }
    // The rules table's aws.cloudfront.roa.origins: a form, not an ASN.
    if p.cloud == byoip::Cloud::Aws {
        s.push_str("; CloudFront: not documented (roa.origin warns, naming the origins of the ROAs found, to verify with AWS)");
    }
    s
}

fn length(l: RoaLength) -> &'static str {
    match l {
        RoaLength::Covering => "a covering ROA with maxLength at least the prefix length",
        RoaLength::CoveringExactMaxLength => {
            "a covering ROA whose maxLength is exactly the length advertised: EC2 the prefix's, Global Accelerator 24, IPAM and CloudFront 24 (IPv4) or 48 (IPv6)"
        }
        RoaLength::Exact => "the ROA's prefix is exactly the prefix, maxLength equal to its length",
        _ => "see the cloud's documentation",
    }
}

fn sizes(s: &Sizes) -> String {
    let one = |family: &str, (short, long): (u8, u8)| match (short, long) {
        (0, l) => format!("{family} /{l} or shorter"),
        (a, b) if a == b => format!("{family} /{a}"),
        (a, b) => format!("{family} /{a} to /{b}"),
    };
    let mut text = format!("{}, {}", one("IPv4", s.ipv4), one("IPv6", s.ipv6));
    if !s.note.is_empty() {
        text.push_str(&format!(" ({})", s.note));
    }
    text
}
