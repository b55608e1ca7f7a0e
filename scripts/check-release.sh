#!/bin/sh
# Checks a release build of gcpctl: it needs no library of the Swift toolchain (only the
# system's libc, libcurl, OpenSSL, zlib and what they bring), and `gcpctl --version` names
# the commit it was built from (the second argument, when known). Prints its path, version
# and libraries. Used by `make release` and the Dockerfile.
#   scripts/check-release.sh .build/release/gcpctl [COMMIT]
set -eu
binary="$1"
commit="${2:-}"
version=$("$binary" --version)
if [ -n "$commit" ] && ! printf '%s' "$version" | grep -q "commit $commit,"; then
    echo "$binary --version does not name commit $commit: $version" >&2
    exit 1
fi
if ! command -v ldd >/dev/null 2>&1; then
    echo "$binary: $version (ldd not found: the libraries were not checked)"
    exit 0
fi
swift_libraries=$(ldd "$binary" | grep -E 'libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime|/usr/lib/swift' || true)
if [ -n "$swift_libraries" ]; then
    echo "$binary still needs libraries of the Swift toolchain:" >&2
    echo "$swift_libraries" >&2
    exit 1
fi
echo "$binary: $version"
echo "needs: $(ldd "$binary" | awk '{print $1}' | grep -v '^linux-vdso' | sed 's|.*/||' | tr '\n' ' ')"
