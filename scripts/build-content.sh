#!/bin/sh
# Renders content/ into generated/data/ (`make content`, and the first step of
# every site build, scripts/build-site.mjs, which copies it to dist/data/).
set -eu
mkdir -p generated/data
exec cargo run --quiet --bin build-content
