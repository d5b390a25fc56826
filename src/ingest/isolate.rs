//! Isolation of one file (or one sheet): a panic in a parser becomes that file's
//! failure, never the run's. `catch_unwind` stops the unwinding, but the default panic
//! hook would still print "thread … panicked at …" (and a backtrace note) on the
//! terminal mid-run. [`isolated`] installs, once, a hook that stays silent while the
//! current thread is inside an isolated call and records the panic's message there
//! instead (for the corpus runner and debugging); outside, it defers to the hook that
//! was installed before, so a real bug elsewhere is still reported as usual.

use std::cell::{Cell, RefCell};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// How deep this thread is in isolated calls.
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    /// The message of the last panic caught on this thread.
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

/// Run `f`; a panic inside is caught silently and comes back as its message.
pub(crate) fn isolated<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if DEPTH.with(Cell::get) > 0 {
                let at = info
                    .location()
                    .map(|l| format!(" ({}:{})", l.file(), l.line()))
                    .unwrap_or_default();
                let what = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                LAST.with(|l| *l.borrow_mut() = Some(format!("{what}{at}")));
            } else {
                previous(info);
            }
        }));
    });
    DEPTH.with(|d| d.set(d.get() + 1));
    let result = catch_unwind(AssertUnwindSafe(f));
    DEPTH.with(|d| d.set(d.get() - 1));
    result.map_err(|_| LAST.with(|l| l.borrow_mut().take()).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_comes_back_as_its_message() {
        let got = isolated(|| -> u32 { panic!("boom {}", 7) });
        let message = got.unwrap_err();
        assert!(message.starts_with("boom 7 ("), "{message}");
        assert!(message.contains("isolate.rs"), "{message}");
        assert_eq!(isolated(|| 5), Ok(5));
        // Nested: the inner panic is the inner call's.
        let outer = isolated(|| isolated(|| -> () { panic!("inner") }).unwrap_err());
        assert!(outer.unwrap().starts_with("inner"));
    }
}
