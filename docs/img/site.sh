#!/usr/bin/env bash
# docs/img/site.png: the overview of the bundled example, as `rectify site` writes it,
# photographed by headless Chromium (apt-get install chromium). Run from the repository root.
set -euo pipefail
out="$(mktemp -d)"
RECTIFY_TODAY=2024-12-20 rectify site examples/sanmenxia/city-county -o "$out/site" \
  --as-of 2024-11-30 --lang zh
chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
  --window-size=1000,860 --screenshot="$PWD/docs/img/site.png" "file://$out/site/index.html"
rm -rf "$out"
