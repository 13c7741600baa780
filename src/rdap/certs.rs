//! Every certificate in a record's remarks, and where each one sits.
//!
//! As AWS reads a remark (AWS, "Prerequisites for BYOIP in Amazon EC2"): for each remark,
//! join its description
//! lines, find `-----BEGIN CERTIFICATE-----` … `-----END CERTIFICATE-----`, strip
//! whitespace and `descr:`/`remarks:`/`Comment:` labels, decode. Lines are joined with a
//! newline first (labels are per line) and, when that finds nothing, with nothing (a marker
//! split across lines). Registries split long lines: ARIN shows the certificate over
//! several lines (AWS, "Onboard your address range for use in Amazon EC2").

use serde::Serialize;

use super::{
    autnum::Autnum,
    network::{Entity, IpNetwork, Remark},
};
use crate::{Error, certificate::Certificate};

/// Where in a record a certificate was found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
#[non_exhaustive]
pub enum Place {
    /// The network object's own remarks, with the remark's title.
    Network {
        /// `title` of the remark (RIPE `descr:` has none; APNIC uses "description"/"remarks").
        title: Option<String>,
    },
    /// The remarks of an entity (an organization or contact) attached to the record.
    Entity {
        /// The entity's handle.
        handle: Option<String>,
        /// Its roles.
        roles: Vec<String>,
    },
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Network { title: Some(t) } => write!(f, "network remark {t:?}"),
            Place::Network { title: None } => f.write_str("untitled network remark"),
            Place::Entity { handle, .. } => write!(
                f,
                "remarks of entity {}",
                handle.as_deref().unwrap_or("(no handle)")
            ),
        }
    }
}

/// A certificate block found in a record: parsed, or why it does not parse.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct FoundCertificate {
    /// Where it is.
    pub place: Place,
    /// The certificate, or why the block is unusable (the decoder's error kept as its
    /// source).
    pub certificate: Result<Certificate, Error>,
}

/// Every certificate block in `net`'s remarks and its entities' remarks, in document
/// order, without duplicates of the same certificate in the same place.
pub fn certificates(net: &IpNetwork) -> Vec<FoundCertificate> {
    certificates_in(&net.remarks, &net.entities)
}

/// Every certificate block in an autnum record's remarks and its entities' remarks; the
/// record's own remarks are [`Place::Network`] (the object's own, as for a network).
pub fn autnum_certificates(a: &Autnum) -> Vec<FoundCertificate> {
    certificates_in(&a.remarks, &a.entities)
}

/// Where `place` is on the autnum record `record`: `remark "Registration Comments" of
/// AS64496` (an autnum's own remarks are not a network's).
pub fn on_autnum(place: &Place, record: &str) -> String {
    match place {
        Place::Network { title: Some(t) } => format!("remark {t:?} of {record}"),
        Place::Network { title: None } => format!("untitled remark of {record}"),
        Place::Entity { handle, .. } => format!(
            "remarks of entity {} in {record}",
            handle.as_deref().unwrap_or("(no handle)")
        ),
    }
}

fn certificates_in(own: &[Remark], entities: &[Entity]) -> Vec<FoundCertificate> {
    let mut out: Vec<FoundCertificate> = Vec::new();
    let network = own.iter().map(|r| {
        (
            Place::Network {
                title: r.title.clone(),
            },
            r,
        )
    });
    let entities = entities.iter().flat_map(|e| {
        e.remarks.iter().map(|r| {
            (
                Place::Entity {
                    handle: e.handle.clone(),
                    roles: e.roles.clone(),
                },
                r,
            )
        })
    });
    for (place, remark) in network.chain(entities) {
        for certificate in in_remark(remark) {
            let dup = out.iter().any(|f| {
                f.place == place
                    && matches!((&f.certificate, &certificate), (Ok(a), Ok(b)) if a == b)
            });
            if !dup {
                out.push(FoundCertificate {
                    place: place.clone(),
                    certificate,
                });
            }
        }
    }
    out
}

fn in_remark(remark: &Remark) -> Vec<Result<Certificate, Error>> {
    in_lines(&remark.lines)
}

/// Every certificate block in a run of lines, read as [`in_remark`] reads a remark's.
pub(crate) fn in_lines(lines: &[String]) -> Vec<Result<Certificate, Error>> {
    let by_line = Certificate::all_from_text(&lines.join("\n"));
    if by_line.is_empty() {
        Certificate::all_from_text(&lines.concat())
    } else {
        by_line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEMO: &str = include_str!("../../testdata/demo-cert.oneline.txt");

    fn record(remarks: Vec<Remark>) -> IpNetwork {
        let mut n = IpNetwork::from_json(
            br#"{"objectClassName":"ip network","startAddress":"192.0.2.0","endAddress":"192.0.2.255"}"#,
            "t",
        )
        .unwrap();
        n.remarks = remarks;
        n
    }

    fn remark(title: Option<&str>, lines: Vec<String>) -> Remark {
        Remark {
            title: title.map(str::to_string),
            lines,
        }
    }

    #[test]
    fn one_line_split_and_labelled_forms_are_all_found() {
        let one = DEMO.trim().to_string();
        // ARIN-style: split into 64-character lines, markers on their own lines.
        let pem = include_str!("../../testdata/demo-cert.pem");
        let split: Vec<String> = pem.lines().map(str::to_string).collect();
        // Someone pasted whois output, labels and all.
        let labelled: Vec<String> = pem.lines().map(|l| format!("descr:    {l}")).collect();
        // A marker broken across two lines by a 60-column registry form.
        let broken: Vec<String> = one
            .as_bytes()
            .chunks(60)
            .map(|c| String::from_utf8(c.to_vec()).unwrap())
            .collect();
        for lines in [vec![one.clone()], split, labelled, broken] {
            let n = record(vec![remark(None, lines.clone())]);
            let found = certificates(&n);
            assert_eq!(found.len(), 1, "{lines:?}");
            assert!(found[0].certificate.is_ok(), "{:?}", found[0].certificate);
        }
    }

    #[test]
    fn several_certificates_and_broken_ones_are_all_reported() {
        let other = include_str!("../../testdata/keys/other2048-cert.pem").replace('\n', "");
        let n = record(vec![
            remark(Some("remarks"), vec![DEMO.trim().into(), other.clone()]),
            remark(
                Some("description"),
                vec!["-----BEGIN CERTIFICATE-----MIIB!!-----END CERTIFICATE-----".into()],
            ),
        ]);
        let found = certificates(&n);
        assert_eq!(found.len(), 3);
        assert!(found[0].certificate.is_ok() && found[1].certificate.is_ok());
        assert!(found[2].certificate.is_err());
        assert_eq!(
            found[2].place,
            Place::Network {
                title: Some("description".into())
            }
        );
    }
}
