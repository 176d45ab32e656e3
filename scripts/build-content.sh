#!/bin/sh
# Renders content/ into generated/data/ (run before every trunk build, also
# under `trunk serve`, as a pre_build hook in Trunk.toml). The folder exists
# even when there is no content yet, because trunk copies it to dist/data/.
set -eu
mkdir -p generated/data
exec cargo run --quiet --bin build-content
