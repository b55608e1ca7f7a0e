#!/bin/sh
# Installs the system libraries gcpctl links against (libcurl with OpenSSL, OpenSSL, zlib),
# when they are missing. Debian/Ubuntu; other systems print what to install.
#
# --test (make test, so CI) also installs PostgreSQL 15 when no PostgreSQL 15+ server is
# there: the emulator's Data API runs statements on it (a throwaway cluster per emulator),
# and SQLDataAPIPostgresTests, skipped without it, exercise that. Best effort: where it
# cannot be installed, those tests are skipped and say why. Debian's package makes and
# starts a "main" cluster; one made by this install is dropped, so nothing is left running.
set -eu
packages="libcurl4-openssl-dev libssl-dev zlib1g-dev"
missing=""
for package in $packages; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
done

# A PostgreSQL 15+ server the emulator can run: Debian's /usr/lib/postgresql/N/bin.
has_postgres() {
    for initdb in /usr/lib/postgresql/*/bin/initdb; do
        version=$(basename "$(dirname "$(dirname "$initdb")")")
        [ -x "$initdb" ] && [ "${version%%.*}" -ge 15 ] 2>/dev/null && return 0
    done
    return 1
}
want_postgres=""
[ "${1:-}" = "--test" ] && ! has_postgres && want_postgres="postgresql-15"

[ -z "$missing" ] && [ -z "$want_postgres" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    if [ -n "$missing" ]; then
        echo "gcpctl needs:$missing (libcurl built with OpenSSL, and OpenSSL's headers). Install them with your package manager." >&2
        exit 1
    fi
    echo "No PostgreSQL 15+ server: the emulator's real-server tests are skipped (install PostgreSQL 15 or later to run them)." >&2
    exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
if [ -n "$missing" ]; then
    echo "Installing$missing" >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
fi
if [ -n "$want_postgres" ]; then
    echo "Installing $want_postgres (the emulator's Data API runs statements on it in tests)" >&2
    had_main=""
    [ -d /etc/postgresql/15/main ] && had_main=yes
    if DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$want_postgres" >/dev/null; then
        if [ -z "$had_main" ] && [ -d /etc/postgresql/15/main ]; then
            $sudo pg_dropcluster --stop 15 main
        fi
    else
        echo "$want_postgres could not be installed: the emulator's real-server tests are skipped." >&2
    fi
fi
