//! RFC 9224 bootstrap: which RDAP server answers for an address block.
//!
//! IANA publishes `ipv4.json` and `ipv6.json`; each service is `[[prefixes…], [URLs…]]`.
//! RFC 9224 §5.1: the longest matching prefix wins; §3: prefer an `https` URL; base URLs
//! end in `/` (one is added when a file forgets it). §5.3: `asn.json` lists AS number
//! ranges, `"64496-64511"` (a single number is read too), for autnum queries.

use ipnet::IpNet;
use serde_json::Value;

use crate::error::Error;

/// Where IANA publishes the bootstrap files.
#[cfg_attr(not(feature = "net"), allow(dead_code))]
pub(crate) const IANA_BASE: &str = "https://data.iana.org/rdap/";

/// Largest bootstrap file read (the client's cap; a program reading a saved one can apply
/// the same): IANA's are about 10 KiB.
pub const MAX_BOOTSTRAP_BYTES: u64 = 1024 * 1024;

/// A parsed bootstrap file (or several merged: IPv4 and IPv6).
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct Bootstrap {
    services: Vec<(IpNet, Vec<String>)>,
    asns: Vec<(u32, u32, Vec<String>)>,
    /// The `publication` timestamp, when present.
    pub publication: Option<String>,
}

impl Bootstrap {
    /// Reads a bootstrap document. Entries that are not prefixes are skipped (a newer file
    /// may add kinds this reader does not know); a document with no usable entry is an error.
    pub fn parse(bytes: &[u8], what: &str) -> Result<Self, Error> {
        let bad = |reason: String| {
            Error::Document {
            kind: Some(crate::error::Document::RdapBootstrap),
            what: what.to_string(),
            reason,
            hint: "give an IANA RDAP bootstrap file (https://data.iana.org/rdap/ipv4.json, ipv6.json or, for an ASN, asn.json), or name the registry's RDAP server".into(),
            remedies: Box::new([crate::error::Remedy::Give(crate::error::Input::Bootstrap), crate::error::Remedy::Give(crate::error::Input::RdapServer)]),
            source: None,
        }
        };
        let doc: Value =
            serde_json::from_slice(bytes).map_err(|e| bad("not JSON".into()).with_source(e))?;
        let services = doc
            .get("services")
            .and_then(Value::as_array)
            .ok_or_else(|| bad("no \"services\" list".into()))?;
        let mut out = Bootstrap {
            services: Vec::new(),
            asns: Vec::new(),
            publication: doc
                .get("publication")
                .and_then(Value::as_str)
                .map(str::to_string),
        };
        for service in services {
            let (Some(prefixes), Some(urls)) = (
                service.get(0).and_then(Value::as_array),
                service.get(1).and_then(Value::as_array),
            ) else {
                continue;
            };
            let urls: Vec<String> = urls
                .iter()
                .filter_map(Value::as_str)
                .map(|u| {
                    if u.ends_with('/') {
                        u.to_string()
                    } else {
                        format!("{u}/")
                    }
                })
                .collect();
            if urls.is_empty() {
                continue;
            }
            for p in prefixes.iter().filter_map(Value::as_str) {
                if let Ok(net) = p.trim().parse::<IpNet>() {
                    out.services.push((net.trunc(), urls.clone()));
                } else if let Some((lo, hi)) = asn_range(p) {
                    out.asns.push((lo, hi, urls.clone()));
                }
            }
        }
        if out.services.is_empty() && out.asns.is_empty() {
            return Err(bad(
                "no service lists an IP prefix or an AS number range".into()
            ));
        }
        Ok(out)
    }

    /// True when some entry is of the family of `net`.
    pub fn has_family(&self, net: IpNet) -> bool {
        self.services.iter().any(|(p, _)| {
            matches!(
                (p, net),
                (IpNet::V4(_), IpNet::V4(_)) | (IpNet::V6(_), IpNet::V6(_))
            )
        })
    }

    /// The base URL for `net`: the longest covering entry, its first `https` URL, else its
    /// first URL.
    pub fn lookup(&self, net: IpNet) -> Option<&str> {
        let (_, urls) = self
            .services
            .iter()
            .filter(|(p, _)| p.contains(&net))
            .max_by_key(|(p, _)| p.prefix_len())?;
        urls.iter()
            .find(|u| u.starts_with("https://"))
            .or(urls.first())
            .map(String::as_str)
    }
}

impl Bootstrap {
    /// True when the file lists AS number ranges (it is an `asn.json`).
    pub fn has_asns(&self) -> bool {
        !self.asns.is_empty()
    }

    /// The base URL for AS `asn`: the narrowest range holding it, its first `https` URL,
    /// else its first URL.
    pub fn lookup_asn(&self, asn: crate::Asn) -> Option<&str> {
        let (_, _, urls) = self
            .asns
            .iter()
            .filter(|(lo, hi, _)| (*lo..=*hi).contains(&asn.get()))
            .min_by_key(|(lo, hi, _)| hi - lo)?;
        urls.iter()
            .find(|u| u.starts_with("https://"))
            .or(urls.first())
            .map(String::as_str)
    }
}

/// `"64496-64511"` or `"64496"` (RFC 9224 §5.3).
fn asn_range(entry: &str) -> Option<(u32, u32)> {
    let e = entry.trim();
    let (lo, hi) = e.split_once('-').unwrap_or((e, e));
    let (lo, hi) = (lo.trim().parse().ok()?, hi.trim().parse().ok()?);
    (lo <= hi).then_some((lo, hi))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"{"version":"1.0","publication":"2024-07-02T12:15:00Z","services":[
        [["41.0.0.0/8","102.0.0.0/8"],["http://rdap.afrinic.net/rdap/","https://rdap.afrinic.net/rdap/"]],
        [["2.0.0.0/8","62.0.0.0/8"],["https://rdap.db.ripe.net"]],
        [["62.239.0.0/16"],["https://example.test/more-specific/"]],
        [["not a prefix"],["https://ignored.test/"]],
        [["2001:200::/23"],["https://rdap.apnic.net/"]]
    ]}"#;

    #[test]
    fn longest_match_wins_and_https_is_preferred() {
        let b = Bootstrap::parse(DOC.as_bytes(), "test").unwrap();
        let q = |s: &str| b.lookup(s.parse().unwrap()).map(str::to_string);
        assert_eq!(
            q("41.1.0.0/16").as_deref(),
            Some("https://rdap.afrinic.net/rdap/")
        );
        assert_eq!(
            q("62.1.0.0/24").as_deref(),
            Some("https://rdap.db.ripe.net/")
        );
        assert_eq!(
            q("62.239.237.0/24").as_deref(),
            Some("https://example.test/more-specific/")
        );
        assert_eq!(
            q("2001:240::/32").as_deref(),
            Some("https://rdap.apnic.net/")
        );
        assert_eq!(q("8.8.8.0/24"), None);
        // A prefix larger than every entry is not covered by any.
        assert_eq!(q("62.0.0.0/7"), None);
    }

    #[test]
    fn asn_ranges_are_looked_up_narrowest_first() {
        let doc = r#"{"services":[
            [["1-1876","1902-2042"],["https://rdap.arin.net/registry/","http://rdap.arin.net/registry/"]],
            [["3154-3353"],["https://rdap.db.ripe.net/"]],
            [["3300"],["https://example.test/narrow/"]],
            [["9-1"],["https://ignored.test/"]]
        ]}"#;
        let b = Bootstrap::parse(doc.as_bytes(), "asn.json").unwrap();
        assert!(b.has_asns());
        assert_eq!(
            b.lookup_asn(crate::Asn::new(1)),
            Some("https://rdap.arin.net/registry/")
        );
        assert_eq!(
            b.lookup_asn(crate::Asn::new(2000)),
            Some("https://rdap.arin.net/registry/")
        );
        assert_eq!(
            b.lookup_asn(crate::Asn::new(3333)),
            Some("https://rdap.db.ripe.net/")
        );
        assert_eq!(
            b.lookup_asn(crate::Asn::new(3300)),
            Some("https://example.test/narrow/")
        );
        assert_eq!(b.lookup_asn(crate::Asn::new(1900)), None);
        assert_eq!(
            b.lookup_asn(crate::Asn::new(5)),
            Some("https://rdap.arin.net/registry/")
        );
        assert_eq!(b.lookup("8.8.8.0/24".parse().unwrap()), None);
    }

    #[test]
    fn documents_without_services_are_refused() {
        for bad in [
            "",
            "{}",
            "[]",
            r#"{"services":[]}"#,
            r#"{"services":[[["x"],["y"]]]}"#,
        ] {
            assert!(Bootstrap::parse(bad.as_bytes(), "t").is_err(), "{bad}");
        }
    }
}
