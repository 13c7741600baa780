//! RFC 9224 bootstrap: which RDAP server answers for an address block.
//!
//! IANA publishes `ipv4.json` and `ipv6.json`; each service is `[[prefixes…], [URLs…]]`.
//! RFC 9224 §5.1: the longest matching prefix wins; §3: prefer an `https` URL; base URLs
//! end in `/` (one is added when a file forgets it).

use ipnet::IpNet;
use serde_json::Value;

use crate::error::Error;

/// Where IANA publishes the bootstrap files.
pub const IANA_BASE: &str = "https://data.iana.org/rdap/";

/// Largest bootstrap file read (IANA's are about 10 KiB).
pub const MAX_BOOTSTRAP_BYTES: u64 = 1024 * 1024;

/// A parsed bootstrap file (or several merged: IPv4 and IPv6).
#[derive(Clone, Debug, Default)]
pub struct Bootstrap {
    services: Vec<(IpNet, Vec<String>)>,
    /// The `publication` timestamp, when present.
    pub publication: Option<String>,
}

impl Bootstrap {
    /// Reads a bootstrap document. Entries that are not prefixes are skipped (a newer file
    /// may add kinds this reader does not know); a document with no usable entry is an error.
    pub fn parse(bytes: &[u8], what: &str) -> Result<Self, Error> {
        let bad = |reason: String| {
            Error::Document {
            what: format!("{what} (RDAP bootstrap)"),
            reason,
            hint: "give an IANA RDAP bootstrap file (https://data.iana.org/rdap/ipv4.json or ipv6.json) with --bootstrap, or a server with --rdap-url".into(),
        }
        };
        let doc: Value =
            serde_json::from_slice(bytes).map_err(|e| bad(format!("not JSON ({e})")))?;
        let services = doc
            .get("services")
            .and_then(Value::as_array)
            .ok_or_else(|| bad("no \"services\" list".into()))?;
        let mut out = Bootstrap {
            services: Vec::new(),
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
                }
            }
        }
        if out.services.is_empty() {
            return Err(bad("no service lists an IP prefix".into()));
        }
        Ok(out)
    }

    /// Adds another file's services (IPv4 and IPv6 come in separate files).
    pub fn merge(&mut self, other: Bootstrap) {
        self.services.extend(other.services);
        if self.publication.is_none() {
            self.publication = other.publication;
        }
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
