#!/bin/sh
# Installs the system libraries gcpctl links against (libcurl with OpenSSL, OpenSSL, zlib),
# when they are missing. Debian/Ubuntu; other systems print what to install.
set -eu
packages="libcurl4-openssl-dev libssl-dev zlib1g-dev"
missing=""
for package in $packages; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "gcpctl needs:$missing (libcurl built with OpenSSL, and OpenSSL's headers). Install them with your package manager." >&2
    exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing$missing" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
