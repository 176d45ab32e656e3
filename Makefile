# Faultline: build, serve and test the site.
#
#   make serve   install what is missing, build, serve at http://127.0.0.1:8080
#   make test    install what is missing, run every check (exits non-zero on failure)
#   make dist    build the release site into dist/
#
# Sub-path deployment: PUBLIC_URL=/faultline/ make dist  (every page reads
# its base from <base href>, which the build writes from PUBLIC_URL).

SHELL := /bin/sh
.DEFAULT_GOAL := help

PUBLIC_URL ?= /
# The host's origin (https://example.org), when known: canonical links and
# og:url become absolute URLs (scripts/postbuild.mjs). Empty: absolute paths.
SITE_ORIGIN ?=
export FAULTLINE_SITE_ORIGIN := $(SITE_ORIGIN)
DIST ?= dist
# The sub-path build the browser tests check (served under /faultline/).
SUBPATH_DIST ?= target/dist-subpath
WASM_TARGET := wasm32-unknown-unknown

# The binaryen npm package provides a current, offline wasm-opt.
export PATH := $(CURDIR)/node_modules/.bin:$(PATH)
# Playwright drives Debian's chromium; it must never download its own browsers.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

NPM_STAMP := node_modules/.package-lock.json

# FAULTLINE_BLESS makes the determinism test rewrite tests/golden/determinism.txt
# instead of comparing with it (any value, even empty, counts). A check run must
# never do that, so the check targets refuse to start while it is set; this is
# decided when the Makefile is read, before any recipe runs, even under -j.
CHECK_GOALS := test test-native test-wasm
ifneq ($(origin FAULTLINE_BLESS),undefined)
ifneq ($(filter $(CHECK_GOALS),$(MAKECMDGOALS)),)
$(error FAULTLINE_BLESS is set: `make $(filter $(CHECK_GOALS),$(MAKECMDGOALS))` would rewrite the golden fingerprints instead of checking them. Unset it (to refresh the goldens after an intended engine change, run `FAULTLINE_BLESS=1 cargo test --test engine_determinism` by hand))
endif
endif

.PHONY: help tools browser content dist dist-subpath serve test lint fmt-check clippy test-native test-wasm e2e fuzz lighthouse bench clean

help:
	@echo "make serve   build and serve the site at http://127.0.0.1:8080"
	@echo "make test    run every check: fmt, clippy, native tests, release build, browser tests"
	@echo "make dist    build the release site into $(DIST)/ (PUBLIC_URL=/sub/path/ for a sub-path)"
	@echo "make lighthouse  Lighthouse scores per route of the built site (gzip, mobile)"
	@echo "make bench       the engine natively against its Web Worker in Chromium"

## Tools (each install is skipped when the right version is present)

tools: $(NPM_STAMP)
	@sh scripts/ensure-tools.sh build

browser:
	@sh scripts/ensure-tools.sh browser

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

## Build

# Renders content/ into generated/data/ (every site build runs it first too).
content:
	@sh scripts/build-content.sh

# The static site: content, page template, island bundles, prerendered pages
# (scripts/build-site.mjs).
dist: tools
	node scripts/build-site.mjs --public-url $(PUBLIC_URL) --dist $(DIST)

# The same site for a sub-path host, for the browser tests.
dist-subpath: tools
	node scripts/build-site.mjs --public-url /faultline/ --dist $(SUBPATH_DIST)

# Builds the site and serves it as a static host would (folder addresses,
# 404.html); run it again after a change.
SERVE_PORT ?= 8080
serve: dist
	node scripts/static-server.mjs $(DIST) $(SERVE_PORT) $(PUBLIC_URL)

## Checks

test: lint test-native test-wasm e2e

lint: fmt-check clippy

fmt-check:
	cargo fmt --all --check

# Native code and the wasm32 modules (the web crate and the bundles) are
# linted separately: the bundle crates are empty natively, and the web crate
# has browser-only code.
WASM_PACKAGES := -p faultline-web -p faultline-bundle-reading -p faultline-bundle-checklist -p faultline-bundle-simulator -p faultline-bundle-engine
clippy: tools
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --target $(WASM_TARGET) $(WASM_PACKAGES) --lib --tests -- -D warnings

test-native:
	cargo test --workspace

# The engine's determinism test in a wasm32 runtime, in the crate of the
# engine's Web Worker (crates/bundles/engine/tests/wasm_determinism.rs).
test-wasm: tools
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	cargo test --target $(WASM_TARGET) -p faultline-bundle-engine --test wasm_determinism

# Browser tests against the release builds, served on loopback like a static host.
e2e: browser dist dist-subpath
	FAULTLINE_DIST=$(DIST) FAULTLINE_SUBPATH_DIST=$(SUBPATH_DIST) FAULTLINE_REQUIRE_SUBPATH=1 playwright test

# Fuzzing: a million structure-aware cases per untrusted input (scenario
# JSON, share codes, share links, saved and imported assessments, articles)
# and generated scenarios through the engine; prints cases, failures and time
# per target. FUZZ_ARGS passes options (--seed, --cases, --only NAME, --jobs).
FUZZ_ARGS ?=
fuzz:
	cargo run --profile fuzz -p faultline-fuzz --bin fuzz -- $(FUZZ_ARGS)

# Lighthouse (npm, through npx) on a release build, served gzip-compressed on
# loopback as a static host would serve it, in Debian's chromium: scores, LCP,
# TBT and CLS per route. The build knows its origin (the loopback address it
# is served from), as a real deployment would. A measurement, not a check:
# it is not part of make test.
LIGHTHOUSE_PORT ?= 4173
LIGHTHOUSE_DIST ?= target/dist-lighthouse
lighthouse: browser tools
	FAULTLINE_SITE_ORIGIN=http://127.0.0.1:$(LIGHTHOUSE_PORT) node scripts/build-site.mjs --public-url / --dist $(LIGHTHOUSE_DIST)
	node scripts/lighthouse.mjs $(LIGHTHOUSE_DIST) $(LIGHTHOUSE_PORT)

# The engine natively against its Web Worker in Chromium, in one run: speed
# and the longest main-thread task during full-speed runs. A measurement for
# notes, not a check: it is not part of make test.
bench: dist
	node scripts/bench-browser.mjs $(DIST)

clean:
	rm -rf $(DIST) generated test-results playwright-report
