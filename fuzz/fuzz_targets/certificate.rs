//! Certificates as DER, PEM, one line or whois text; a certificate that parses survives
//! the one-line form registries hold.
#![no_main]
use byoip::certificate::Certificate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(c) = Certificate::from_bytes(data) {
        let _ = c.info(chrono::Utc::now());
        let _ = c.public_key();
        let again = Certificate::from_bytes(c.to_one_line().as_bytes()).unwrap();
        assert_eq!(again, c);
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Certificate::all_from_text(text);
    }
});
