#!/bin/sh
# The two lead units' consolidated returns (报送表) of the demo, made by rectify itself
# (docs/lead-rounds.md). Each lead unit's round reads copies of the demo returns its
# partners (and it) sent, and writes 报送表-<单位>.xlsx, which goes into input/returns/
# as the bureau receives it. Deterministic: run it again, the files do not change.
#
#   scripts/make-lead-returns.sh            (from the repository root)
set -eu
cargo build --release --quiet
bin=target/release/rectify
work=target/lead-rounds
rm -rf "$work"

round() {
    lead=$1
    date=$2
    shift 2
    mkdir -p "$work/$lead/returns"
    for f in "$@"; do
        cp "input/returns/$f" "$work/$lead/returns/"
    done
    "$bin" --as "$lead" --returns "$work/$lead/returns" --output "$work/$lead/output" \
        run --date "$date" >/dev/null
    cp "$work/$lead/output/报送表-$lead.xlsx" input/returns/
    echo "input/returns/报送表-$lead.xlsx"
}

# 区水利局 leads or answers for tasks 18 20 21 23 24 26 53 55: its own return, the
# three 产业促进中心, the three 镇街, 区河长办 and 区发展改革委 (a 配合单位).
round 区水利局 2020-12-05 \
    区水利局.xlsx \
    港桥产业促进中心.xlsx 凤凰湖产业促进中心.xlsx 三教产业促进中心整改进展.csv \
    "镇街整改进展汇总（来苏镇、宝峰镇、双石镇）.xlsx" \
    区河长办.ods 区发展改革委.xlsx

# 区农业农村委 leads tasks 1–11 and 22 with the 镇街 and others: its own return and
# the three 镇街.
round 区农业农村委 2020-12-07 \
    区农业农村委.xlsx \
    "镇街整改进展汇总（来苏镇、宝峰镇、双石镇）.xlsx"
