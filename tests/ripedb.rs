//! The RIPE Database REST client against a real HTTP server on 127.0.0.1: the answer read,
//! the lookup URL asked, and every failure (404, 429, 5xx, garbage, oversized) named.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::Duration;

use byoip::{
    http::{Client, HttpConfig},
    ripedb,
};
use common::httpd::{Reply, Server};

fn client() -> Client {
    let mut config = HttpConfig::default();
    config.timeout = Duration::from_secs(5);
    config.retries = 1;
    config.backoff = Duration::from_millis(10);
    Client::new(config)
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(common::testdata(&format!("ripedb/{name}"))).unwrap()
}

const KEY: &str = "62.239.237.0 - 62.239.237.255";

#[test]
fn the_object_is_looked_up_by_its_key_and_read() {
    let body = fixture("inetnum-remarks.json");
    let server = Server::start(move |path, _| {
        if path == "/ripe/inetnum/62.239.237.0%20-%2062.239.237.255" {
            Reply::json(200, body.clone())
        } else {
            Reply::status(404)
        }
    });
    let (obj, url) = ripedb::fetch(&client(), &server.base, "inetnum", KEY)
        .unwrap()
        .unwrap();
    assert_eq!(obj.key, KEY);
    assert!(
        obj.values("remarks")
            .any(|v| v.contains("BEGIN CERTIFICATE"))
    );
    assert!(url.ends_with("/ripe/inetnum/62.239.237.0%20-%2062.239.237.255"));
    let log = server.log();
    assert_eq!(log.len(), 1);
    assert!(log[0].user_agent.starts_with("byoip/"));
}

#[test]
fn a_404_is_no_object_not_an_error() {
    let server = Server::start(|_, _| {
        Reply::json(
            404,
            r#"{"errormessages":{"errormessage":[{"severity":"Error","text":"ERROR:101: no entries found"}]}}"#,
        )
    });
    assert!(
        ripedb::fetch(&client(), &server.base, "inetnum", KEY)
            .unwrap()
            .is_none()
    );
}

#[test]
fn rate_limits_and_server_errors_are_retried_then_named() {
    for status in [429, 500, 503] {
        let server = Server::start(move |_, _| Reply::status(status));
        let e = ripedb::fetch(&client(), &server.base, "inetnum", KEY).unwrap_err();
        assert!(e.to_string().contains(&format!("HTTP {status}")), "{e}");
        assert!(e.to_string().contains("after 2 attempts"), "{e}");
        assert_eq!(server.log().len(), 2, "{status}: one retry");
    }
    // A retry that succeeds is an answer.
    let body = fixture("inetnum-descr.json");
    let server = Server::start(move |_, n| {
        if n == 1 {
            Reply::status(503)
        } else {
            Reply::json(200, body.clone())
        }
    });
    assert!(
        ripedb::fetch(&client(), &server.base, "inetnum", KEY)
            .unwrap()
            .is_some()
    );
}

#[test]
fn garbage_other_statuses_and_oversized_answers_are_errors() {
    let server = Server::start(|_, _| Reply::json(200, "<html>maintenance</html>"));
    let e = ripedb::fetch(&client(), &server.base, "inetnum", KEY).unwrap_err();
    assert!(e.to_string().contains("not JSON"), "{e}");
    let server = Server::start(|_, _| Reply::status(403));
    let e = ripedb::fetch(&client(), &server.base, "inetnum", KEY).unwrap_err();
    assert!(e.to_string().contains("HTTP 403"), "{e}");
    let server = Server::start(|_, _| Reply::Huge(4 * 1024 * 1024));
    let e = ripedb::fetch(&client(), &server.base, "inetnum", KEY).unwrap_err();
    assert!(e.to_string().contains("limit"), "{e}");
}

#[test]
fn plain_http_is_refused_off_loopback() {
    let e = ripedb::fetch(&client(), "http://rest.db.ripe.net", "inetnum", KEY).unwrap_err();
    assert!(e.to_string().contains("plain HTTP is refused"), "{e}");
}
