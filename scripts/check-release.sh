#!/bin/sh
# Checks that a release build of gcpctl needs no library of the Swift toolchain (only the
# system's libc, libcurl, OpenSSL, zlib and what they bring), then prints its path and
# version. Used by `make release` and the Dockerfile.
set -eu
binary="$1"
if ! command -v ldd >/dev/null 2>&1; then
    echo "$binary (ldd not found: the libraries were not checked)"
    exit 0
fi
swift_libraries=$(ldd "$binary" | grep -E 'libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime|/usr/lib/swift' || true)
if [ -n "$swift_libraries" ]; then
    echo "$binary still needs libraries of the Swift toolchain:" >&2
    echo "$swift_libraries" >&2
    exit 1
fi
echo "$binary: $("$binary" --version)"
echo "needs: $(ldd "$binary" | awk '{print $1}' | grep -v '^linux-vdso' | sed 's|.*/||' | tr '\n' ' ')"
