//! `Message="…",Signature="…"` and its JSON form, from any text; what parses prints back
//! to something that parses to the same.
#![no_main]
use byoip::context::AuthorizationContext;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(c) = AuthorizationContext::parse(text) {
        let again = AuthorizationContext::parse(&c.to_string()).unwrap();
        assert_eq!(again, c);
    }
});
