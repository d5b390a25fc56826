//! `rectify serve` over real HTTP on 127.0.0.1: uploads (sanitised names, no
//! overwriting, limits, malformed bodies), the access token and the POST checks,
//! downloads, the reminder text, and a hundred concurrent requests. The browser test is
//! tests/serve_browser.rs.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use common::{input_with_returns, repo};

/// A running `rectify serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    /// The address printed, e.g. `http://127.0.0.1:PORT/` (with `?token=…` with --listen).
    url: String,
    output: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(input: &Path, output: &Path, extra: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rectify"))
        .arg("--input")
        .arg(input)
        .arg("--output")
        .arg(output)
        .arg("serve")
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = loop {
        let line = lines.next().expect("serve printed its address").unwrap();
        if let Some(url) = line.strip_prefix("网页已启动：") {
            break url.to_string();
        }
    };
    // Keep reading stdout (run summaries) so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    let port = url
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap()
        .rsplit(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    Server {
        child,
        port,
        url,
        output: output.to_path_buf(),
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.text()))
    }
}

/// One HTTP/1.1 request on a fresh connection (`Connection: close`).
fn request(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    // The server may answer (413, 403) before reading the whole body.
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    parse(&raw)
}

fn parse(raw: &[u8]) -> Reply {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        let mut out = Vec::new();
        let mut rest = &body[..];
        loop {
            let eol = rest.windows(2).position(|w| w == b"\r\n").unwrap();
            let n = usize::from_str_radix(std::str::from_utf8(&rest[..eol]).unwrap().trim(), 16)
                .unwrap();
            if n == 0 {
                break;
            }
            out.extend_from_slice(&rest[eol + 2..eol + 2 + n]);
            rest = &rest[eol + 2 + n + 2..];
        }
        body = out;
    }
    Reply {
        status,
        headers,
        body,
    }
}

fn get(port: u16, path: &str) -> Reply {
    request(port, "GET", path, &[], b"")
}

/// The form token in the page.
fn form_token(port: u16, extra: &[(&str, &str)]) -> String {
    let page = request(port, "GET", "/", extra, b"").text();
    let at = page
        .find("name=\"form-token\" content=\"")
        .expect("form token")
        + 27;
    page[at..at + 32].to_string()
}

const BOUNDARY: &str = "----rectifytestboundary";

fn multipart(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

fn upload(server: &Server, token: &str, files: &[(&str, &[u8])]) -> Reply {
    let ct = format!("multipart/form-data; boundary={BOUNDARY}");
    request(
        server.port,
        "POST",
        "/api/upload",
        &[("Content-Type", &ct), ("x-rectify-form", token)],
        &multipart(files),
    )
}

fn demo_return(name: &str) -> Vec<u8> {
    std::fs::read(repo().join("input/returns").join(name)).unwrap()
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    v.sort();
    v
}

fn unit<'a>(state: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    state["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["name"] == name)
        .unwrap_or_else(|| panic!("{name} in the units"))
}

#[test]
fn an_upload_is_saved_under_its_own_name_and_the_round_reruns_as_run_does() {
    let input = input_with_returns(|_| {});
    let out = tempfile::tempdir().unwrap();
    let server = start(input.path(), out.path(), &[]);
    let state = get(server.port, "/api/state").json();
    assert_eq!(unit(&state, "区水利局")["state"], "none");

    let token = form_token(server.port, &[]);
    let water = demo_return("区水利局.xlsx");
    let reply = upload(
        &server,
        &token,
        &[
            ("../../区水利局.xlsx", &water),
            ("区水利局.xlsx", &water),
            (
                "C:\\Users\\办公室\\区城管局.xlsx",
                &demo_return("区城管局.xlsx"),
            ),
            ("..", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
        ],
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    let results = reply.json();
    let saved: Vec<&str> = results
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["saved"].as_str().unwrap())
        .collect();
    assert_eq!(
        saved,
        [
            "区水利局.xlsx",
            "区水利局 (2).xlsx",
            "区城管局.xlsx",
            "未命名文件"
        ]
    );
    // What was read, in the ledger's words, per file.
    let first = &results[0]["files"][0];
    assert_eq!(first["outcome"], "read");
    assert_eq!(first["unit"], "区水利局");
    assert!(first["records"].as_u64().unwrap() > 0);
    assert_eq!(first["filed_on"], "2020年12月3日");
    let junk = &results[3];
    // A PDF is kept as evidence, with a warning saying so.
    assert_eq!(junk["files"][0]["outcome"], "evidence");
    assert!(junk["problems"][0]["message"].as_str().unwrap().len() > 10);
    // Everything inside the returns folder, nothing beside it.
    assert_eq!(
        names_in(&input.path().join("returns")),
        [
            "区城管局.xlsx",
            "区水利局 (2).xlsx",
            "区水利局.xlsx",
            "未命名文件"
        ]
    );
    assert_eq!(
        names_in(input.path()),
        ["plan.toml", "returns", "tasks.csv", "units.toml"]
    );

    let state = get(server.port, "/api/state").json();
    for name in ["区城市管理局", "区水利局"] {
        assert!(
            unit(&state, name)["reported"].as_u64().unwrap() > 0,
            "{name}"
        );
        assert_ne!(unit(&state, name)["state"], "none", "{name}");
    }

    // The report downloaded is the bytes `rectify run` writes for the same folder.
    let report = get(server.port, "/download/report");
    assert_eq!(report.status, 200);
    assert!(report
        .header("content-disposition")
        .unwrap()
        .contains("filename*=UTF-8''"));
    let run_out = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_rectify"))
        .arg("--input")
        .arg(input.path())
        .arg("--output")
        .arg(run_out.path())
        .arg("run")
        .output()
        .unwrap();
    assert!(o.status.success());
    let by_run = std::fs::read(run_out.path().join("整改情况报告.docx")).unwrap();
    assert!(
        report.body == by_run,
        "the served report differs from run's"
    );
    assert_eq!(
        std::fs::read(server.output.join("ledger.json")).unwrap(),
        std::fs::read(run_out.path().join("ledger.json")).unwrap()
    );

    // The checklists and reminders as zips; nothing else by path.
    for key in ["checklists", "reminders"] {
        let z = get(server.port, &format!("/download/{key}"));
        assert_eq!(z.status, 200, "{key}");
        let archive = zip::ZipArchive::new(std::io::Cursor::new(z.body)).unwrap();
        assert!(archive.len() > 2, "{key}: {}", archive.len());
    }
    for path in [
        "/download/..%2F..%2Fplan.toml",
        "/download/ledger.json",
        "/../plan.toml",
        "/returns/",
        "/output/",
    ] {
        assert_eq!(get(server.port, path).status, 404, "{path}");
    }

    // A unit's reminder as plain text, ready to paste.
    let text = get(
        server.port,
        "/api/reminder?unit=%E5%8C%BA%E8%B4%A2%E6%94%BF%E5%B1%80",
    )
    .text();
    assert!(
        text.starts_with("重庆市永川区生态环境局关于催报整改任务落实情况的通知\n"),
        "{text}"
    );
    assert!(
        text.contains("重庆市永川区财政局：") && !text.contains("@p "),
        "{text}"
    );
}

#[test]
fn uploads_keep_to_the_ingest_limits_and_a_malformed_body_is_a_problem() {
    let input = input_with_returns(|_| {});
    let plan = std::fs::read_to_string(input.path().join("plan.toml")).unwrap();
    let plan = plan
        .replace("max_file_bytes = 52428800", "max_file_bytes = 40000")
        .replace(
            "max_uncompressed_bytes = 268435456",
            "max_uncompressed_bytes = 100000",
        );
    std::fs::write(input.path().join("plan.toml"), plan).unwrap();
    let out = tempfile::tempdir().unwrap();
    let server = start(input.path(), out.path(), &[]);
    let token = form_token(server.port, &[]);
    let returns = input.path().join("returns");

    // Over the per-file cap: refused, nothing left behind; the small one is kept.
    let big = vec![b'x'; 50_000];
    let small = demo_return("区城管局.xlsx");
    assert!(small.len() < 40_000);
    let reply = upload(
        &server,
        &token,
        &[("big.xlsx", &big), ("区城管局.xlsx", &small)],
    );
    assert_eq!(reply.status, 200);
    let r = reply.json();
    assert!(r[0]["saved"].is_null());
    assert!(r[0]["refused"].as_str().unwrap().contains("上限"), "{r}");
    assert_eq!(r[1]["saved"], "区城管局.xlsx");
    assert_eq!(names_in(&returns), ["区城管局.xlsx"]);

    // Over the per-request cap: refused whole by its length, or stopped as it streams.
    let chunk = vec![b'y'; 30_000];
    let files: Vec<(&str, &[u8])> = (0..5).map(|_| ("a.csv", &chunk[..])).collect();
    let reply = upload(&server, &token, &files);
    assert!(
        reply.status == 413 || reply.text().contains("分批"),
        "{}",
        reply.status
    );
    assert!(names_in(&returns).len() <= 4);

    // A damaged return (the demo's 区商务委.xlsx is cut in half): its unit is shown as
    // sending a file that cannot be read, with the problem list's words.
    let reply = upload(
        &server,
        &token,
        &[("区商务委.xlsx", &demo_return("区商务委.xlsx"))],
    );
    let r = reply.json();
    assert_eq!(r[0]["files"][0]["outcome"], "failed", "{r}");
    assert!(
        r[0]["problems"][0]["message"]
            .as_str()
            .unwrap()
            .contains("损坏"),
        "{r}"
    );
    let state = get(server.port, "/api/state").json();
    assert_eq!(unit(&state, "区商务委")["state"], "unreadable");
    assert_eq!(unit(&state, "区商务委")["unreadable"][0], "区商务委.xlsx");

    // A malformed multipart body: an entry saying so, and the server goes on.
    let ct = format!("multipart/form-data; boundary={BOUNDARY}");
    let garbage = format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.xlsx\"\r\n\r\nabc");
    let reply = request(
        server.port,
        "POST",
        "/api/upload",
        &[("Content-Type", &ct), ("x-rectify-form", &token)],
        garbage.as_bytes(),
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert!(reply.json()[0]["refused"].as_str().unwrap().len() > 5);
    assert!(!returns.join("x.xlsx").exists());
    let reply = request(
        server.port,
        "POST",
        "/api/upload",
        &[("Content-Type", "text/plain"), ("x-rectify-form", &token)],
        b"hello",
    );
    assert!(reply.status >= 400 && reply.status < 500);
    assert_eq!(get(server.port, "/api/state").status, 200);
}

#[test]
fn posts_need_the_form_token_and_the_page_its_own_host() {
    let input = input_with_returns(|_| {});
    let out = tempfile::tempdir().unwrap();
    let server = start(input.path(), out.path(), &[]);
    assert!(server.url.starts_with("http://127.0.0.1:"));
    let token = form_token(server.port, &[]);
    let ct = format!("multipart/form-data; boundary={BOUNDARY}");
    let body = multipart(&[("区城管局.xlsx", &demo_return("区城管局.xlsx"))]);
    // No form token; a foreign origin; a foreign host (DNS rebinding).
    let no_token = request(
        server.port,
        "POST",
        "/api/upload",
        &[("Content-Type", &ct)],
        &body,
    );
    assert_eq!(no_token.status, 403);
    let foreign = request(
        server.port,
        "POST",
        "/api/upload",
        &[
            ("Content-Type", &ct),
            ("x-rectify-form", &token),
            ("Origin", "http://evil.example"),
        ],
        &body,
    );
    assert_eq!(foreign.status, 403);
    let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    s.write_all(b"GET /api/state HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    assert_eq!(parse(&raw).status, 403);
    assert!(names_in(&input.path().join("returns")).is_empty());
    // With the token and its own origin it goes through.
    let own = format!("http://127.0.0.1:{}", server.port);
    let ok = request(
        server.port,
        "POST",
        "/api/upload",
        &[
            ("Content-Type", &ct),
            ("x-rectify-form", &token),
            ("Origin", &own),
        ],
        &body,
    );
    assert_eq!(ok.status, 200);
    assert_eq!(names_in(&input.path().join("returns")), ["区城管局.xlsx"]);
}

#[test]
fn listening_beyond_loopback_needs_the_access_token() {
    let input = input_with_returns(|_| {});
    let out = tempfile::tempdir().unwrap();
    let server = start(input.path(), out.path(), &["--listen", "127.0.0.1"]);
    let token = server
        .url
        .split("?token=")
        .nth(1)
        .expect("a token in the address");
    assert_eq!(token.len(), 32);
    assert_eq!(get(server.port, "/").status, 403);
    assert_eq!(get(server.port, "/api/state").status, 403);
    assert_eq!(get(server.port, "/download/report").status, 403);
    assert_eq!(
        get(server.port, "/?token=0123456789abcdef0123456789abcdef").status,
        403
    );
    let first = get(server.port, &format!("/?token={token}"));
    assert_eq!(first.status, 200);
    let cookie = first
        .header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    assert!(cookie.contains(token));
    let with_cookie = request(
        server.port,
        "GET",
        "/api/state",
        &[("Cookie", &cookie)],
        b"",
    );
    assert_eq!(with_cookie.status, 200);
    assert!(with_cookie.json()["units"].as_array().unwrap().len() > 10);
}

#[test]
fn a_hundred_concurrent_requests_and_two_uploads_at_once() {
    let input = input_with_returns(|_| {});
    let out = tempfile::tempdir().unwrap();
    let server = start(input.path(), out.path(), &[]);
    let token = form_token(server.port, &[]);
    let port = server.port;
    let uploads: Vec<_> = ["区城管局.xlsx", "区发展改革委.xlsx"]
        .into_iter()
        .map(|name| {
            let token = token.clone();
            let bytes = demo_return(name);
            std::thread::spawn(move || {
                let ct = format!("multipart/form-data; boundary={BOUNDARY}");
                request(
                    port,
                    "POST",
                    "/api/upload",
                    &[("Content-Type", &ct), ("x-rectify-form", &token)],
                    &multipart(&[(name, &bytes)]),
                )
                .status
            })
        })
        .collect();
    let readers: Vec<_> = (0..100)
        .map(|i| {
            std::thread::spawn(move || {
                let path = ["/api/state", "/", "/app.js", "/download/workbook"][i % 4];
                let r = get(port, path);
                (r.status, r.body.len())
            })
        })
        .collect();
    for r in readers {
        let (status, len) = r.join().unwrap();
        assert_eq!(status, 200);
        assert!(len > 100);
    }
    for u in uploads {
        assert_eq!(u.join().unwrap(), 200);
    }
    // The later run saw both files: the uploads did not interleave.
    let state = get(port, "/api/state").json();
    for name in ["区城市管理局", "区发展改革委"] {
        assert!(
            unit(&state, name)["reported"].as_u64().unwrap() > 0,
            "{name}"
        );
    }
    let ledger: serde_json::Value =
        serde_json::from_slice(&std::fs::read(server.output.join("ledger.json")).unwrap()).unwrap();
    assert_eq!(ledger["files"].as_array().unwrap().len(), 2);
}

#[test]
fn upload_names_are_sanitised() {
    use rectify::sanitize_upload_name as s;
    assert_eq!(s("../../etc/passwd"), "passwd");
    assert_eq!(s("a/b/..\\..\\区水利局.xlsx"), "区水利局.xlsx");
    assert_eq!(s("~$区水利局.xlsx"), "~$区水利局.xlsx");
    assert_eq!(s("nul.txt"), "_nul.txt");
    assert_eq!(s(" . "), "未命名文件");
    assert_eq!(s("a<b>c|d.xlsx"), "a_b_c_d.xlsx");
}

#[test]
fn a_mistyped_returns_folder_is_refused_as_run_refuses_it() {
    let input = input_with_returns(|_| {});
    let out = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_rectify"))
        .arg("--input")
        .arg(input.path())
        .arg("--output")
        .arg(out.path())
        .arg("--returns")
        .arg(input.path().join("报送表"))
        .arg("serve")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("找不到报送表文件夹"));
    assert!(!input.path().join("报送表").exists());
}
