//! Routinator and RIPEstat answers.
#![no_main]
use byoip::roa::api::Validator;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let p = "192.0.2.0/24".parse().unwrap();
    let asn = byoip::Asn::new(16509);
    let _ = Validator::Routinator("http://127.0.0.1".into()).parse(data, asn, p, "fuzz");
    let _ = Validator::RipeStat("http://127.0.0.1".into()).parse(data, asn, p, "fuzz");
});
