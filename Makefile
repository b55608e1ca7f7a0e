# Every target installs the system packages it needs first (scripts/install-deps.sh).
SWIFT ?= swift

.PHONY: deps build release test demo bench conformance fuzz clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

test: deps
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

# Times gcpctl status against gcp-emulator with 100 ms latency (BENCH_ARGS="--latency-ms 50 --runs 9 --no-gcloud").
BENCH_CONFIG ?= release
bench: deps
	$(SWIFT) build -c $(BENCH_CONFIG) --product gcpctl
	$(SWIFT) build -c $(BENCH_CONFIG) --product gcpctl-bench
	$$($(SWIFT) build -c $(BENCH_CONFIG) --show-bin-path)/gcpctl-bench $(BENCH_ARGS)

clean:
	rm -rf .build
