//! Where a proof of control (a certificate, a cloud's token) sits in a registry record, and
//! which clouds read it there.
//!
//! Each cloud names one field per registry ([`crate::rules::profile::Profile::placement_for`]):
//! AWS ("Prerequisites for BYOIP in Amazon EC2") ARIN Public Comments, RIPE NCC `descr:`,
//! APNIC `remarks:`; Microsoft Azure ("Create a custom IPv4 address prefix using the Azure
//! CLI") ARIN Comments, RIPE NCC, APNIC and AFRINIC `remarks:`; Oracle ("Bring Your Own IP",
//! <https://docs.oracle.com/en-us/iaas/Content/Network/Concepts/BYOIP.htm>) as AWS. No cloud
//! reads an organization's remarks. So at RIPE NCC one line cannot satisfy AWS and Azure
//! both; the same certificate on a `descr:` and a `remarks:` line does.
//!
//! A record's text comes from RDAP (RFC 9083 remarks: ARIN shows the network's Public
//! Comments as its remarks; RIPE NCC an untitled remark for `descr:` lines; APNIC titles
//! them `description` and `remarks`) or from the RIPE Database REST API ([`crate::ripedb`]),
//! which names every attribute and is the only public place RIPE's `remarks:` appear.

use serde::Serialize;

use crate::{
    certificate::Certificate,
    cloud::{Cloud, Field},
    rdap::{IpNetwork, Place, Remark},
    registry::Registry,
    ripedb::RipeObject,
};

/// Where a piece of a record's text sits, in the terms the clouds use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Spot {
    /// A field of the address range's own record that clouds name.
    Field {
        /// Which one.
        field: Field,
    },
    /// A remark of the range's own record under a title no cloud names.
    Other {
        /// The remark's title.
        title: Option<String>,
    },
    /// An organization's or contact's remarks, which no cloud reads.
    Entity {
        /// The entity's handle.
        handle: Option<String>,
    },
}

/// A run of lines of a record and where it sits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Text {
    /// Where it sits.
    pub spot: Spot,
    /// For people: `descr:`, `network remark "Registration Comments"`, `remarks of ORG-X`.
    pub label: String,
    /// The lines.
    pub lines: Vec<String>,
}

/// The text of an RDAP network record, each remark placed by `registry`'s conventions.
pub fn from_rdap(net: &IpNetwork, registry: Option<Registry>) -> Vec<Text> {
    let own = net.remarks.iter().map(|r| Text {
        spot: rdap_spot(registry, r.title.as_deref()),
        label: match &r.title {
            Some(t) => format!("network remark {t:?} of {}", net.describe()),
            None => format!("untitled network remark of {}", net.describe()),
        },
        lines: r.lines.clone(),
    });
    let entities = net.entities.iter().flat_map(|e| {
        e.remarks.iter().map(move |r| Text {
            spot: Spot::Entity {
                handle: e.handle.clone(),
            },
            label: format!(
                "remarks of entity {}",
                e.handle.as_deref().unwrap_or("(no handle)")
            ),
            lines: r.lines.clone(),
        })
    });
    own.chain(entities).collect()
}

/// The `descr:` and `remarks:` text of a RIPE Database object.
pub fn from_ripe(obj: &RipeObject) -> Vec<Text> {
    obj.remarks()
        .into_iter()
        .map(|r: Remark| {
            let name = r.title.unwrap_or_default();
            let field = if name == "descr" {
                Field::Descr
            } else {
                Field::Remarks
            };
            Text {
                spot: Spot::Field { field },
                label: format!("{name}: of {} {}", obj.kind, obj.key),
                lines: r.lines,
            }
        })
        .collect()
}

/// The field an RDAP remark of the range's own record stands for at `registry`.
pub(crate) fn rdap_spot(registry: Option<Registry>, title: Option<&str>) -> Spot {
    if registry == Some(Registry::Arin) {
        // ARIN's RDAP shows the network's Public Comments as its remarks.
        return Spot::Field {
            field: Field::PublicComments,
        };
    }
    let t = title.map(|t| t.trim().to_ascii_lowercase());
    match t.as_deref() {
        // RIPE NCC's RDAP gives descr: lines as an untitled remark; APNIC titles them.
        None | Some("description") => Spot::Field {
            field: Field::Descr,
        },
        Some("remarks" | "remark") => Spot::Field {
            field: Field::Remarks,
        },
        _ => Spot::Other {
            title: title.map(str::to_string),
        },
    }
}

/// The clouds that read a proof at `spot` in a record of `registry` (none for an unknown
/// registry: where a cloud looks depends on it).
fn clouds_reading(spot: &Spot, registry: Option<Registry>) -> Vec<Cloud> {
    let (Spot::Field { field }, Some(registry)) = (spot, registry) else {
        return Vec::new();
    };
    Cloud::ALL
        .into_iter()
        .filter(|c| {
            c.profile()
                .placement_for(registry)
                .is_some_and(|p| p.field == *field)
        })
        .collect()
}

/// Where to put one proof so that every cloud in `clouds` reads it at `registry`: each
/// cloud's field, and, when they differ, that the proof goes in each of them.
pub(crate) fn how_to_satisfy(registry: Registry, clouds: &[Cloud]) -> String {
    let mut wants: Vec<(Field, Vec<&str>)> = Vec::new();
    let mut elsewhere: Vec<String> = Vec::new();
    for c in clouds {
        let Some(p) = c.profile().placement_for(registry) else {
            continue;
        };
        match p.field {
            Field::PublicComments | Field::Descr | Field::Remarks => {
                match wants.iter_mut().find(|(f, _)| *f == p.field) {
                    Some((_, names)) => names.push(c.vendor()),
                    None => wants.push((p.field, vec![c.vendor()])),
                }
            }
            _ => elsewhere.push(format!("{} at {registry}: {}", c.vendor(), p.how)),
        }
    }
    let fields: Vec<String> = wants
        .iter()
        .map(|(f, names)| match names.as_slice() {
            [one] => format!("{one} reads {f}"),
            [init @ .., last] => format!("{} and {last} read {f}", init.join(", ")),
            [] => String::new(),
        })
        .collect();
    let mut s = match wants.len() {
        0 => String::new(),
        1 => format!("at {registry}, {}", fields.join("")),
        _ => format!(
            "at {registry}, {}; put the same certificate on a {} line and a {} line to satisfy them all",
            fields.join(" and "),
            wants[0].0,
            wants[1..]
                .iter()
                .map(|(f, _)| f.to_string())
                .collect::<Vec<_>>()
                .join(" and a "),
        ),
    };
    for e in elsewhere {
        if !s.is_empty() {
            s.push_str("; ");
        }
        s.push_str(&e);
    }
    s
}

/// A certificate block found in a record's text, with the clouds that read it there.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct PlacedCertificate {
    /// Where it sits.
    pub spot: Spot,
    /// Where it sits, for people.
    pub label: String,
    /// The certificate, or why the block is unusable (the decoder's error kept as its
    /// source).
    pub certificate: Result<Certificate, crate::Error>,
    /// The clouds that read it there.
    pub clouds: Vec<Cloud>,
}

/// Every certificate block in `texts`, each with the clouds that read it where it sits.
pub fn certificates(texts: &[Text], registry: Option<Registry>) -> Vec<PlacedCertificate> {
    texts
        .iter()
        .flat_map(|t| {
            crate::rdap::certs::in_lines(&t.lines)
                .into_iter()
                .map(|certificate| PlacedCertificate {
                    spot: t.spot.clone(),
                    label: t.label.clone(),
                    certificate,
                    clouds: clouds_reading(&t.spot, registry),
                })
        })
        .collect()
}

/// Judges `place` on an autnum record (AWS's "Tutorial: Bring your ASN to IPAM"): the
/// field the rules table gives for an ASN's certificate at each registry (ARIN the object's
/// own Public Comments, RIPE NCC a `descr:` and not `remarks:`, APNIC `remarks:`), never an
/// organization's or contact's remarks.
pub fn autnum_placement(registry: Option<Registry>, place: &Place) -> Placement {
    match (registry, place) {
        (Some(r), Place::Entity { handle, .. }) => Placement::Wrong(format!(
            "it is in the remarks of contact/organization {}, which AWS does not read; {} wants it {}",
            handle.as_deref().unwrap_or("(no handle)"),
            r,
            r.where_to_publish_asn()
        )),
        _ => judge(registry, place, crate::rules::byoasn_placement),
    }
}

/// Whether a certificate's place is the one AWS reads at this registry.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Placement {
    /// Where AWS says to put it.
    Correct,
    /// Not where AWS says, but not where it says not to: may or may not be read.
    Tolerated(String),
    /// Where AWS says not to put it; the text says where it belongs.
    Wrong(String),
}

/// Judges `place` under `registry`'s rules: the field the rules table gives for AWS at
/// that registry (AWS, "Prerequisites for BYOIP in Amazon EC2"), read from the RDAP remark
/// by each registry's conventions ([`crate::proof`], the same reading Azure's and Oracle's
/// reports use).
pub fn placement(registry: Option<Registry>, place: &Place) -> Placement {
    judge(registry, place, |r| {
        crate::rules::placement(crate::cloud::Cloud::Aws, r)
    })
}

/// The one placement judge for AWS: `row` gives the rules table's placement row for a
/// registry (prefixes or ASNs), `None` where AWS takes no certificate.
fn judge(
    registry: Option<Registry>,
    place: &Place,
    row: impl Fn(Registry) -> Option<&'static crate::rules::Rule>,
) -> Placement {
    use crate::cloud::Field;
    let title = match (registry, place) {
        (Some(r), Place::Entity { handle, .. }) => {
            return Placement::Wrong(format!(
                "it is in the remarks of contact/organization {}, which AWS does not read; {} wants it {}",
                handle.as_deref().unwrap_or("(no handle)"),
                r,
                r.where_to_publish()
            ));
        }
        (None, Place::Entity { handle, .. }) => {
            return Placement::Wrong(format!(
                "it is in the remarks of contact/organization {}, not of the network record",
                handle.as_deref().unwrap_or("(no handle)")
            ));
        }
        (_, Place::Network { title }) => title.as_deref(),
    };
    let Some(r) = registry else {
        return Placement::Tolerated(
            "the registry could not be identified, so where AWS looks is unknown".into(),
        );
    };
    let Some(want) = row(r).map(crate::rules::field_of) else {
        return Placement::Tolerated(format!(
            "{r} is not supported for the certificate method, so AWS will not look for it"
        ));
    };
    match rdap_spot(Some(r), title) {
        Spot::Field { field } if field == want => Placement::Correct,
        // Where AWS asks for descr: (RIPE NCC), it also says "Do not add it to … the
        // "remarks" field".
        Spot::Field {
            field: Field::Remarks,
        } if want == Field::Descr => Placement::Wrong(format!(
            "it is in a remarks: attribute; AWS's instructions for {r} say a descr: line, not remarks:"
        )),
        Spot::Field { field } => Placement::Tolerated(format!(
            "it is in a {field} line; AWS's instructions for {r} say {want}"
        )),
        Spot::Other { title } | Spot::Entity { handle: title } => {
            let note = if want == Field::Descr {
                format!(" ({r}'s RDAP shows descr: lines as an untitled remark)")
            } else {
                String::new()
            };
            Placement::Tolerated(format!(
                "it is in a remark titled {:?}; AWS's instructions for {r} say {want}{note}",
                title.unwrap_or_default()
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ripe(name: &str) -> RipeObject {
        let path = format!("{}/testdata/ripedb/{name}", env!("CARGO_MANIFEST_DIR"));
        RipeObject::from_json(&std::fs::read(&path).unwrap(), name).unwrap()
    }

    fn rdap(name: &str) -> IpNetwork {
        let path = format!("{}/testdata/rdap/{name}", env!("CARGO_MANIFEST_DIR"));
        IpNetwork::from_json(&std::fs::read(&path).unwrap(), name).unwrap()
    }

    fn readers(file: &str) -> Vec<Vec<Cloud>> {
        let o = ripe(file);
        certificates(&from_ripe(&o), Some(Registry::RipeNcc))
            .into_iter()
            .inspect(|c| assert!(c.certificate.is_ok(), "{}", c.label))
            .map(|c| c.clouds)
            .collect()
    }

    #[test]
    fn a_ripe_certificate_in_remarks_satisfies_azure_and_in_descr_aws_and_oci() {
        assert_eq!(readers("inetnum-remarks.json"), [vec![Cloud::Azure]]);
        assert_eq!(
            readers("inetnum-descr.json"),
            [vec![Cloud::Aws, Cloud::Oci]]
        );
        assert_eq!(
            readers("inetnum-both.json"),
            [vec![Cloud::Aws, Cloud::Oci], vec![Cloud::Azure]]
        );
        assert!(readers("inetnum-none.json").is_empty());
    }

    #[test]
    fn rdap_remarks_are_placed_by_each_registrys_conventions() {
        let arin = rdap("synthetic/arin-good.json");
        let found = certificates(
            &from_rdap(&arin, Some(Registry::Arin)),
            Some(Registry::Arin),
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].clouds, Cloud::ALL);
        let org = rdap("synthetic/arin-org-comments.json");
        let found = certificates(&from_rdap(&org, Some(Registry::Arin)), Some(Registry::Arin));
        assert!(matches!(found[0].spot, Spot::Entity { .. }));
        assert!(found[0].clouds.is_empty());
        let descr = rdap("synthetic/ripe-good.json");
        let found = certificates(
            &from_rdap(&descr, Some(Registry::RipeNcc)),
            Some(Registry::RipeNcc),
        );
        assert_eq!(found[0].clouds, [Cloud::Aws, Cloud::Oci]);
        let remarks = rdap("synthetic/ripe-remarks.json");
        let found = certificates(
            &from_rdap(&remarks, Some(Registry::RipeNcc)),
            Some(Registry::RipeNcc),
        );
        assert_eq!(found[0].clouds, [Cloud::Azure]);
        let apnic = rdap("synthetic/apnic-good.json");
        let found = certificates(
            &from_rdap(&apnic, Some(Registry::Apnic)),
            Some(Registry::Apnic),
        );
        assert_eq!(found[0].clouds, Cloud::ALL);
        // Unknown registry: no cloud can be said to read it.
        assert!(clouds_reading(&found[0].spot, None).is_empty());
    }

    #[test]
    fn how_to_satisfy_names_both_fields_where_clouds_disagree() {
        let both = how_to_satisfy(Registry::RipeNcc, &[Cloud::Aws, Cloud::Azure]);
        assert!(both.contains("AWS reads descr:"), "{both}");
        assert!(both.contains("Azure reads remarks:"), "{both}");
        assert!(
            both.contains("on a descr: line and a remarks: line"),
            "{both}"
        );
        let one = how_to_satisfy(Registry::Arin, &Cloud::ALL);
        assert_eq!(one, "at ARIN, AWS, Azure and Oracle read Public Comments");
        let lacnic = how_to_satisfy(Registry::Lacnic, &[Cloud::Azure]);
        assert!(lacnic.contains("support ticket with Microsoft"), "{lacnic}");
    }
}
