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

/// A certificate found in a saved RDAP answer, and where in the record it sits.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct RdapCertificate {
    /// Where: the remark or entity, and the record (`network remark "Public Comments" of
    /// NET-192-0-2-0-1 (192.0.2.0/24)`).
    pub place: String,
    /// The certificate, or why its block does not parse (the decoder's error kept as its
    /// source).
    pub certificate: Result<Certificate, Error>,
}

/// Every certificate in `data` when it is a saved RDAP answer for an IP network (what
/// `curl https://rdap.arin.net/registry/ip/PREFIX` prints; RFC 9083 §5.4) or an ASN, read the
/// way `byoip check` reads a live answer, or a lookup saved by `byoip rdap fetch` (each
/// answer in it: the record, then its parents). `None` when `data` is not JSON's object or
/// list, so the other certificate forms can be tried.
pub fn answer_certificates(data: &[u8]) -> Option<Result<Vec<RdapCertificate>, Error>> {
    let text = std::str::from_utf8(data).ok()?.trim_start();
    if !text.starts_with('{') && !text.starts_with('[') {
        return None;
    }
    let opened = match super::saved::open(text.as_bytes(), "saved answer") {
        Ok(o) => o,
        Err(e) => return Some(Err(e)),
    };
    let mut all = Vec::new();
    for body in &opened.answers {
        match one_answer_certificates(body) {
            Ok(found) => all.extend(found),
            Err(e) => return Some(Err(e)),
        }
    }
    Some(Ok(all))
}

/// The certificates in one RDAP answer: an IP network's, else an ASN's.
fn one_answer_certificates(body: &[u8]) -> Result<Vec<RdapCertificate>, Error> {
    let net = match IpNetwork::from_json(body, "saved answer") {
        Ok(n) => n,
        // An ASN's record (BYOASN) holds the certificate the same way.
        Err(e) => {
            return Autnum::from_json(body, "saved answer")
                .map(|a| {
                    let record = a.describe();
                    autnum_certificates(&a)
                        .into_iter()
                        .map(|f| RdapCertificate {
                            place: on_autnum(&f.place, &record),
                            certificate: f.certificate,
                        })
                        .collect()
                })
                .map_err(|_| e);
        }
    };
    let record = net.describe();
    Ok(certificates(&net)
        .into_iter()
        .map(|f| RdapCertificate {
            place: format!("{} of {record}", f.place),
            certificate: f.certificate,
        })
        .collect())
}

/// A certificate read from what a user gave, and where in it the certificate was.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ReadCertificate {
    /// The certificate.
    pub certificate: Certificate,
    /// Where it was found when the input was a document holding it (a saved RDAP
    /// answer); `None` for a certificate given directly.
    pub found_in: Option<String>,
}

/// Reads the one certificate a user means: DER, PEM (multi-line or one line), pasted
/// whois/RDAP text, or a saved RDAP JSON answer. An RDAP answer holding several different
/// certificates is refused rather than guessed at.
pub fn read_certificate(data: &[u8]) -> Result<ReadCertificate, Error> {
    let Some(found) = answer_certificates(data) else {
        return Ok(ReadCertificate {
            certificate: Certificate::from_bytes(data)?,
            found_in: None,
        });
    };
    let found = found?;
    let mut usable: Vec<(&str, &Certificate)> = Vec::new();
    for f in &found {
        if let Ok(c) = &f.certificate
            && !usable.iter().any(|(_, u)| *u == c)
        {
            usable.push((&f.place, c));
        }
    }
    let doc = |reason: String, hint: &str| Error::Document {
        kind: None,
        what: "the RDAP answer".into(),
        reason,
        hint: hint.into(),
        remedies: Box::default(),
        source: None,
    };
    match usable.as_slice() {
        [(place, c)] => Ok(ReadCertificate {
            certificate: (*c).clone(),
            found_in: Some((*place).to_string()),
        }),
        [] => {
            const HINT: &str =
                "publish the certificate in the record, or give the certificate file itself";
            match found
                .first()
                .map(|f| (&f.place, f.certificate.as_ref().err()))
            {
                // The block's own error stays the cause, as well as being named in the line.
                Some((place, Some(e))) => Err(doc(
                    format!(
                        "the certificate block in the {place} does not parse ({})",
                        e.chain()
                    ),
                    HINT,
                )
                .with_source(e.clone())),
                _ => Err(doc(
                    "it holds no -----BEGIN CERTIFICATE----- block in any remark".into(),
                    HINT,
                )),
            }
        }
        many => Err(doc(
            format!(
                "it holds {} different certificates: {}",
                many.len(),
                many.iter()
                    .map(|(place, c)| {
                        let fp = c.public_key().map(|k| k.fingerprint().to_string());
                        format!("{place} (key {})", fp.as_deref().unwrap_or("not RSA"))
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            "save the one you mean to a file and give that (inspecting the answer shows each)",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::certificate::Certificate;

    const DEMO_CERT: &[u8] = include_bytes!("../../../testdata/demo-cert.pem");

    #[test]
    fn a_saved_rdap_answer_gives_its_one_certificate_and_where_it_was() {
        let answer = include_bytes!("../../../testdata/rdap/synthetic/arin-good.json");
        // The raw text scan cannot read it: the PEM lines are JSON strings.
        assert!(Certificate::from_bytes(answer).is_err());
        let read = read_certificate(answer).unwrap();
        assert_eq!(
            read.certificate,
            Certificate::from_bytes(DEMO_CERT).unwrap()
        );
        assert!(
            read.found_in.as_deref().is_some_and(
                |p| p.contains("Registration Comments") && p.contains("NET-192-198-0-0-1")
            ),
            "{:?}",
            read.found_in
        );
        // Other forms are read as before, with no place.
        assert!(read_certificate(DEMO_CERT).unwrap().found_in.is_none());
        // Not JSON at all: the other readers' verdict.
        assert!(answer_certificates(DEMO_CERT).is_none());
        let none = read_certificate(include_bytes!(
            "../../../testdata/rdap/synthetic/arin-no-cert.json"
        ));
        assert!(none.unwrap_err().to_string().contains("holds no"));
    }

    #[test]
    fn a_lookup_saved_by_rdap_fetch_gives_the_certificates_of_each_answer() {
        let good = include_str!("../../../testdata/rdap/synthetic/arin-good.json");
        let no_cert = include_str!("../../../testdata/rdap/synthetic/arin-no-cert.json");
        // byoip's wrapper (what `rdap fetch` writes), the record without a certificate first.
        let wrapped = format!(
            r#"{{"byoip_saved":{{"fetched":"2026-01-01T00:00:00Z","url":"u"}},"answers":[{no_cert},{good}]}}"#
        );
        let read = read_certificate(wrapped.as_bytes()).unwrap();
        assert_eq!(
            read.certificate,
            Certificate::from_bytes(DEMO_CERT).unwrap()
        );
        assert!(
            read.found_in
                .as_deref()
                .is_some_and(|p| p.contains("NET-192-198-0-0-1")),
            "{:?}",
            read.found_in
        );
        // The older list form too.
        let list = format!("[{no_cert},{good}]");
        let found = answer_certificates(list.as_bytes()).unwrap().unwrap();
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn a_broken_block_in_a_saved_answer_is_a_typed_error_with_its_cause() {
        let answer = br#"{"objectClassName":"ip network","startAddress":"192.0.2.0","endAddress":"192.0.2.255","handle":"NET-192-0-2-0-1","remarks":[{"title":"Public Comments","description":["-----BEGIN CERTIFICATE-----MIIB!!-----END CERTIFICATE-----"]}]}"#;
        let found = answer_certificates(answer).unwrap().unwrap();
        let e = found[0].certificate.as_ref().unwrap_err();
        assert!(matches!(e, Error::Certificate { .. }), "{e:?}");
        let decoder = std::error::Error::source(e).expect("the decoder's error is kept");
        assert!(decoder.downcast_ref::<base64::DecodeError>().is_some());
        // Reading the one certificate: the block's error is the cause, and named in the line.
        let read = read_certificate(answer).unwrap_err();
        assert!(read.chain().contains("does not parse"), "{}", read.chain());
        let cause = std::error::Error::source(&read).expect("the block's error is kept");
        assert!(cause.downcast_ref::<Error>().is_some());
    }

    const DEMO: &str = include_str!("../../../testdata/demo-cert.oneline.txt");

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
        let pem = include_str!("../../../testdata/demo-cert.pem");
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
        let other = include_str!("../../../testdata/keys/other2048-cert.pem").replace('\n', "");
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
