//! Who may use the page. On loopback (the default) the Host header must name the
//! loopback address and port (a web page elsewhere cannot reach the server through DNS
//! rebinding). With `--listen`, every request needs the access token printed at start:
//! `?token=…` once (then a cookie), or the cookie. Every POST carries the page's form
//! token in the `x-rectify-form` header, and an Origin header, when sent, must be the
//! page's own.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::App;

/// The cookie that carries the access token.
pub const COOKIE: &str = "rectify_token";
/// The header that carries the form token on every POST.
pub const FORM_HEADER: &str = "x-rectify-form";

/// 32 hex digits from the system's random source.
pub fn new_token() -> String {
    use std::io::Read;
    let mut bytes = [0u8; 16];
    let filled = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .is_ok();
    if !filled {
        // No /dev/urandom: the std hasher's per-process random keys.
        use std::hash::{BuildHasher, Hasher};
        for chunk in bytes.chunks_mut(8) {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_u128(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos()),
            );
            chunk.copy_from_slice(&h.finish().to_le_bytes());
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Equal strings, compared in time independent of where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn refuse(status: StatusCode, message: &str) -> Response {
    let body = format!(
        "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>无法访问</title><body style=\"font-family:sans-serif;margin:3em\"><h2>无法访问</h2><p>{message}</p></body></html>"
    );
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

fn query_token(query: Option<&str>) -> Option<&str> {
    query?.split('&').find_map(|kv| kv.strip_prefix("token="))
}

fn cookie_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|kv| kv.trim().strip_prefix(COOKIE)?.strip_prefix('='))
}

/// The middleware: host, access token, and the POST checks.
pub async fn guard(State(app): State<Arc<App>>, req: Request<Body>, next: Next) -> Response {
    let headers = req.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if !app.hosts.is_empty() && !app.hosts.iter().any(|h| h == host) {
        return refuse(
            StatusCode::FORBIDDEN,
            "只能在本机用启动时显示的地址打开（如 http://127.0.0.1:端口/）。",
        );
    }
    let mut set_cookie = false;
    if let Some(token) = &app.access {
        let by_query = query_token(req.uri().query()).is_some_and(|t| same(t, token));
        let by_cookie = cookie_token(headers).is_some_and(|t| same(t, token));
        if !by_query && !by_cookie {
            return refuse(
                StatusCode::FORBIDDEN,
                "需要访问码。请使用启动 rectify serve 时显示的完整地址（带 ?token=…）打开。",
            );
        }
        set_cookie = by_query && !by_cookie;
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        if let Some(origin) = headers.get(header::ORIGIN) {
            let own = format!("http://{host}");
            if origin.as_bytes() != own.as_bytes() {
                return refuse(StatusCode::FORBIDDEN, "请求来自其他网页，已拒绝。");
            }
        }
        let form = headers.get(FORM_HEADER).and_then(|v| v.to_str().ok());
        if !form.is_some_and(|f| same(f, &app.form_token)) {
            return refuse(
                StatusCode::FORBIDDEN,
                "页面已过期（rectify serve 重新启动过），请刷新页面后重试。",
            );
        }
    }
    let mut response = next.run(req).await;
    if set_cookie {
        if let Some(token) = &app.access {
            if let Ok(v) = HeaderValue::from_str(&format!(
                "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"
            )) {
                response.headers_mut().append(header::SET_COOKIE, v);
            }
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        let a = new_token();
        assert_eq!(a.len(), 32);
        assert_ne!(a, new_token());
        assert!(same("abc", "abc") && !same("abc", "abd") && !same("abc", "ab"));
        assert_eq!(query_token(Some("x=1&token=zz")), Some("zz"));
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; rectify_token=q"),
        );
        assert_eq!(cookie_token(&h), Some("q"));
    }
}
