# Every target installs the system packages it needs first (scripts/install-deps.sh).
SWIFT ?= swift
PREFIX ?= /usr/local

# A release binary carries the Swift runtime and Foundation inside it (--static-swift-stdlib):
# it needs only libc, libcurl, OpenSSL and zlib, so it runs on a Debian machine without Swift.
RELEASE_FLAGS = -c release --static-swift-stdlib
# What `gcpctl version` names (Package.swift passes them to Sources/CBuildInfo): the commit,
# with -dirty when tracked files have changes, and the build time in UTC (SOURCE_DATE_EPOCH
# when set, for reproducible builds). Override either: make release BUILD_COMMIT=abc123.
BUILD_COMMIT ?= $(shell c=$$(git rev-parse --short=12 HEAD 2>/dev/null) && { git diff --quiet HEAD -- 2>/dev/null && echo "$$c" || echo "$$c-dirty"; })
BUILD_DATE ?= $(shell if [ -n "$$SOURCE_DATE_EPOCH" ]; then date -u -d "@$$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ; else date -u +%Y-%m-%dT%H:%M:%SZ; fi)
BUILD_INFO = GCPCTL_BUILD_COMMIT=$(BUILD_COMMIT) GCPCTL_BUILD_DATE=$(BUILD_DATE)
RELEASE_BIN = $$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)

.PHONY: deps build release install test demo bench conformance fuzz clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

# .build/release/gcpctl, checked to need no library of the Swift toolchain.
release: deps
	$(BUILD_INFO) $(SWIFT) build $(RELEASE_FLAGS) --product gcpctl
	@scripts/check-release.sh "$(RELEASE_BIN)/gcpctl" "$(BUILD_COMMIT)"

# make install PREFIX=~/.local (default /usr/local; DESTDIR for packaging). Builds the
# release binary first when there is none.
install:
	@[ -x "$(RELEASE_BIN)/gcpctl" ] || $(MAKE) release
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 0755 "$(RELEASE_BIN)/gcpctl" "$(DESTDIR)$(PREFIX)/bin/gcpctl"

# --test: PostgreSQL 15 too, for the emulator's Data API on a real server (scripts/install-deps.sh).
test: deps
	@scripts/install-deps.sh --test
	SWIFT=$(SWIFT) scripts/test.sh

# gcpctl's main job against a local emulator: plan, setup (twice: the second changes
# nothing), deploy, status, cost, cleanup.
demo: deps
	@scripts/demo.sh

# Fuzzes the .env and YAML loaders and Google's error decoder with generated inputs for a
# few minutes (docs/testing.md).
fuzz: deps
	GCPCTL_FUZZ_ITERATIONS=$${GCPCTL_FUZZ_ITERATIONS:-150000} $(SWIFT) test --filter ParserFuzzTests

# Points the real gcloud at gcp-emulator (skips when gcloud is not installed).
conformance: deps
	@scripts/conformance.sh

# Times gcpctl status against gcp-emulator with 100 ms latency, and gcpctl's start-up beside
# gcloud's (BENCH_ARGS="--latency-ms 50 --runs 9 --no-gcloud"). Release builds are the
# binary `make release` ships (static Swift runtime), so the start-up figures are its own.
BENCH_CONFIG ?= release
BENCH_FLAGS = -c $(BENCH_CONFIG) $(if $(filter release,$(BENCH_CONFIG)),--static-swift-stdlib)
bench: deps
	$(BUILD_INFO) $(SWIFT) build $(BENCH_FLAGS) --product gcpctl
	$(BUILD_INFO) $(SWIFT) build $(BENCH_FLAGS) --product gcpctl-bench
	$$($(SWIFT) build $(BENCH_FLAGS) --show-bin-path)/gcpctl-bench $(BENCH_ARGS)

clean:
	rm -rf .build
