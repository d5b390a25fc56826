//! `rectify serve`: a small web server on the clerk's own computer. The page (Chinese,
//! compiled into the binary, no network needed) takes returns by drag and drop, saves
//! them into the returns folder, re-runs the round exactly as `rectify run` does (the
//! same function, the same output/ files), and shows from the ledger who has reported,
//! the tasks and the problems; the documents are downloaded from the output folder.
//!
//! One run at a time: an upload holds the run lock from its first byte saved to the end
//! of its run, so a second upload waits. Reading the page never waits on a run: it gets
//! the last run's state, serialised once when that run ended. Developer notes:
//! docs/serve.md.

mod assets;
mod auth;
mod documents;
mod upload;
mod view;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Multipart, Path as UrlPath, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Serialize;
use tower_http::limit::RequestBodyLimitLayer;

use crate::console::sayln;
use crate::model::Ledger;
use crate::plan::meta::Limits;
use crate::render::Templates;

pub use upload::sanitize_name;

/// Where the server reads and writes, and where it listens.
pub struct Config {
    /// The returns folder (uploads are saved here).
    pub returns: PathBuf,
    /// The output folder (`run` writes here; downloads come from here).
    pub output: PathBuf,
    /// `--templates`, for a unit's reminder text.
    pub templates: Option<PathBuf>,
    /// plan.toml `[limits]`: the upload caps.
    pub limits: Limits,
    /// `--port`; 0 for a free one.
    pub port: u16,
    /// `--listen`: listen there, with an access token; loopback without a token when
    /// `None`.
    pub listen: Option<IpAddr>,
}

/// The round, as `rectify run` runs it: writes every output, returns the ledger.
pub type Rerun = Box<dyn Fn() -> Result<Ledger, crate::error::Error> + Send + Sync>;

/// The last run: its ledger (the last good one when a run failed) and the page's data.
struct Snapshot {
    ledger: Option<Arc<Ledger>>,
    state_json: Vec<u8>,
}

/// The server's state, shared by every request.
pub(crate) struct App {
    config: Config,
    rerun: Rerun,
    templates: Templates,
    /// Held by an upload or a re-run from start to end: one at a time.
    lock: tokio::sync::Mutex<()>,
    snapshot: RwLock<Arc<Snapshot>>,
    /// `--listen`: the access token every request needs.
    access: Option<String>,
    /// The token every POST carries (the page has it).
    form_token: String,
    /// On loopback, the Host headers accepted (empty: any, the token guards).
    hosts: Vec<String>,
}

impl App {
    fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Run the round now (blocking: call from a blocking thread), keep its state and
    /// return it. A failed run (or a panic in it) keeps the last good ledger and shows
    /// why on the page.
    fn run_now(&self) -> Arc<Snapshot> {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (self.rerun)()));
        let (ledger, error) = match result {
            Ok(Ok(ledger)) => (Some(Arc::new(ledger)), None),
            Ok(Err(e)) => (self.snapshot().ledger.clone(), Some(e.to_string())),
            Err(_) => (
                self.snapshot().ledger.clone(),
                Some(
                    "汇总时发生内部错误，本次结果未更新。请把报送表文件夹和本提示告知维护人员。"
                        .to_string(),
                ),
            ),
        };
        let state_json = state_json(ledger.as_deref(), error);
        let snap = Arc::new(Snapshot { ledger, state_json });
        *self
            .snapshot
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = snap.clone();
        snap
    }
}

/// The page's data as JSON.
fn state_json(ledger: Option<&Ledger>, error: Option<String>) -> Vec<u8> {
    match ledger {
        Some(l) => serde_json::to_vec(&view::state(l, error, documents::documents(l))),
        None => serde_json::to_vec(&serde_json::json!({
            "error": error.unwrap_or_else(|| "尚未汇总。".to_string()),
            "units": [], "tasks": [], "problems": [], "files": [], "documents": [], "summary": []
        })),
    }
    .unwrap_or_default()
}

/// Bind, run the round once, print the address, and serve until the process is stopped.
pub fn serve(config: Config, rerun: Rerun) -> Result<(), crate::commands::CommandError> {
    use crate::commands::CommandError;
    std::fs::create_dir_all(&config.returns).map_err(|source| CommandError::MakeReturns {
        path: config.returns.clone(),
        source,
    })?;
    let ip = config.listen.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    let addr = SocketAddr::new(ip, config.port);
    let listener = std::net::TcpListener::bind(addr).map_err(|source| CommandError::ServeBind {
        addr: addr.to_string(),
        source,
    })?;
    let port = listener.local_addr().map_or(config.port, |a| a.port());
    let _ = listener.set_nonblocking(true);
    let access = config.listen.map(|_| auth::new_token());
    let hosts = if config.listen.is_some() {
        Vec::new()
    } else {
        vec![
            format!("127.0.0.1:{port}"),
            format!("localhost:{port}"),
            format!("[::1]:{port}"),
        ]
    };
    let templates = Templates::new(config.templates.as_deref());
    let app = Arc::new(App {
        config,
        rerun,
        templates,
        lock: tokio::sync::Mutex::new(()),
        snapshot: RwLock::new(Arc::new(Snapshot {
            ledger: None,
            state_json: state_json(None, None),
        })),
        access: access.clone(),
        form_token: auth::new_token(),
        hosts,
    });
    app.run_now();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|source| CommandError::ServeBind {
            addr: addr.to_string(),
            source,
        })?;
    let shown = match (ip, &access) {
        (IpAddr::V4(v4), Some(t)) if v4.is_unspecified() => {
            format!("http://<本机地址>:{port}/?token={t}")
        }
        (_, Some(t)) => format!("http://{}/?token={t}", SocketAddr::new(ip, port)),
        (_, None) => format!("http://127.0.0.1:{port}/"),
    };
    sayln!("网页已启动：{shown}");
    if let Some(t) = &access {
        sayln!("访问码：{t}（打开网页须带访问码，请只告诉需要使用的同事）");
    }
    sayln!("请在浏览器中打开上面的地址。按 Ctrl+C 停止。");
    let router = router(app);
    runtime
        .block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener)?;
            axum::serve(listener, router).await
        })
        .map_err(|source| CommandError::ServeBind {
            addr: addr.to_string(),
            source,
        })
}

fn router(app: Arc<App>) -> Router {
    let limits = &app.config.limits;
    // The request cap: all files of one upload together, plus room for the form's own
    // headers (each file's cap is checked as it streams in, upload.rs).
    let request_cap = usize::try_from(limits.max_uncompressed_bytes)
        .unwrap_or(usize::MAX)
        .saturating_add(1 << 20);
    let uploads = Router::new()
        .route("/api/upload", post(upload))
        .layer(DefaultBodyLimit::disable())
        .layer(RequestBodyLimitLayer::new(request_cap));
    Router::new()
        .route("/", get(page))
        .route(
            "/app.js",
            get(|| async { asset(assets::JS, "text/javascript; charset=utf-8") }),
        )
        .route(
            "/app.css",
            get(|| async { asset(assets::CSS, "text/css; charset=utf-8") }),
        )
        .route("/api/state", get(state))
        .route("/api/rerun", post(rerun))
        .route("/api/reminder", get(reminder))
        .route("/download/{key}", get(download))
        .merge(uploads)
        .fallback(|| async {
            (
                StatusCode::NOT_FOUND,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                "没有这个页面。",
            )
        })
        .layer(DefaultBodyLimit::max(64 * 1024))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            auth::guard,
        ))
        .with_state(app)
}

fn asset(body: &'static str, mime: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, mime),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

async fn page(State(app): State<Arc<App>>) -> Response {
    let html = assets::HTML.replace("{{FORM_TOKEN}}", &app.form_token);
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        html,
    )
        .into_response()
}

fn json(bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        Body::from(bytes),
    )
        .into_response()
}

async fn state(State(app): State<Arc<App>>) -> Response {
    json(app.snapshot().state_json.clone())
}

/// Run the round on a blocking thread, the run lock held by the caller.
async fn run_blocking(app: &Arc<App>) -> Arc<Snapshot> {
    let worker = app.clone();
    match tokio::task::spawn_blocking(move || worker.run_now()).await {
        Ok(s) => s,
        Err(_) => app.snapshot(),
    }
}

async fn rerun(State(app): State<Arc<App>>) -> Response {
    let _one_at_a_time = app.lock.lock().await;
    json(run_blocking(&app).await.state_json.clone())
}

/// What became of one uploaded file, after the run.
#[derive(Serialize)]
struct UploadResult<'a> {
    sent: String,
    saved: Option<String>,
    refused: Option<String>,
    /// The file and, for a bundle, the files in it, as the ledger lists them.
    files: Vec<view::FileView<'a>>,
    problems: Vec<view::ProblemView<'a>>,
}

async fn upload(State(app): State<Arc<App>>, multipart: Multipart) -> Response {
    let _one_at_a_time = app.lock.lock().await;
    let saved = upload::save_all(multipart, &app.config.returns, &app.config.limits).await;
    let snap = if saved.iter().any(|s| s.saved.is_some()) {
        run_blocking(&app).await
    } else {
        app.snapshot()
    };
    let results: Vec<UploadResult> = saved
        .into_iter()
        .map(|s| {
            let (files, problems) = match (&s.saved, &snap.ledger) {
                (Some(name), Some(l)) => {
                    let inside = format!("{name}/");
                    let mine = |f: &str| f == name || f.starts_with(&inside);
                    (
                        l.files
                            .iter()
                            .filter(|f| mine(&f.file))
                            .map(view::file_view)
                            .collect(),
                        l.problems
                            .iter()
                            .filter(|p| mine(&p.file))
                            .map(view::problem_view)
                            .collect(),
                    )
                }
                _ => (Vec::new(), Vec::new()),
            };
            UploadResult {
                sent: s.sent,
                saved: s.saved,
                refused: s.refused,
                files,
                problems,
            }
        })
        .collect();
    json(serde_json::to_vec(&results).unwrap_or_default())
}

#[derive(serde::Deserialize)]
struct UnitQuery {
    unit: String,
}

async fn reminder(State(app): State<Arc<App>>, Query(q): Query<UnitQuery>) -> Response {
    let snap = app.snapshot();
    let text = snap
        .ledger
        .as_ref()
        .and_then(|l| documents::reminder_text(l, &app.templates, &q.unit));
    match text {
        Some(t) => ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], t).into_response(),
        None => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("没有“{}”的催报内容。", q.unit),
        )
            .into_response(),
    }
}

async fn download(State(app): State<Arc<App>>, UrlPath(key): UrlPath<String>) -> Response {
    let snap = app.snapshot();
    let output = app.config.output.clone();
    // Reading a workbook of many MB: off the async threads.
    tokio::task::spawn_blocking(move || documents::download(&output, snap.ledger.as_deref(), &key))
        .await
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}
