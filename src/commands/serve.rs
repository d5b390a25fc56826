//! `rectify serve`: the round of `run`, behind a local web page (src/serve/).

use std::net::IpAddr;

use chrono::NaiveDate;

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
        };
        run(&round, None)
    };
    start(config, Box::new(rerun))?;
    Ok(())
}
