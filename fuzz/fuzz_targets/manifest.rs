//! The manifest (byoip.toml): any text is a manifest or an error naming its line.
#![no_main]
use byoip::manifest::Manifest;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    if let Ok(m) = Manifest::parse(text, std::path::Path::new("/repo/byoip.toml"), today) {
        assert!(!m.prefixes.is_empty());
        for (i, a) in m.prefixes.iter().enumerate() {
            for b in &m.prefixes[i + 1..] {
                let (x, y) = (a.cidr.net(), b.cidr.net());
                assert!(
                    !x.contains(&y) && !y.contains(&x),
                    "overlap let through: {x} {y}"
                );
            }
        }
    }
});
