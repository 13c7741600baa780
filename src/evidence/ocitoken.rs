//! Oracle Cloud Infrastructure's proof of control: the line `OCITOKEN::<cidr>:<token>` in
//! the address range's record, and the near misses that make Oracle's validation fail.
//!
//! Source: Oracle, "Bring Your Own IP"
//! (<https://docs.oracle.com/en-us/iaas/Content/Network/Concepts/BYOIP.htm>):
//! - the format is `OCITOKEN::<cidrBlock>:<validationToken>` (IPv6 alike); "While the
//!   console presents you with a token that is ready to submit, the API does not": an API
//!   user must build the line, and pasting the bare token is the classic mistake;
//! - ARIN: the Public Comments of the address range; RIPE NCC: a new `descr:` line; APNIC:
//!   `remarks:` (by email to APNIC's helpdesk);
//! - "Do not add it to the information for the organization that owns the address range."

use ipnet::IpNet;
use serde::Serialize;

use crate::{
    cloud::{Cloud, Field},
    proof::{Spot, Text},
    registry::Registry,
};

/// The marker that starts the line.
const MARKER: &str = "OCITOKEN::";

/// The line Oracle reads: `OCITOKEN::<cidr>:<token>` (the one producer of it).
pub fn line(cidr: IpNet, token: &str) -> String {
    format!("{MARKER}{cidr}:{}", token.trim())
}

/// Why `given` holds no token at all (blank, or the console's line cut after its CIDR), if
/// it holds none: an empty token would match any token line, so the checks refuse it; a
/// front end can refuse it before it asks the network.
pub fn empty_token(given: &str) -> Option<String> {
    let g = given.trim();
    (g.is_empty() || (g.starts_with(MARKER) && g.ends_with(':')))
        .then(|| format!("the validation token {given:?} is empty: it would match any token line"))
}

/// The token in `given`: the API's bare token, or the console's full line (whose CIDR must
/// be `cidr`). An empty token is refused ([`empty_token`]).
pub(crate) fn token_of(given: &str, cidr: IpNet) -> Result<&str, String> {
    if let Some(why) = empty_token(given) {
        return Err(why);
    }
    let g = given.trim();
    match g.strip_prefix(MARKER) {
        None => Ok(g),
        Some(rest) => rest.strip_prefix(&format!("{cidr}:")).ok_or_else(|| {
            format!(
                "the validation token is a token line for another CIDR ({g:?}); the prefix is {cidr}"
            )
        }),
    }
}

/// The token line where Oracle reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Sighting {
    /// Where, for people.
    pub label: String,
    /// The token on the line (compared with the one given, when one was).
    pub token: String,
}

/// Why a line that looks like the proof is not it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Miss {
    /// The token without its `OCITOKEN::<cidr>:` prefix (the API's raw token).
    BareToken,
    /// The line names another CIDR.
    OtherCidr {
        /// The CIDR on the line, as written.
        cidr: String,
    },
    /// The line names the CIDR, spelled another way than Oracle writes it.
    CidrSpelling {
        /// As written on the line.
        written: String,
    },
    /// The line carries another token (an old one, or another prefix's).
    OtherToken {
        /// The token on the line.
        token: String,
    },
    /// The line is right but shares its line with other text.
    NotAlone,
    /// The line is right but in a field of the range's record Oracle does not read there.
    WrongField,
    /// The line is right but in an organization's or contact's remarks.
    Organization,
}

/// A near miss: what is wrong, where, and the line (shortened).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct NearMiss {
    /// What is wrong.
    pub miss: Miss,
    /// Where, for people.
    pub label: String,
    /// The line as found, at most 120 characters.
    pub line: String,
}

impl NearMiss {
    /// The near miss in words, and where it is.
    pub fn describe(&self) -> String {
        let what = match &self.miss {
            Miss::BareToken => "the bare token, without its OCITOKEN::CIDR: prefix (the API gives the raw token, the console the full line)".to_string(),
            Miss::OtherCidr { cidr } => format!("a token line for another CIDR, {cidr}"),
            Miss::CidrSpelling { written } => {
                format!("a token line with the CIDR spelled {written:?}, not as Oracle writes it")
            }
            Miss::OtherToken { token } => format!("a token line with another token ({token:?})"),
            Miss::NotAlone => "the token line with other text on its line".to_string(),
            Miss::WrongField => {
                "the token line in a field Oracle does not read at this registry".to_string()
            }
            Miss::Organization => {
                "the token line in an organization's remarks, which Oracle does not read".to_string()
            }
        };
        format!("{what}, in the {}", self.label)
    }
}

/// What a record holds of Oracle's proof.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Search {
    /// The token line where Oracle reads it.
    pub found: Vec<Sighting>,
    /// Lines that come close.
    pub near: Vec<NearMiss>,
}

/// Looks for `OCITOKEN::<cidr>:<token>` in `texts` (a record of `registry`): with `token`
/// given, that exact line; without, any token line for `cidr`. Everything close is a near
/// miss. With the registry unknown, every field of the range's own record counts.
pub fn search(
    texts: &[Text],
    registry: Option<Registry>,
    cidr: IpNet,
    token: Option<&str>,
) -> Search {
    let field = registry
        .and_then(|r| Cloud::Oci.profile().placement_for(r))
        .map(|p| p.field);
    let token = token.map(str::trim).filter(|t| !t.is_empty());
    let mut out = Search::default();
    for t in texts {
        let right_place = match (&t.spot, field) {
            (Spot::Entity { .. }, _) => Err(Miss::Organization),
            (Spot::Field { field: f }, Some(want)) if *f == want => Ok(()),
            (Spot::Field { .. }, None) => Ok(()),
            _ => Err(Miss::WrongField),
        };
        for raw in &t.lines {
            let l = raw.trim();
            let near = |miss: Miss| NearMiss {
                miss,
                label: t.label.clone(),
                line: l.chars().take(120).collect(),
            };
            let Some(at) = l.find(MARKER) else {
                if let Some(tok) = token
                    && l.contains(tok)
                {
                    out.near.push(near(Miss::BareToken));
                }
                continue;
            };
            let Some((written, found_token)) = split(&l[at + MARKER.len()..]) else {
                continue;
            };
            let parsed = written.parse::<IpNet>().ok();
            let miss = if parsed.map(|n| n.trunc()) != Some(cidr) {
                Some(Miss::OtherCidr {
                    cidr: written.to_string(),
                })
            } else if written != cidr.to_string() {
                Some(Miss::CidrSpelling {
                    written: written.to_string(),
                })
            } else if token.is_some_and(|tok| tok != found_token) {
                Some(Miss::OtherToken {
                    token: found_token.to_string(),
                })
            } else if at != 0
                || l.len() != at + MARKER.len() + written.len() + 1 + found_token.len()
            {
                Some(Miss::NotAlone)
            } else {
                right_place.clone().err()
            };
            match miss {
                Some(m) => out.near.push(near(m)),
                None => out.found.push(Sighting {
                    label: t.label.clone(),
                    token: found_token.to_string(),
                }),
            }
        }
    }
    out
}

/// Splits `<cidr>:<token>` after the marker. An IPv6 CIDR holds colons, so the CIDR ends
/// at the first `/` and its digits.
fn split(rest: &str) -> Option<(&str, &str)> {
    let slash = rest.find('/')?;
    let digits = rest[slash + 1..]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(rest.len(), |i| slash + 1 + i);
    let cidr = &rest[..digits];
    let token = rest[digits..].strip_prefix(':')?;
    let token = token.split_whitespace().next().unwrap_or("");
    Some((cidr, token))
}

/// Where the line goes at `registry`, in Oracle's words.
pub(crate) fn where_it_goes(registry: Option<Registry>) -> String {
    match registry.and_then(|r| Cloud::Oci.profile().placement_for(r).map(|p| (r, p))) {
        Some((r, p)) if matches!(p.field, Field::PublicComments | Field::Descr | Field::Remarks) => {
            format!("at {r}, {}", p.how)
        }
        Some((r, p)) => format!("{r}: {}", p.how),
        None => "in the address range's own record (ARIN Public Comments, RIPE NCC descr:, APNIC remarks:)".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{proof, rdap::IpNetwork, ripedb::RipeObject};

    const TOKEN: &str = "ocid-demo-7f3a9c2e51d84b6f";

    fn cidr() -> IpNet {
        "62.239.237.0/24".parse().unwrap()
    }

    fn ripe(name: &str, token: Option<&str>) -> Search {
        let path = format!("{}/testdata/ripedb/{name}", env!("CARGO_MANIFEST_DIR"));
        let o = RipeObject::from_json(&std::fs::read(&path).unwrap(), name).unwrap();
        search(
            &proof::from_ripe(&o),
            Some(Registry::RipeNcc),
            cidr(),
            token,
        )
    }

    fn misses(s: &Search) -> Vec<Miss> {
        s.near.iter().map(|n| n.miss.clone()).collect()
    }

    #[test]
    fn the_exact_line_in_descr_is_found_with_or_without_the_token_given() {
        let s = ripe("oci-token.json", Some(TOKEN));
        assert_eq!(s.found.len(), 1, "{s:?}");
        assert!(s.near.is_empty());
        let s = ripe("oci-token.json", None);
        assert_eq!(s.found[0].token, TOKEN);
        assert_eq!(
            line(cidr(), TOKEN),
            "OCITOKEN::62.239.237.0/24:ocid-demo-7f3a9c2e51d84b6f"
        );
    }

    #[test]
    fn near_misses_are_named() {
        let s = ripe("oci-token-raw.json", Some(TOKEN));
        assert!(s.found.is_empty());
        assert_eq!(misses(&s), [Miss::BareToken]);
        assert!(
            s.near[0]
                .describe()
                .contains("without its OCITOKEN::CIDR: prefix")
        );
        let s = ripe("oci-token-other-cidr.json", Some(TOKEN));
        assert_eq!(
            misses(&s),
            [Miss::OtherCidr {
                cidr: "62.239.236.0/24".into()
            }]
        );
        let s = ripe("oci-token-remarks.json", Some(TOKEN));
        assert!(s.found.is_empty());
        assert_eq!(misses(&s), [Miss::WrongField]);
        let s = ripe("oci-token.json", Some("another-token"));
        assert_eq!(
            misses(&s),
            [Miss::OtherToken {
                token: TOKEN.into()
            }]
        );
        let none = ripe("inetnum-none.json", Some(TOKEN));
        assert_eq!(none, Search::default());
    }

    fn texts(lines: &[&str], spot: Spot) -> Vec<Text> {
        vec![Text {
            spot,
            label: "t".into(),
            lines: lines.iter().map(|l| (*l).to_string()).collect(),
        }]
    }

    #[test]
    fn spelling_company_ipv6_and_organizations() {
        let public = Spot::Field {
            field: Field::PublicComments,
        };
        let arin = Some(Registry::Arin);
        let v6: IpNet = "2001:db8:100::/48".parse().unwrap();
        let ok = search(
            &texts(&["OCITOKEN::2001:db8:100::/48:tok"], public.clone()),
            arin,
            v6,
            Some("tok"),
        );
        assert_eq!(ok.found.len(), 1, "{ok:?}");
        let spelled = search(
            &texts(&["OCITOKEN::2001:0db8:0100::/48:tok"], public.clone()),
            arin,
            v6,
            Some("tok"),
        );
        assert!(matches!(misses(&spelled)[..], [Miss::CidrSpelling { .. }]));
        let company = search(
            &texts(&["token: OCITOKEN::2001:db8:100::/48:tok"], public),
            arin,
            v6,
            Some("tok"),
        );
        assert_eq!(misses(&company), [Miss::NotAlone]);
        let org = search(
            &texts(
                &["OCITOKEN::2001:db8:100::/48:tok"],
                Spot::Entity {
                    handle: Some("ORG-1".into()),
                },
            ),
            arin,
            v6,
            Some("tok"),
        );
        assert_eq!(misses(&org), [Miss::Organization]);
    }

    #[test]
    fn an_arin_record_is_read_through_rdap() {
        let path = format!(
            "{}/testdata/rdap/synthetic/arin-oci-token.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let n = IpNetwork::from_json(&std::fs::read(&path).unwrap(), "t").unwrap();
        let cidr: IpNet = "192.198.0.0/24".parse().unwrap();
        let s = search(
            &proof::from_rdap(&n, Some(Registry::Arin)),
            Some(Registry::Arin),
            cidr,
            Some(TOKEN),
        );
        assert_eq!(s.found.len(), 1, "{s:?}");
    }
}
