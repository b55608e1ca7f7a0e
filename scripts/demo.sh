#!/usr/bin/env bash
# gcpctl's main job, end to end, against a local Google Cloud emulator: no Google account,
# no network beyond 127.0.0.1. Starts gcp-emulator, then runs gcpctl as an operator and a
# CI job would, in a scratch copy of the environment files.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product gcpctl >&2
swift build --product gcp-emulator >&2
bin="$(swift build --show-bin-path)"
repo="$(pwd)"

work="$(mktemp -d)"
emulator_pid=""
finish() {
    [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null && wait "$emulator_pid" 2>/dev/null
    rm -rf "$work"
}
trap finish EXIT

# Operations take a few seconds, as Google's do (Cloud SQL: minutes), so progress shows.
"$bin/gcp-emulator" --port 0 --project demo-project --iam-propagation-seconds 2 \
    --operation-seconds sql=6,serviceusage=2,artifactregistry=1,run=2,build=4 >"$work/emulator.out" 2>"$work/emulator.err" &
emulator_pid=$!
for _ in $(seq 1 100); do [ -s "$work/emulator.out" ] && break; sleep 0.1; done
endpoint="$(sed -n '1s/^listening on //p' "$work/emulator.out")"
[ -n "$endpoint" ] || { cat "$work/emulator.err" >&2; exit 1; }

cp -R environments examples "$work/"
cd "$work"
export GCPCTL_API_ENDPOINT="$endpoint" GCE_METADATA_HOST="${endpoint#http://}"
export GCPCTL_ACCESS_TOKEN="demo-access-token-not-a-secret" GCP_PROJECT_ID=demo-project
export GCPCTL_POLL_INTERVAL_MS=250

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@" || echo "(exit status $?)"; }

echo "gcp-emulator at $endpoint; gcpctl in $work"
step "$bin/gcpctl" plan --env=dev
step "$bin/gcpctl" setup --env=dev --yes
step "$bin/gcpctl" setup --env=dev --yes
for command in "deploy --env=dev" "status --env=dev" "cost --env=dev --offline" "cleanup --env=dev --all --yes --confirm-project=demo-project"; do
    # shellcheck disable=SC2086
    step "$bin/gcpctl" $command
done
