//! Where the records go: one TXT record per reverse zone at the next octet (IPv4) or
//! nibble (IPv6) boundary, in the reverse zone of the prefix or its parent.

use ipnet::IpNet;
use serde::Serialize;

use super::{RECORD_TYPE, Token};
use crate::{error::Error, prefix::Prefix};

/// One TXT record to publish.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Record {
    /// Fully qualified name without the trailing dot: `<TokenName>.<zone>`.
    pub name: String,
    /// Always `TXT`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The token value, unquoted.
    pub value: String,
    /// The record's own reverse zone (of the aligned subnet), without the trailing dot.
    pub zone: String,
    /// The aligned subnet the record stands for.
    pub cidr: IpNet,
}

/// The records for one prefix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Plan {
    /// The prefix.
    pub cidr: Prefix,
    /// The boundary the records align to (/24 for a /22, /44 for a /42).
    pub aligned_len: u8,
    /// One record per subnet of `cidr` at `aligned_len`, in address order.
    pub records: Vec<Record>,
}

/// The octet (IPv4) or nibble (IPv6) boundary at or below `len`: AWS's alignment rule.
pub fn aligned_len(prefix: Prefix) -> u8 {
    let step = if prefix.is_ipv4() { 8 } else { 4 };
    prefix.prefix_len().div_ceil(step) * step
}

/// The reverse zone name of a prefix on an octet (IPv4) or nibble (IPv6) boundary, without
/// the trailing dot: `12.18.198.in-addr.arpa`, `8.0.0.8.b.d.0.1.0.0.2.ip6.arpa`. Bits past
/// the last whole octet or nibble are ignored, so give an aligned prefix.
fn reverse_zone(net: IpNet) -> String {
    let mut labels: Vec<String> = match net {
        IpNet::V4(n) => n.network().octets()[..usize::from(net.prefix_len() / 8)]
            .iter()
            .map(u8::to_string)
            .collect(),
        IpNet::V6(n) => {
            let bits = u128::from(n.network());
            (0..usize::from(net.prefix_len() / 4))
                .map(|i| format!("{:x}", (bits >> (124 - 4 * i)) & 0xf))
                .collect()
        }
    };
    labels.reverse();
    labels.push(match net {
        IpNet::V4(_) => "in-addr.arpa".into(),
        IpNet::V6(_) => "ip6.arpa".into(),
    });
    labels.join(".")
}

/// Plans the records that prove control of `prefix` with `token`: one per subnet at the
/// next octet (IPv4) or nibble (IPv6) boundary, named `<TokenName>.<its reverse zone>`.
/// A /0 is refused: its "reverse zone" would be `in-addr.arpa` itself.
pub fn plan(prefix: Prefix, token: &Token) -> Result<Plan, Error> {
    if prefix.prefix_len() == 0 {
        return Err(Error::Prefix {
            input: prefix.to_string(),
            reason: "a /0 has no reverse zone of its own".into(),
            hint: "give the prefix you hold".into(),
            source: None,
        });
    }
    let aligned = aligned_len(prefix);
    let subnets = prefix.net().subnets(aligned).map_err(|e| Error::Prefix {
        input: prefix.to_string(),
        reason: format!("it does not divide into /{aligned} reverse zones"),
        hint: "give the prefix you hold".into(),
        source: crate::error::cause(e),
    })?;
    let records = subnets
        .map(|cidr| {
            let zone = reverse_zone(cidr);
            Record {
                name: format!("{}.{zone}", token.name),
                kind: RECORD_TYPE,
                value: token.value.clone(),
                zone,
                cidr,
            }
        })
        .collect();
    Ok(Plan {
        cidr: prefix,
        aligned_len: aligned,
        records,
    })
}

/// A zone name as given (`18.198.in-addr.arpa.` or upper case), made comparable: lower
/// case, no trailing dot. Empty labels and spaces are refused.
pub(super) fn normalize_zone(zone: &str) -> Result<String, Error> {
    let z = zone.trim_end_matches('.').to_ascii_lowercase();
    if z.is_empty()
        || z.split('.').any(|l| l.is_empty() || l.len() > 63)
        || z.chars().any(|c| c.is_whitespace() || c == '"')
    {
        return Err(Error::Document {
            kind: None,
            what: format!("zone {zone:?}"),
            reason: "not a DNS zone name".into(),
            hint: "give the hosted zone's name, e.g. 18.198.in-addr.arpa".into(),
            remedies: Box::new([crate::error::Remedy::Give(crate::error::Input::Zone)]),
            source: None,
        });
    }
    Ok(z)
}

/// Whether `name` is `zone` or below it (both normalized: lower case, no trailing dot).
pub(super) fn in_zone(name: &str, zone: &str) -> bool {
    name == zone
        || name
            .strip_suffix(zone)
            .is_some_and(|head| head.ends_with('.'))
}

/// The records grouped by the hosted zone each goes into: with `zone`, every record must be
/// inside it (one group); without, each record's own reverse zone. Groups keep plan order.
/// What to create in each hosted zone (`byoip dns-token plan` prints one batch per group);
/// an error names a record outside the given zone.
pub fn group_by_zone<'a>(
    records: &'a [Record],
    zone: Option<&str>,
) -> Result<Vec<(String, Vec<&'a Record>)>, Error> {
    if let Some(z) = zone {
        let z = normalize_zone(z)?;
        if let Some(r) = records.iter().find(|r| !in_zone(&r.name, &z)) {
            return Err(Error::Document {
                kind: None,
                what: format!("zone {z}"),
                reason: format!("record {} is not inside it", r.name),
                hint: format!(
                    "give a zone that contains it (its own is {}), or name no zone, for one batch per zone",
                    r.zone
                ),
                remedies: Box::new([crate::error::Remedy::Give(crate::error::Input::Zone)]),
                source: None,
            });
        }
        return Ok(vec![(z, records.iter().collect())]);
    }
    let mut groups: Vec<(String, Vec<&Record>)> = Vec::new();
    for r in records {
        match groups.iter_mut().find(|(z, _)| *z == r.zone) {
            Some((_, v)) => v.push(r),
            None => groups.push((r.zone.clone(), vec![r])),
        }
    }
    Ok(groups)
}
