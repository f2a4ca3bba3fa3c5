#!/usr/bin/env bash
# Reproduces every figure of docs/PERFORMANCE.md on this machine.
# Usage: scripts/bench.sh            (needs hyperfine; installs it with apt-get if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
command -v less >/dev/null || { apt-get update -qq && apt-get install -y -qq less; }

cargo build --release --quiet
cargo build --release --quiet --example first_frame
brief=target/release/brief
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
for mb in 1 10 50; do "$brief" gen --mb "$mb" > "$data/gen$mb.toml"; done
export XDG_DATA_HOME="$data/state" XDG_CONFIG_HOME="$data/config"

echo "== brief check, by size"
hyperfine --warmup 1 --runs 10 --export-markdown "$data/check.md" \
  "$brief check $data/gen1.toml" "$brief check $data/gen10.toml" "$brief check $data/gen50.toml"
cat "$data/check.md"

echo "== plain-text exports for less"
"$brief" export > "$data/default.md"
"$brief" export "$data/gen50.toml" > "$data/gen50.md"

echo "== time to first frame in a 200x50 pty (median of 20)"
ff=target/release/examples/first_frame
$ff 20 "Damascus and Moscow after Assad" "$brief"
$ff 20 "Damascus and Moscow after Assad" less "$data/default.md"
$ff 5 "Loading" "$brief" "$data/gen50.toml"
$ff 5 "Generated briefing" less "$data/gen50.md"
$ff 5 "Generated briefing (50 MB)" "$brief" "$data/gen50.toml"

echo "== criterion: load, index, frame, key, search (50 MB)"
cargo bench --bench reader -- --warm-up-time 1 --measurement-time 5
