//! The docx finishing pass: schema order, validity, size, determinism.

#[path = "finish/docs.rs"]
mod docs;

use rectify::render::finish::{finish_docx, DocProps};

fn props() -> DocProps {
    DocProps::new(
        "重庆市永川区生态环境局关于整改情况的报告",
        "重庆市永川区生态环境局",
        chrono::NaiveDate::from_ymd_opt(2020, 12, 10).unwrap(),
    )
}

#[test]
fn dump_raw() {
    let bytes = docs::to_bytes(docs::report(30, false));
    std::fs::write("/tmp/raw.docx", &bytes).unwrap();
    let out = finish_docx(&bytes, &props()).unwrap();
    std::fs::write("/tmp/fin.docx", &out).unwrap();
}
