//! Files of signed contexts (`batch sign --format json`, or written by hand).
#![no_main]
use byoip::contexts::read_contexts;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(list) = read_contexts(data, "fuzz") {
        for r in list.into_iter().flatten() {
            let _ = r.cidr_or_message();
            let _ = r.signature().as_str();
        }
    }
});
