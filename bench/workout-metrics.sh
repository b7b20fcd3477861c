#!/usr/bin/env bash
# Time of the workout builder's live loads and metrics: a 40-element workout (3 to 5 blocks
# each) for a group of 40 athletes, as recomputed on every keystroke.
#
#   bench/workout-metrics.sh          # 2000 runs
#   RUNS=500 bench/workout-metrics.sh
#
# Builds the domain crate's `workout_metrics` example in release and runs it on one thread: it
# plans the workout for every athlete (maxes of their own, derived through the club's ratios,
# or missing), then prints the median, the 95th percentile and the slowest run of the whole
# group's computation, of one athlete's and of the preview without an athlete, with the
# machine's load average (other processes show in the slowest runs). The budget is 2 ms for
# the group on one core. A benchmark is run by a person; it is never part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-2000}
cargo run --release --quiet -p domain --example workout_metrics -- "$RUNS"
