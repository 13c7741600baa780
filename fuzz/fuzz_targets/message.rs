//! The message linter and parser on any bytes; a message that parses prints back as itself
//! (the one producer and its strict inverse).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = byoip::lint(data, &byoip::LintOptions::today());
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(m) = text.parse::<byoip::AuthorizationMessage>()
    {
        assert_eq!(m.to_string(), text);
    }
    // Either cloud's form, picked by shape, prints back as itself too.
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(m) = text.parse::<byoip::AnyMessage>()
    {
        assert_eq!(m.to_string(), text);
    }
});
