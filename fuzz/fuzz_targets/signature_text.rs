//! AWS's base64 variant: decoding any text never panics, and encode → decode is the identity
//! for every non-empty byte string (an empty signature is refused by design).
#![no_main]
use byoip::encoding;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = encoding::decode(text);
        let _ = encoding::decode_any(text);
    }
    if data.is_empty() {
        return;
    }
    let encoded = encoding::encode(data);
    assert!(
        encoded
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_~".contains(&b))
    );
    assert_eq!(encoding::decode(&encoded).unwrap(), data);
});
