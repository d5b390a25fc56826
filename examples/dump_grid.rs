//! Print the grids of a return as rectify reads them (a debugging aid):
//! `cargo run --example dump_grid -- FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: dump_grid FILE");
    let limits = rectify::Limits::default();
    match rectify::read_file(std::path::Path::new(&path), &limits) {
        Err(e) => println!("{:?}: {e}", e.kind()),
        Ok(out) => {
            for g in out.grids {
                println!(
                    "== {} (hidden: {}, merges: {:?})",
                    g.name, g.hidden, g.merges
                );
                for (i, row) in g.rows.iter().enumerate() {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|c| c.text().chars().take(14).collect())
                        .collect();
                    println!("{:>3}: {}", i + 1, cells.join(" | "));
                }
            }
        }
    }
}
