//! The page, compiled into the binary: no build step, no CDN, works offline.

pub const HTML: &str = include_str!("page/index.html");
pub const JS: &str = include_str!("page/app.js");
pub const CSS: &str = include_str!("page/app.css");
