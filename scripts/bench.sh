#!/usr/bin/env bash
# Reproduces every figure of docs/PERFORMANCE.md on this machine.
# Usage: scripts/bench.sh            (installs hyperfine, less and GNU time with apt-get if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v less >/dev/null || missing+=(less)
[ -x /usr/bin/time ] || missing+=(time)
command -v valgrind >/dev/null || missing+=(valgrind)
command -v tmux >/dev/null || missing+=(tmux)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${missing[@]}"
fi

cargo build --release --quiet
cargo build --release --quiet --example first_frame --example load --example startup_steps
brief=$PWD/target/release/brief
ff=target/release/examples/first_frame
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
for mb in 1 10 50; do "$brief" gen --mb "$mb" > "$data/gen$mb.toml"; done
ls -l "$data"/gen*.toml
export XDG_DATA_HOME="$data/state" XDG_CONFIG_HOME="$data/config"

echo "== brief check, by size; and the loader alone (examples/load) on 50 MB"
hyperfine -N --warmup 1 --runs 10 --export-markdown "$data/check.md" \
  "$brief check $data/gen1.toml" "$brief check $data/gen10.toml" \
  "$brief check $data/gen50.toml" "target/release/examples/load $data/gen50.toml"
cat "$data/check.md"

echo "== plain-text exports for less"
"$brief" export > "$data/default.md"
"$brief" export "$data/gen50.toml" > "$data/gen50.md"

# Written files are flushed now, not while the timings run.
sync

echo "== first frame and quit in a 200x50 pty"
# By turns with less (both meet the same moments of the machine), then
# each in a batch of its own (a small program run back to back keeps its
# code and data in the caches, which favours less).
$ff 40 "Damascus and Moscow after Assad" "$brief" --beside less "$data/default.md"
$ff 40 "Damascus and Moscow after Assad" "$brief"
$ff 40 "Damascus and Moscow after Assad" less "$data/default.md"
$ff 5 "Loading" "$brief" "$data/gen50.toml"
# The first opening of a briefing records what it holds; time the later ones.
$ff 1 "Generated briefing (50 MB)" "$brief" "$data/gen50.toml" > /dev/null
$ff 5 "Generated briefing (50 MB)" "$brief" "$data/gen50.toml" --beside less "$data/gen50.md"

echo "== peak memory (maximum resident set), 50 MB"
ls -l "$data/gen50.toml"
/usr/bin/time -f "brief check: %M KB" "$brief" check "$data/gen50.toml" > /dev/null
$ff 1 "Generated briefing (50 MB)" /usr/bin/time -o "$data/reader.rss" -f "reader, fully loaded: %M KB" "$brief" "$data/gen50.toml" > /dev/null
cat "$data/reader.rss"

echo "== library: 200 briefings of the built-in one's size and the 50 MB one, beside ls -l"
lib="$data/library"
mkdir -p "$lib"
for i in $(seq -w 1 200); do
  sed -e "0,/^id = .*/s//id = \"bench-$i\"/" -e "0,/^title = .*/s//title = \"Library bench $i\"/" \
    briefings/syria-russia-2025.toml > "$lib/b$i.toml"
done
cp "$data/gen50.toml" "$lib/a-large.toml"
du -sh "$lib"
sync
# Cold: no cache. The first frame shows every row, unread, with the
# progress of the reading; then the time until every row is read (when
# the title's counts, "· 0 changed", replace "reading k of n…").
# ls -l is done when its last line, b200.toml, shows (its first ones
# scroll away).
FIRST_FRAME_PEER_TEXT=b200.toml $ff 10 "a-large.toml" sh -c "rm -rf $data/cold; XDG_CACHE_HOME=$data/cold exec $brief $lib" --beside ls -l "$lib"
$ff 5 "· 0 changed" sh -c "rm -rf $data/cold; XDG_CACHE_HOME=$data/cold exec $brief $lib"
# Warm: the cache filled by a first run.
export XDG_CACHE_HOME="$data/cache"
$ff 1 "· 0 changed" "$brief" "$lib" > /dev/null
FIRST_FRAME_PEER_TEXT=b200.toml $ff 20 "a-large.toml" "$brief" "$lib" --beside ls -l "$lib"
# Opening a briefing from the library (Enter on its row), beside opening it
# directly; each run with no review state yet (the order by last opened,
# and the first opening's work, the same every time).
fresh="rm -rf $data/fresh; XDG_DATA_HOME=$data/fresh exec"
FIRST_FRAME_THEN=$'j\\r\tLibrary bench 001  as of' $ff 10 "a-large.toml" sh -c "$fresh $brief $lib"
$ff 10 "Library bench 001  as of" sh -c "$fresh $brief $lib/b001.toml"
FIRST_FRAME_THEN=$'\\r\t1 Overview' $ff 5 "a-large.toml" sh -c "$fresh $brief $lib"
$ff 5 "1 Overview" sh -c "$fresh $brief $lib/a-large.toml"
# Peak memory: the library searched in full (every briefing indexed), then
# the 50 MB briefing opened from it, typed in tmux as a person would.
screen_has() { # text, seconds: waits until the bench window shows text
  for _ in $(seq 1 $(($2 * 20))); do
    tmux capture-pane -p -t bench | grep -qF "$1" && return 0
    sleep 0.05
  done
  echo "timed out waiting for: $1" >&2
  return 1
}
tmux kill-session -t bench 2>/dev/null || true
rm -rf "$data/fresh"
tmux new-session -d -s bench -x 200 -y 50 "XDG_DATA_HOME=$data/fresh XDG_CACHE_HOME=$XDG_CACHE_HOME XDG_CONFIG_HOME=$XDG_CONFIG_HOME /usr/bin/time -o $data/library.rss -f 'library searched, then the 50 MB briefing open: %M KB' $brief $lib"
screen_has "a-large.toml" 10
tmux send-keys -t bench "/ministry"
screen_has "in all 201" 60
tmux send-keys -t bench Escape
screen_has "enter open" 10
tmux send-keys -t bench Enter
screen_has "1 Overview" 60
tmux send-keys -t bench q
for _ in $(seq 1 100); do [ -s "$data/library.rss" ] && break; sleep 0.1; done
cat "$data/library.rss"

echo "== instructions per start-up step, default briefing (callgrind: not moved by machine noise)"
valgrind --tool=callgrind --callgrind-out-file="$data/steps.out" target/release/examples/startup_steps 2>&1 | grep Collected
callgrind_annotate --inclusive=yes "$data/steps.out" | grep -E 'startup_steps::[a-z_]+ \['

echo "== criterion: start-up (default briefing); load, index, frame, key, search (50 MB)"
cargo bench --bench reader -- --warm-up-time 1 --measurement-time 5
