#!/usr/bin/env bash
# Sets the README example with verbale and with Typst (same font, size and margins) and renders
# both first pages at 100 dpi next to each other: target/typst-compare/side-by-side.png.
# Needs: pip install typst; poppler-utils (pdftoppm); imagemagick (convert).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=target/typst-compare
mkdir -p "$out"
cargo run --release --quiet -- generate examples/7msp.toml -o "$out" --force >/dev/null
python3 - "$out" <<'PY'
import sys, typst
typst.compile("bench/typst-compare/note.typ", output=f"{sys.argv[1]}/typst.pdf", root=".", font_paths=["fonts"])
PY
pdftoppm -r 100 -png -f 1 -l 1 "$out/ccm-7msp.en.pdf" "$out/verbale"
pdftoppm -r 100 -png -f 1 -l 1 "$out/typst.pdf" "$out/typst"
convert "$out/verbale-1.png" "$out/typst-1.png" +append "$out/side-by-side.png"
ls -l "$out/ccm-7msp.en.pdf" "$out/typst.pdf" "$out/side-by-side.png"
