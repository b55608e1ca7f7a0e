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
	$(SWIFT) test

clean:
	rm -rf .build
