#!/usr/bin/env bash
# A project set up the bash scripts' way, then gcpctl on it, as someone switching would run
# it. Google's own CLI, pointed at gcp-emulator, runs gcp-setup.sh's commands (unlabelled
# buckets, the digitwinlive-db instance and its database, secrets holding CHANGE_ME); a
# scratch repository laid out like the seed's monorepo holds only a .env; then gcpctl
# plans, adopts, sets up, deploys and checks. Every command is printed with its output:
# docs/migrating-from-bash.md was captured from this script. Skips (exit 0) without gcloud.
#
# Loopback only: gcloud's endpoints, its metadata probe and the token stay on 127.0.0.1;
# its configuration lives in a temporary directory. Usage: scripts/from-bash.sh [--keep]
# (--keep leaves the scratch directory and prints where it is).
set -euo pipefail

if ! command -v gcloud >/dev/null 2>&1; then
    echo "from-bash: gcloud is not on PATH; skipping."
    exit 0
fi
keep=false
[ "${1:-}" = "--keep" ] && keep=true

cd "$(dirname "$0")/.."
swift build --product gcpctl >&2
swift build --product gcp-emulator >&2
bin="$(swift build --show-bin-path)"

work="$(mktemp -d)"
emulator_pid=""
finish() {
    if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
    if $keep; then echo "from-bash: kept $work" >&2; else rm -rf "$work"; fi
}
trap finish EXIT

project="digitwinlive-demo"
region="us-central1"
"$bin/gcp-emulator" --port 0 --project "$project" --operation-seconds sql=0,serviceusage=0,artifactregistry=0,build=0,run=0 \
    --request-log "$work/requests.jsonl" >"$work/emulator.out" 2>"$work/emulator.err" &
emulator_pid=$!
for _ in $(seq 1 100); do [ -s "$work/emulator.out" ] && break; sleep 0.1; done
base="$(sed -n '1s/^listening on //p' "$work/emulator.out")"
[ -n "$base" ] || { cat "$work/emulator.err" >&2; exit 1; }

step() { printf '\n$ %s\n' "$*"; "$@" 2>&1 || echo "(exit status $?)"; }

# --- gcp-setup.sh, through gcloud ------------------------------------------------------------
(
    cd "$work"
    export CLOUDSDK_CONFIG="$work/gcloud-config" CLOUDSDK_AUTH_ACCESS_TOKEN=scripts-operator-token
    export CLOUDSDK_CORE_PROJECT="$project" CLOUDSDK_CORE_CHECK_GCE_METADATA=false CLOUDSDK_CORE_DISABLE_PROMPTS=1
    export CLOUDSDK_CORE_DISABLE_USAGE_REPORTING=true CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK=true
    export GCE_METADATA_HOST="${base#http://}" GCE_METADATA_IP="${base#http://}"
    export NO_PROXY="127.0.0.1,localhost" no_proxy="127.0.0.1,localhost"
    unset HTTP_PROXY HTTPS_PROXY http_proxy https_proxy
    for api in SERVICEUSAGE IAM SECRETMANAGER ARTIFACTREGISTRY CLOUDRESOURCEMANAGER RUN CLOUDBUILD; do
        export "CLOUDSDK_API_ENDPOINT_OVERRIDES_$api=$base/$(echo "$api" | tr 'A-Z' 'a-z')/"
    done
    export CLOUDSDK_API_ENDPOINT_OVERRIDES_STORAGE="$base/storage/storage/v1/" CLOUDSDK_API_ENDPOINT_OVERRIDES_SQL="$base/sqladmin/"

    echo "=== gcp-setup.sh's commands, by gcloud $(gcloud version 2>/dev/null | sed -n '1s/Google Cloud SDK //p') against gcp-emulator at $base ==="
    # enable_apis (iam and cloudresourcemanager too: a new project needs them for the account)
    step gcloud services enable compute.googleapis.com sqladmin.googleapis.com storage-api.googleapis.com run.googleapis.com \
        secretmanager.googleapis.com artifactregistry.googleapis.com cloudbuild.googleapis.com iam.googleapis.com \
        cloudresourcemanager.googleapis.com
    # create_artifact_registry
    step gcloud artifacts repositories create digitwinlive --repository-format=docker --location="$region" \
        --description="DigiTwin Live container images"
    # create_storage_buckets
    for bucket in voice-models face-models documents uploads; do
        step gcloud storage buckets create "gs://clone-$bucket-dev" --location="$region" --uniform-bucket-level-access
    done
    echo '{"rule":[{"action":{"type":"Delete"},"condition":{"age":30}}]}' >lifecycle.json
    step gcloud storage buckets update gs://clone-uploads-dev --lifecycle-file=lifecycle.json
    # create_service_accounts
    step gcloud iam service-accounts create digitwinlive-sa --display-name="DigiTwin Live Service Account"
    for role in roles/cloudsql.client roles/storage.objectAdmin roles/secretmanager.secretAccessor roles/run.invoker; do
        step gcloud projects add-iam-policy-binding "$project" --member="serviceAccount:digitwinlive-sa@$project.iam.gserviceaccount.com" \
            --role="$role" --condition=None --format="value(etag)"
    done
    # setup_secrets: placeholders, to be replaced by hand
    for secret in jwt-secret refresh-secret database-password; do
        printf '\n$ echo "CHANGE_ME" | gcloud secrets create %s --data-file=- --replication-policy=automatic\n' "$secret"
        echo "CHANGE_ME" | gcloud secrets create "$secret" --data-file=- --replication-policy=automatic 2>&1
    done
    # create_cloud_sql
    step gcloud sql instances create digitwinlive-db --database-version=POSTGRES_15 --tier=db-f1-micro --edition=enterprise --region="$region"
    step gcloud sql users set-password postgres --instance=digitwinlive-db --password=CHANGE_ME
    step gcloud sql databases create digitwinlive-db --instance=digitwinlive-db
)

# --- the seed's repository, with only a .env ------------------------------------------------
repo="$work/digitwinlive"
mkdir -p "$repo" && cd "$repo"
mkdir -p packages/logger packages/database node_modules/.pnpm/left-pad
printf '{ "name": "digitwinlive", "private": true }\n' >package.json
printf 'packages:\n  - apps/*\n  - services/*\n  - packages/*\n' >pnpm-workspace.yaml
printf 'node_modules/\ndist/\n.env\n' >.gitignore
printf 'node_modules\n**/node_modules\n.git\n.env\n' >.dockerignore
for folder in apps/api-gateway apps/websocket-server services/face-processing-service; do
    mkdir -p "$folder/src"
    cat >"$folder/Dockerfile" <<DOCKERFILE
# docker build -f $folder/Dockerfile .
FROM node:20-alpine AS builder
WORKDIR /app
COPY package.json pnpm-workspace.yaml ./
COPY packages ./packages
COPY $folder ./$folder
RUN corepack enable && pnpm install && pnpm --filter $(basename "$folder") build
FROM node:20-alpine
COPY --from=builder /app /app
CMD ["node", "$folder/dist/index.js"]
DOCKERFILE
    printf '{ "name": "@clone/%s" }\n' "$(basename "$folder")" >"$folder/package.json"
    printf "console.log('%s')\n" "$(basename "$folder")" >"$folder/src/index.ts"
done
printf '{ "name": "@clone/logger" }\n' >packages/logger/package.json
printf '{ "name": "@clone/database" }\n' >packages/database/package.json
head -c 200000 /dev/zero >node_modules/.pnpm/left-pad/index.js
cat >.env <<DOTENV
NODE_ENV=development
GCP_PROJECT_ID=$project
GCP_REGION=$region
API_GATEWAY_URL=http://localhost:8080
WEBSOCKET_URL=ws://localhost:8081
FACE_PROCESSING_URL=http://localhost:8082
DATABASE_NAME=digitwinlive-db
DATABASE_USER=postgres
GCS_BUCKET_VOICE_MODELS=clone-voice-models-dev
GCS_BUCKET_FACE_MODELS=clone-face-models-dev
GCS_BUCKET_DOCUMENTS=clone-documents-dev
GCS_BUCKET_UPLOADS=clone-uploads-dev
JWT_SECRET=\${SECRET_JWT_SECRET}
REFRESH_SECRET=\${SECRET_REFRESH_SECRET}
DATABASE_PASSWORD=\${SECRET_DATABASE_PASSWORD}
LOG_LEVEL=debug
LOG_FORMAT=simple
DOTENV

# --- gcpctl, in that repository ----------------------------------------------------------------
export GCPCTL_API_ENDPOINT="$base" GCE_METADATA_HOST="${base#http://}" GCPCTL_ACCESS_TOKEN=operator-token-not-a-secret
export GCPCTL_POLL_INTERVAL_MS=50 NO_COLOR=1
gcpctl() { "$bin/gcpctl" "$@"; }
echo
echo "=== gcpctl in the seed's repository (only a .env: legacy mode) ==="
step gcpctl plan --env=dev
step gcpctl status --env=dev
step gcpctl adopt --env=dev --dry-run
step gcpctl adopt --env=dev --yes
step gcpctl setup --env=dev --yes
step gcpctl plan --env=dev
step gcpctl deploy api-gateway --env=dev --dry-run
step gcpctl deploy --env=dev
step gcpctl status --env=dev

echo
echo "=== production in the same project (.env.production) ==="
sed -e 's/^NODE_ENV=.*/NODE_ENV=production/' -e 's/-dev$/-prod/' -e '/^CLOUD_SQL_CONNECTION_NAME=/d' -e '/_URL=/d' .env >.env.production
step gcpctl setup --env=prod --only sql --yes
step gcpctl deploy api-gateway --env=prod

echo
echo "=== leaving legacy mode ==="
step gcpctl init
step gcpctl plan --env=dev
step gcpctl cleanup --env=dev --all --yes --confirm-project="$project"
