# gcpctl in a small image for CI: built with Swift, run on Debian slim with libcurl only.
# The binary carries the Swift runtime and Foundation (make release, --static-swift-stdlib),
# so the runtime stage needs no Swift toolchain. README.md ("Install") shows its use in CI.
#
#   docker build -t gcpctl .
#   docker build --build-arg BUILD_COMMIT=$(git rev-parse --short=12 HEAD) -t gcpctl .   # no .git in the context
#   docker run --rm -v "$PWD:/work" -e GOOGLE_APPLICATION_CREDENTIALS=/work/key.json gcpctl status --env=prod

ARG SWIFT_IMAGE=swift:6.3-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${SWIFT_IMAGE} AS build
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libcurl4-openssl-dev libssl-dev zlib1g-dev make git \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# The manifest alone first: the packages are fetched once and cached while sources change.
COPY Package.swift ./
RUN swift package resolve
COPY . .
# Empty: make finds the commit with git when .git is in the context, else "unknown commit".
ARG BUILD_COMMIT=""
# Stripped for the image: 95 MB → 65 MB (most of the rest is ICU's data inside Foundation).
RUN if [ -n "$BUILD_COMMIT" ]; then make release BUILD_COMMIT="$BUILD_COMMIT"; else make release; fi \
    && install -D -s -m 0755 "$(swift build -c release --static-swift-stdlib --show-bin-path)/gcpctl" /out/gcpctl

FROM ${RUNTIME_IMAGE}
# libcurl4 is Debian's libcurl built with OpenSSL; it brings libssl3 (libcrypto) and zlib1g.
# ca-certificates: gcpctl talks to Google over HTTPS.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libcurl4 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/gcpctl /usr/local/bin/gcpctl
# The checkout (environments/, .env files, service sources) is mounted here. The image runs
# as root like most CI steps, so deploy can write the URLs back into a mounted .env file.
WORKDIR /work
ENTRYPOINT ["gcpctl"]
CMD ["--help"]
