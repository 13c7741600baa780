//! A real HTTP/1.1 server on 127.0.0.1 for the network tests: it answers through a routing
//! closure, logs every request (path and User-Agent), and can misbehave on purpose
//! (stall, oversized bodies, garbage, redirects). No test touches the internet.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::{
    io::{Read, Write},
    net::{TcpListener, TcpStream},
    sync::{Arc, Mutex},
    thread,
    time::Duration,
};

/// What the server does for one request.
pub enum Reply {
    /// A status, extra headers and a body.
    Full(u16, Vec<(&'static str, String)>, Vec<u8>),
    /// Reads the request, then never answers.
    Stall,
    /// 200 with a body of this many bytes, sent as fast as the client reads.
    Huge(usize),
}

impl Reply {
    pub fn json(status: u16, body: impl Into<String>) -> Reply {
        Reply::Full(
            status,
            vec![("Content-Type", "application/rdap+json".into())],
            body.into().into_bytes(),
        )
    }
    pub fn redirect(location: impl Into<String>) -> Reply {
        Reply::Full(302, vec![("Location", location.into())], Vec::new())
    }
    pub fn status(status: u16) -> Reply {
        Reply::Full(status, Vec::new(), Vec::new())
    }
}

/// One logged request.
#[derive(Clone, Debug)]
pub struct Logged {
    pub path: String,
    pub user_agent: String,
}

type Route = dyn Fn(&str, usize) -> Reply + Send + Sync;

pub struct Server {
    pub base: String,
    log: Arc<Mutex<Vec<Logged>>>,
}

impl Server {
    /// Starts a server; `route(path, n)` answers the n-th request (from 1) for `path`.
    pub fn start(route: impl Fn(&str, usize) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let log: Arc<Mutex<Vec<Logged>>> = Arc::default();
        let route: Arc<Route> = Arc::new(route);
        let l = log.clone();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (route, log) = (route.clone(), l.clone());
                thread::spawn(move || serve(stream, &*route, &log));
            }
        });
        Server { base, log }
    }

    pub fn log(&self) -> Vec<Logged> {
        self.log.lock().unwrap().clone()
    }

    /// Requests whose path starts with `prefix`.
    pub fn hits(&self, prefix: &str) -> usize {
        self.log()
            .iter()
            .filter(|l| l.path.starts_with(prefix))
            .count()
    }
}

fn serve(mut stream: TcpStream, route: &Route, log: &Mutex<Vec<Logged>>) {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16384 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let text = String::from_utf8_lossy(&head).into_owned();
    let path = text.split_whitespace().nth(1).unwrap_or("/").to_string();
    let user_agent = text
        .lines()
        .find_map(|l| {
            l.strip_prefix("user-agent: ")
                .or_else(|| l.strip_prefix("User-Agent: "))
        })
        .unwrap_or("")
        .to_string();
    let n = {
        let mut log = log.lock().unwrap();
        log.push(Logged {
            path: path.clone(),
            user_agent,
        });
        log.iter().filter(|l| l.path == path).count()
    };
    match route(&path, n) {
        Reply::Stall => thread::sleep(Duration::from_secs(60)),
        Reply::Huge(size) => {
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n"
            );
            let chunk = vec![b' '; 65536];
            let mut sent = 0;
            while sent < size && stream.write_all(&chunk).is_ok() {
                sent += chunk.len();
            }
        }
        Reply::Full(status, headers, body) => {
            let mut out = format!(
                "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for (k, v) in headers {
                out += &format!("{k}: {v}\r\n");
            }
            out += "\r\n";
            let _ = stream.write_all(out.as_bytes());
            let _ = stream.write_all(&body);
        }
    }
}
