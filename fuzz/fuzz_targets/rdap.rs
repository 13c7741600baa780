//! RDAP IP network records and everything read from them: certificates, registry, placement,
//! placeholders, parent queries; and the same bytes as an autnum record (BYOASN).
#![no_main]
use byoip::{
    proof,
    rdap::{self, IpNetwork, certificates},
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(a) = byoip::rdap::Autnum::from_json(data, "fuzz") {
        let id = rdap::identify_autnum(&a, None);
        for f in byoip::rdap::autnum_certificates(&a) {
            let _ = proof::autnum_placement(id.registry, &f.place);
        }
        let _ = a.covers(byoip::Asn::new(64496));
        let _ = a.describe();
    }
    let Ok(n) = IpNetwork::from_json(data, "fuzz") else {
        return;
    };
    let id = rdap::identify(&n, Some("http://127.0.0.1:1/ip/x"));
    for f in certificates(&n) {
        let _ = proof::placement(id.registry, &f.place);
    }
    let _ = rdap::stub_reason(&n);
    let _ = n.parent_query();
    let _ = n.describe();
    if let Some(k) = &n.kind
        && let Some(r) = id.registry
    {
        let _ = r.allocation_type_rule(k, true);
    }
    let _ = n.covers("192.0.2.0/24".parse().unwrap());
    let _ = n.covers("2001:db8::/48".parse().unwrap());
});
