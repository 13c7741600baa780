#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 600), LANES at a time (default 2), from
# seeded corpora; logs to fuzz/logs/<target>.log and prints a summary line per target.
#   fuzz/run.sh            # 10 minutes per target
#   fuzz/run.sh 60         # a quick pass
# Needs cargo-fuzz (cargo install cargo-fuzz). On a stable toolchain RUSTC_BOOTSTRAP=1 lets
# cargo-fuzz pass its sanitizer flags.
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_PER_TARGET=${1:-600}
LANES=${LANES:-2}
./seed.sh >/dev/null
mkdir -p logs
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O >/dev/null 2>&1
cargo fuzz list | xargs -P "$LANES" -I{} sh -c \
  "cargo fuzz run -O {} corpus/{} -- -max_total_time=$SECONDS_PER_TARGET -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 > logs/{}.log 2>&1; echo \"{} exit \$?\""
for t in $(cargo fuzz list); do
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "logs/$t.log" | grep -o '[0-9]*$' || echo '?')
  secs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "logs/$t.log" | grep -o 'in [0-9]*' | grep -o '[0-9]*' || echo '?')
  cov=$(grep -o 'cov: [0-9]*' "logs/$t.log" | tail -1 || true)
  crash=$(grep -c 'SUMMARY:\|panicked' "logs/$t.log" || true)
  echo "$t: ${secs}s, $execs executions, $cov, crashes: $crash"
done
