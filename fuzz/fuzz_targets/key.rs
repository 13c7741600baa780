//! Private and public keys in every form, encrypted or not, from any bytes.
#![no_main]
use byoip::key::{Passphrase, SigningKey, VerifyingKey};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = VerifyingKey::from_bytes(data);
    let _ = SigningKey::from_bytes(data, Passphrase::Given("demo-passphrase"));
});
