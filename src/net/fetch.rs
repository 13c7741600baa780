//! The fetchers of evidence parsed one layer down: the RIPE Database object
//! ([`crate::ripedb`]), RIPEstat's prefix overview (`roa::announced`) and a validator's
//! answer ([`crate::roa::api`]). Each asks through byoip's HTTP policy ([`Client`]) and hands
//! the bytes to the parser beside the evidence, so the parsers stay pure.

use crate::{
    asn::Asn,
    error::Error,
    http::Client,
    prefix::Prefix,
    ripedb::{self, RipeObject},
    roa::{Origin, announced, announced::Announcement, api::Validator},
};

/// Fetches the object through `client` (byoip's HTTP policy: HTTPS, timeouts, size cap,
/// retries). `Ok(None)` is a 404: the database has no object with that exact key.
pub fn fetch(
    client: &Client,
    base: &str,
    kind: &str,
    key: &str,
) -> Result<Option<(RipeObject, String)>, Error> {
    Ok(fetch_answer(client, base, kind, key)?.map(|(object, _, url)| (object, url)))
}

/// [`fetch`], with the answer's bytes as the server sent them (what [`ripedb::save`](crate::ripedb::save) keeps).
pub fn fetch_answer(
    client: &Client,
    base: &str,
    kind: &str,
    key: &str,
) -> Result<Option<(RipeObject, Vec<u8>, String)>, Error> {
    let url = ripedb::lookup_url(base, kind, key);
    let r = client.get(&url, "application/json", ripedb::MAX_RIPE_DB_BYTES)?;
    match r.status {
        200..=299 => Ok(Some((
            RipeObject::from_json(&r.body, &r.url)?,
            r.body,
            r.url,
        ))),
        404 => Ok(None),
        s => Err(Error::Network {
            url: r.url,
            reason: format!("HTTP {s} from the RIPE Database REST API"),
            hint: "check the RIPE Database server asked; the server refused the query".into(),
            unreachable: false,
            remedies: Box::new([crate::error::Remedy::Give(
                crate::error::Input::RipeDbServer,
            )]),
            source: None,
        }),
    }
}

/// Largest prefix-overview answer read.
const MAX_OVERVIEW_BYTES: u64 = 1024 * 1024;

/// Asks RIPEstat at `base` who announces `prefix`.
pub(crate) fn announcement(
    client: &Client,
    base: &str,
    prefix: Prefix,
) -> Result<Announcement, Error> {
    let url = announced::url(base, prefix);
    let r = client.get(&url, "application/json", MAX_OVERVIEW_BYTES)?;
    if r.status != 200 {
        return Err(Error::Network {
            url: r.url,
            reason: format!("HTTP {} from RIPEstat", r.status),
            hint: "check the RIPEstat URL".into(),
            unreachable: false,
            remedies: Box::default(),
            source: None,
        });
    }
    announced::parse(&r.body, prefix, &url)
}

/// Largest validator answer read.
const MAX_API_BYTES: u64 = 4 * 1024 * 1024;

/// Asks `validator` about (`asn`, `prefix`).
pub(crate) fn validator_origin(
    client: &Client,
    validator: &Validator,
    asn: Asn,
    prefix: Prefix,
) -> Result<Origin, Error> {
    let url = validator.url(asn, prefix);
    let r = client.get(&url, "application/json", MAX_API_BYTES)?;
    if r.status != 200 {
        return Err(Error::Network {
            url: r.url,
            reason: format!("HTTP {} from {}", r.status, validator.name()),
            hint: "check the validator's URL".into(),
            unreachable: false,
            remedies: Box::new([crate::error::Remedy::Give(crate::error::Input::Validator)]),
            source: None,
        });
    }
    validator.parse(&r.body, asn, prefix, &url)
}
