//! RFC 9224 bootstrap documents and longest-match lookups.
#![no_main]
use byoip::rdap::Bootstrap;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(b) = Bootstrap::parse(data, "fuzz") else {
        return;
    };
    for q in [
        "192.0.2.0/24",
        "0.0.0.0/0",
        "2001:db8::/48",
        "::/0",
        "255.255.255.255/32",
    ] {
        let _ = b.lookup(q.parse().unwrap());
    }
});
