//! RIPE Database REST answers and what is read from them: the object, its `descr:` and
//! `remarks:` as placed text, the certificates in it and the clouds that read them, and
//! Oracle's token line; the same bytes as an RDAP record through the same readers.
#![no_main]
use byoip::{ocitoken, proof, rdap::Registry, ripedb::RipeObject};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let cidr: ipnet::IpNet = "62.239.237.0/24".parse().unwrap();
    let mut texts = Vec::new();
    if let Ok(o) = RipeObject::from_json(data, "fuzz") {
        texts.extend(proof::from_ripe(&o));
    }
    if let Ok(n) = byoip::rdap::IpNetwork::from_json(data, "fuzz") {
        let _ = byoip::ripedb::key_of(&n);
        texts.extend(proof::from_rdap(&n, Some(Registry::RipeNcc)));
    }
    for c in proof::certificates(&texts, Some(Registry::RipeNcc)) {
        let _ = c.label.len();
    }
    // A line found for a given token carries exactly that token.
    let found = ocitoken::search(&texts, Some(Registry::RipeNcc), cidr, Some("tok"));
    for s in &found.found {
        assert_eq!(s.token, "tok");
    }
    for n in &found.near {
        let _ = n.describe();
    }
    let _ = ocitoken::search(&texts, None, cidr, None);
});
