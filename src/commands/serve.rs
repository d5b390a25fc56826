//! `rectify serve`: the round of `run`, behind a local web page (src/serve/).

use std::net::IpAddr;

use chrono::NaiveDate;

use crate::commands::error::CommandError;
use crate::commands::shared::Round;
use crate::error::Error;
use crate::model::Ledger;
use crate::serve::{serve as start, Config};

/// Serve the round: every upload re-runs it with `run` (`rectify run`'s own function,
/// handed in by `execute`: commands do not import each other).
pub fn serve(
    round: &Round,
    port: Option<u16>,
    listen: Option<IpAddr>,
    run: fn(&Round, Option<NaiveDate>) -> Result<Ledger, Error>,
) -> Result<(), Error> {
    // A mistyped --returns is refused, as `run` refuses it; the default folder is made
    // when missing (the clerk's first returns arrive through the page).
    if paths_returns_missing(round) {
        return Err(CommandError::NoReturns(round.paths.returns_dir()).into());
    }
    let (plan, paths, scope) = (round.plan.clone(), round.paths.clone(), round.scope.clone());
    let config = Config {
        returns: paths.returns_dir(),
        output: paths.output.clone(),
        templates: paths.templates.clone(),
        limits: plan.meta.limits.clone(),
        port: port.unwrap_or(0),
        listen,
    };
    let rerun = move || {
        let round = Round {
            plan: &plan,
            paths: &paths,
            scope: &scope,
            writes_output: true,
        };
        run(&round, None)
    };
    start(config, Box::new(rerun))?;
    Ok(())
}

/// `--returns` names a folder that is not there.
fn paths_returns_missing(round: &Round) -> bool {
    round.paths.returns.is_some() && !round.paths.returns_dir().is_dir()
}
