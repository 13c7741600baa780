//! A real whois server (RFC 3912) on 127.0.0.1 for the IRR tests: it reads one query line,
//! answers through a closure, logs every query, and can misbehave on purpose (stall,
//! oversized answers, garbage). No test touches the internet.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::{
    io::{BufRead, BufReader, Write},
    net::{TcpListener, TcpStream},
    sync::{Arc, Mutex},
    thread,
    time::Duration,
};

/// What the server does for one query.
pub enum Reply {
    /// This text, then the connection is closed.
    Text(String),
    /// Reads the query, then never answers.
    Stall,
    /// This many bytes of RPSL-looking text, sent as fast as the client reads.
    Huge(usize),
}

type Route = dyn Fn(&str) -> Reply + Send + Sync;

pub struct Server {
    /// `127.0.0.1:PORT`, what --irr-server takes.
    pub addr: String,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Starts a server; `route(query)` answers each query (the line without its CRLF).
    pub fn start(route: impl Fn(&str) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let log: Arc<Mutex<Vec<String>>> = Arc::default();
        let route: Arc<Route> = Arc::new(route);
        let l = log.clone();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (route, log) = (route.clone(), l.clone());
                thread::spawn(move || serve(stream, &*route, &log));
            }
        });
        Server { addr, log }
    }

    /// A server answering every query with `rpsl` (what RADb would send).
    pub fn answering(rpsl: &str) -> Server {
        let rpsl = rpsl.to_string();
        Server::start(move |q| {
            // The exact-match query gets the objects; the more-specifics query gets the
            // ones more specific than the prefix, as IRRd splits them. For the tests,
            // one answer and one "no entries" keep each object once.
            if q.contains(" -x ") {
                Reply::Text(rpsl.clone())
            } else {
                Reply::Text("%  No entries found for the selected source(s).\n\n".into())
            }
        })
    }

    /// Every query received, in order.
    pub fn queries(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }
}

/// A loopback whois address nothing listens on (port 1, tcpmux, is never served here, as
/// for [`super::CLOSED_RIPESTAT`]): a port bound and closed again could be handed to
/// another test's server running at the same time.
pub const CLOSED: &str = "127.0.0.1:1";

fn serve(stream: TcpStream, route: &Route, log: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let query = line.trim_end_matches(['\r', '\n']).to_string();
    log.lock().unwrap().push(query.clone());
    let mut stream = stream;
    match route(&query) {
        Reply::Text(t) => {
            let _ = stream.write_all(t.as_bytes());
        }
        Reply::Stall => thread::sleep(Duration::from_secs(60)),
        Reply::Huge(size) => {
            let chunk =
                "remarks: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"
                    .repeat(1000);
            let mut sent = 0;
            let _ = stream.write_all(b"route: 192.0.2.0/24\n");
            while sent < size && stream.write_all(chunk.as_bytes()).is_ok() {
                sent += chunk.len();
            }
        }
    }
}
