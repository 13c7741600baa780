//! VRP exports in every format, and origin validation over what they hold.
#![no_main]
use byoip::roa::{self, vrps};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(f) = vrps::parse(data, "fuzz") else {
        return;
    };
    for v in f.vrps.iter().take(4) {
        // A VRP's prefix has no host bits, so it reads back as a Prefix.
        let prefix = v.prefix.to_string().parse().expect("a VRP prefix is a prefix");
        let o = roa::validate(&f.vrps, v.asn, prefix, "fuzz");
        assert_eq!(
            o.state,
            roa::RoaState::Valid,
            "a VRP authorizes its own prefix: {v}"
        );
    }
});
