#!/usr/bin/env bash
# Produce the .xls and .ods files that Rust cannot write, with LibreOffice.
#
#   scripts/convert-demo-formats.sh [returns|fixtures|all]   (default: all)
#
# returns:  runs examples/make_demo_returns (all returns into input/returns,
#           区生态环境局 and 区河长办 as xlsx into a staging folder), then
#           converts 区生态环境局.xlsx -> input/returns/区生态环境局.xls and
#           区河长办.xlsx -> input/returns/区河长办.ods.
# fixtures: runs examples/make_test_fixtures into a staging folder, then
#           converts standard.xlsx -> tests/fixtures/xls/standard.xls and
#           tests/fixtures/ods/standard.ods, two_row_header.xlsx ->
#           tests/fixtures/xls/two_row_header.xls.
#
# Needs soffice (Debian: libreoffice-calc-nogui). soffice exits 0 even when
# a conversion fails, so every output is checked. LibreOffice output is not
# byte-reproducible (it stamps dates); the converted files are committed.
set -euo pipefail
cd "$(dirname "$0")/.."

what=${1:-all}
case $what in returns | fixtures | all) ;; *)
    echo "usage: $0 [returns|fixtures|all]" >&2
    exit 2
    ;;
esac
command -v soffice >/dev/null || {
    echo "soffice not found: apt-get install -y --no-install-recommends libreoffice-calc-nogui" >&2
    exit 1
}

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
# A private LibreOffice profile: no clash with a running instance, no state kept.
profile="file://$staging/lo-profile"

# convert FORMAT SOURCE.xlsx OUTDIR
convert() {
    local fmt=$1 src=$2 outdir=$3
    local out
    out="$outdir/$(basename "${src%.*}").$fmt"
    mkdir -p "$outdir"
    rm -f "$out"
    soffice "-env:UserInstallation=$profile" --headless --convert-to "$fmt" \
        --outdir "$outdir" "$src" >"$staging/soffice.log" 2>&1 || true
    if [[ ! -s $out ]]; then
        echo "conversion failed: $src -> $out" >&2
        cat "$staging/soffice.log" >&2
        exit 1
    fi
    echo "wrote $out"
}

if [[ $what == returns || $what == all ]]; then
    cargo run --quiet --example make_demo_returns -- input/returns --staging "$staging/returns"
    convert xls "$staging/returns/区生态环境局.xlsx" input/returns
    convert ods "$staging/returns/区河长办.xlsx" input/returns
fi

if [[ $what == fixtures || $what == all ]]; then
    cargo run --quiet --example make_test_fixtures -- "$staging/fixtures"
    convert xls "$staging/fixtures/standard.xlsx" tests/fixtures/xls
    convert ods "$staging/fixtures/standard.xlsx" tests/fixtures/ods
    convert xls "$staging/fixtures/two_row_header.xlsx" tests/fixtures/xls
fi
