#!/usr/bin/env bash
# Points the real gcloud at gcp-emulator and checks that it reads what the emulator holds
# (resources created through the emulator's API) and that its own writes go through: every
# command must exit 0 and show what is expected, and nothing gcloud sends may be refused
# as non-conforming. Skips (exit 0) without gcloud.
#
# Loopback only: gcloud's endpoints, its metadata probe and the token all stay on
# 127.0.0.1; its configuration lives in a temporary directory.
set -euo pipefail

if ! command -v gcloud >/dev/null 2>&1; then
    echo "conformance: gcloud is not on PATH; skipping the gcloud conformance check."
    exit 0
fi

cd "$(dirname "$0")/.."
swift build --product gcp-emulator >&2
binary="$(swift build --show-bin-path)/gcp-emulator"

work="$(mktemp -d)"
emulator_pid=""
cleanup() {
    if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

project="conformance-project"
"$binary" --port 0 --project "$project" --operation-seconds sql=0,serviceusage=0,artifactregistry=0,build=0,run=0,container=0,compute=0,servicenetworking=0,vpcaccess=0,redis=0 \
    --request-log "$work/requests.jsonl" >"$work/stdout" 2>"$work/stderr" &
emulator_pid=$!
for _ in $(seq 1 100); do
    [ -s "$work/stdout" ] && break
    sleep 0.1
done
base="$(sed -n '1s/^listening on //p' "$work/stdout")"
if [ -z "$base" ]; then
    echo "conformance: gcp-emulator did not start:" >&2
    cat "$work/stderr" >&2
    exit 1
fi
echo "conformance: gcp-emulator at $base"

api() { # METHOD PATH [JSON]
    curl -sf -X "$1" -H "Authorization: Bearer conformance" -H "Content-Type: application/json" \
        ${3:+--data "$3"} "$base$2" >/dev/null
}

# Arrange resources through the emulator's own API, as gcpctl would.
api POST "/serviceusage/v1/projects/$project/services:batchEnable" \
    '{"serviceIds":["sqladmin.googleapis.com","iam.googleapis.com","secretmanager.googleapis.com","artifactregistry.googleapis.com","cloudresourcemanager.googleapis.com"]}'
api POST "/storage/storage/v1/b?project=$project" '{"name":"conformance-bucket","labels":{"env":"test"}}'
api POST "/iam/v1/projects/$project/serviceAccounts" '{"accountId":"deployer","serviceAccount":{"displayName":"Deployer"}}'
api POST "/secretmanager/v1/projects/$project/secrets?secretId=db-password" '{"replication":{"automatic":{}}}'
api POST "/secretmanager/v1/projects/$project/secrets/db-password:addVersion" '{"payload":{"data":"czNjcmV0"}}'
api POST "/sqladmin/v1/projects/$project/instances" \
    '{"name":"main-db","databaseVersion":"POSTGRES_15","region":"us-central1","settings":{"tier":"db-f1-micro","edition":"ENTERPRISE"}}'
api POST "/artifactregistry/v1/projects/$project/locations/us-central1/repositories?repositoryId=images" '{"format":"DOCKER"}'
api POST "/serviceusage/v1/projects/$project/services:batchEnable" \
    '{"serviceIds":["cloudbuild.googleapis.com","run.googleapis.com","container.googleapis.com"]}'
curl -sf -X POST -H "Authorization: Bearer conformance" -H "Content-Type: application/gzip" --data-binary "@$0" \
    "$base/storage/upload/storage/v1/b/conformance-bucket/o?uploadType=media&name=source.tgz" >/dev/null
image="us-central1-docker.pkg.dev/$project/images/api"
api POST "/cloudbuild/v1/projects/$project/locations/us-central1/builds" \
    '{"source":{"storageSource":{"bucket":"conformance-bucket","object":"source.tgz"}},"steps":[{"name":"gcr.io/cloud-builders/docker","args":["build","-t","'"$image"':v1","."]}],"images":["'"$image"':v1"]}'
api POST "/run/v2/projects/$project/locations/us-central1/services?serviceId=api" \
    '{"template":{"containers":[{"image":"'"$image"':v1"}]}}'
api POST "/container/v1/projects/$project/locations/us-central1/clusters" '{"cluster":{"name":"main-cluster"}}'

# The production stack's private networking: a network and subnet, a range for private
# services access and its connection, a connector, Redis on it, and a read replica.
number="$(curl -sf -H "Authorization: Bearer conformance" "$base/cloudresourcemanager/v1/projects/$project" \
    | sed -n 's/.*"projectNumber" *: *"\([0-9]*\)".*/\1/p')"
network="projects/$project/global/networks/prod-vpc"
api POST "/serviceusage/v1/projects/$project/services:batchEnable" \
    '{"serviceIds":["compute.googleapis.com","servicenetworking.googleapis.com","vpcaccess.googleapis.com","redis.googleapis.com"]}'
api POST "/compute/compute/v1/projects/$project/global/networks" \
    '{"name":"prod-vpc","autoCreateSubnetworks":false,"routingConfig":{"routingMode":"REGIONAL"}}'
api POST "/compute/compute/v1/projects/$project/regions/us-central1/subnetworks" \
    '{"name":"prod-private","network":"'"$network"'","ipCidrRange":"10.0.0.0/20","privateIpGoogleAccess":true}'
api POST "/compute/compute/v1/projects/$project/global/addresses" \
    '{"name":"prod-psa","purpose":"VPC_PEERING","addressType":"INTERNAL","prefixLength":16,"network":"'"$network"'"}'
api POST "/servicenetworking/v1/services/servicenetworking.googleapis.com/connections" \
    '{"network":"projects/'"$number"'/global/networks/prod-vpc","reservedPeeringRanges":["prod-psa"]}'
api POST "/vpcaccess/v1/projects/$project/locations/us-central1/connectors?connectorId=prod-conn" \
    '{"network":"prod-vpc","ipCidrRange":"10.8.0.0/28","minInstances":2,"maxInstances":3,"machineType":"e2-micro"}'
api POST "/redis/v1/projects/$project/locations/us-central1/instances?instanceId=prod-cache" \
    '{"tier":"BASIC","memorySizeGb":1,"redisVersion":"REDIS_7_0","authorizedNetwork":"'"$network"'","connectMode":"PRIVATE_SERVICE_ACCESS","reservedIpRange":"prod-psa","authEnabled":true}'
api POST "/sqladmin/v1/projects/$project/instances" \
    '{"name":"main-db-replica","masterInstanceName":"main-db","region":"us-central1","databaseVersion":"POSTGRES_15","settings":{"tier":"db-custom-1-3840","edition":"ENTERPRISE"}}'

# Messaging: a topic and its subscription, a scheduled job publishing to it; monitoring's
# notification channel and uptime check.
api POST "/serviceusage/v1/projects/$project/services:batchEnable" \
    '{"serviceIds":["pubsub.googleapis.com","cloudscheduler.googleapis.com","monitoring.googleapis.com"]}'
api PUT "/pubsub/v1/projects/$project/topics/jobs" '{"labels":{"env":"test"}}'
api PUT "/pubsub/v1/projects/$project/subscriptions/jobs-worker" '{"topic":"projects/'"$project"'/topics/jobs","ackDeadlineSeconds":60}'
api POST "/cloudscheduler/v1/projects/$project/locations/us-central1/jobs" \
    '{"name":"projects/'"$project"'/locations/us-central1/jobs/nightly","schedule":"0 3 * * *","timeZone":"Etc/UTC","pubsubTarget":{"topicName":"projects/'"$project"'/topics/jobs","data":"e30="}}'
api POST "/monitoring/v3/projects/$project/notificationChannels" \
    '{"type":"email","displayName":"On call","labels":{"email_address":"oncall@example.com"}}'
api POST "/monitoring/v3/projects/$project/uptimeCheckConfigs" \
    '{"displayName":"api health","httpCheck":{"path":"/health","useSsl":true,"port":443},"monitoredResource":{"type":"uptime_url","labels":{"host":"api.example.com","project_id":"'"$project"'"}},"period":"60s","timeout":"10s"}'

export CLOUDSDK_CONFIG="$work/gcloud-config"
export CLOUDSDK_AUTH_ACCESS_TOKEN=conformance
export CLOUDSDK_CORE_PROJECT="$project"
export CLOUDSDK_CORE_CHECK_GCE_METADATA=false
export CLOUDSDK_CORE_DISABLE_PROMPTS=1
export CLOUDSDK_CORE_DISABLE_USAGE_REPORTING=true
export CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK=true
export GCE_METADATA_HOST="${base#http://}" GCE_METADATA_IP="${base#http://}"
export NO_PROXY="127.0.0.1,localhost" no_proxy="127.0.0.1,localhost"
unset HTTP_PROXY HTTPS_PROXY http_proxy https_proxy
export CLOUDSDK_API_ENDPOINT_OVERRIDES_SERVICEUSAGE="$base/serviceusage/"
export CLOUDSDK_API_ENDPOINT_OVERRIDES_STORAGE="$base/storage/storage/v1/"
export CLOUDSDK_API_ENDPOINT_OVERRIDES_IAM="$base/iam/"
export CLOUDSDK_API_ENDPOINT_OVERRIDES_SECRETMANAGER="$base/secretmanager/"
export CLOUDSDK_API_ENDPOINT_OVERRIDES_SQL="$base/sqladmin/"
export CLOUDSDK_API_ENDPOINT_OVERRIDES_ARTIFACTREGISTRY="$base/artifactregistry/"
export CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDRESOURCEMANAGER="$base/cloudresourcemanager/"
export CLOUDSDK_API_ENDPOINT_OVERRIDES_RUN="$base/run/"
export CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDBUILD="$base/cloudbuild/"
export CLOUDSDK_API_ENDPOINT_OVERRIDES_CONTAINER="$base/container/"
export CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE="$base/compute/compute/v1/"
export CLOUDSDK_API_ENDPOINT_OVERRIDES_VPCACCESS="$base/vpcaccess/"
export CLOUDSDK_API_ENDPOINT_OVERRIDES_REDIS="$base/redis/"
export CLOUDSDK_API_ENDPOINT_OVERRIDES_PUBSUB="$base/pubsub/"
export CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDSCHEDULER="$base/cloudscheduler/"
export CLOUDSDK_API_ENDPOINT_OVERRIDES_MONITORING="$base/monitoring/"

failures=0
checks=0
check() { # EXPECTED-TEXT gcloud-args...
    local expected="$1"; shift
    checks=$((checks + 1))
    local output status=0
    output="$(timeout 120 gcloud "$@" 2>&1)" || status=$?
    if [ "$status" -ne 0 ] || ! grep -qF -- "$expected" <<<"$output"; then
        echo "FAIL gcloud $* (exit $status, expected to see '$expected'):"
        sed 's/^/    /' <<<"$output"
        failures=$((failures + 1))
    else
        echo "ok   gcloud $*"
    fi
}

check "sqladmin.googleapis.com" services list --enabled
check "conformance-bucket" storage buckets list
check "deployer@$project.iam.gserviceaccount.com" iam service-accounts list
check "db-password" secrets list
check "s3cret" secrets versions access latest --secret=db-password
check "main-db" sql instances list
check "RUNNABLE" sql instances describe main-db
check "postgres" sql users list --instance=main-db
check "images" artifacts repositories list --location=us-central1
check "roles/owner" projects get-iam-policy "$project"
check "SUCCESS" builds list --region=us-central1
check "v1" artifacts docker images list "us-central1-docker.pkg.dev/$project/images" --include-tags
check "$image" artifacts docker images list "$image"
check "https://api-" run services list
check "main-cluster" container clusters list
check "prod-vpc" compute networks list
check "REGIONAL" compute networks describe prod-vpc
check "10.0.0.0/20" compute networks subnets list --regions=us-central1
check "VPC_PEERING" compute addresses list --global
# gcloud has no endpoint override for Service Networking (no api_endpoint_overrides
# property): the peering it makes is read through Compute instead.
check "servicenetworking-googleapis-com" compute networks peerings list --network=prod-vpc
check "prod-conn" compute networks vpc-access connectors list --region=us-central1
check "READY" compute networks vpc-access connectors describe prod-conn --region=us-central1
check "prod-cache" redis instances list --region=us-central1
check "authString" redis instances get-auth-string prod-cache --region=us-central1
check "main-db" sql instances describe main-db-replica
check "jobs" pubsub topics list
check "ackDeadlineSeconds: 60" pubsub subscriptions describe jobs-worker
check "nightly" scheduler jobs list --location=us-central1
check "oncall@example.com" beta monitoring channels list
check "api health" monitoring uptime list-configs
# gcloud writes an alert policy of the shape gcpctl makes (a service's 5xx share of its
# requests, with a denominator) and reads it back.
cat > "$work/policy.json" <<'JSON'
{"displayName": "api-5xx", "combiner": "OR", "severity": "ERROR", "userLabels": {"managed-by": "gcpctl"},
 "alertStrategy": {"autoClose": "86400s"},
 "documentation": {"content": "More than 1% of the requests to api have failed with 5xx for 5 minutes.", "mimeType": "text/markdown"},
 "conditions": [{"displayName": "api 5xx above 1%", "conditionThreshold": {
   "filter": "metric.type=\"run.googleapis.com/request_count\" AND resource.type=\"cloud_run_revision\" AND resource.label.service_name=\"api\" AND metric.label.response_code_class=\"5xx\"",
   "aggregations": [{"alignmentPeriod": "300s", "perSeriesAligner": "ALIGN_RATE", "crossSeriesReducer": "REDUCE_SUM", "groupByFields": ["resource.label.service_name"]}],
   "denominatorFilter": "metric.type=\"run.googleapis.com/request_count\" AND resource.type=\"cloud_run_revision\" AND resource.label.service_name=\"api\"",
   "denominatorAggregations": [{"alignmentPeriod": "300s", "perSeriesAligner": "ALIGN_RATE", "crossSeriesReducer": "REDUCE_SUM", "groupByFields": ["resource.label.service_name"]}],
   "comparison": "COMPARISON_GT", "thresholdValue": 0.01, "duration": "300s", "trigger": {"count": 1}}}]}
JSON
check "Created alert policy" alpha monitoring policies create --policy-from-file="$work/policy.json"
check "api 5xx above 1%" alpha monitoring policies list
# With --region gcloud calls the regional endpoint it derives by prefixing the host
# (us-central1-127.0.0.1:PORT), which no resolver knows: it reaches the emulator as its proxy.
CLOUDSDK_PROXY_TYPE=http CLOUDSDK_PROXY_ADDRESS=127.0.0.1 CLOUDSDK_PROXY_PORT="${base##*:}" \
    check "https://api-" run services list --region=us-central1

# gcloud's writes: what it sends must pass the emulator's strict checks and take effect.
check "Created service account" iam service-accounts create builder --display-name=Builder
check "Created version [1]" secrets create api-key --replication-policy=automatic --data-file="$work/stdout"
check "made-by-gcloud" storage buckets create gs://made-by-gcloud --location=europe-west1 --uniform-bucket-level-access
check "made-by-gcloud" storage buckets update gs://made-by-gcloud --update-labels=env=dev
check "RUNNABLE" sql instances create gcloud-db --database-version=POSTGRES_15 --tier=db-f1-micro --edition=enterprise --region=us-central1
check "done" sql users set-password postgres --instance=gcloud-db --password=conformance
check "appdb" sql databases create appdb --instance=gcloud-db
check "done" sql instances patch gcloud-db --activation-policy=NEVER
check "Created repository" artifacts repositories create more-images --repository-format=docker --location=us-central1
check "roles/viewer" projects add-iam-policy-binding "$project" \
    --member="serviceAccount:builder@$project.iam.gserviceaccount.com" --role=roles/viewer
check "created key" iam service-accounts keys create "$work/key.json" --iam-account="builder@$project.iam.gserviceaccount.com"
check "made-by-gcloud" storage buckets delete gs://made-by-gcloud

# The edge, written by gcloud (what it sends must pass the emulator's checks) and read back.
# Not `backend-services add-backend`: it sends backendServices.update (PUT), which the
# vendored Compute document leaves out (gcpctl patches); the NEG goes in at creation instead.
check "edge-ip" compute addresses create edge-ip --global
check "api-neg" compute network-endpoint-groups create api-neg --region=us-central1 --network-endpoint-type=serverless --cloud-run-service=api
check "armor" compute security-policies create armor --description=edge
check "api-backend" compute backend-services create api-backend --global --load-balancing-scheme=EXTERNAL_MANAGED
check "api-backend" compute backend-services update api-backend --global --security-policy=armor
check "edge-map" compute url-maps create edge-map --default-service=api-backend
check "edge-cert" compute ssl-certificates create edge-cert --domains=app.example.com --global
check "edge-proxy" compute target-https-proxies create edge-proxy --url-map=edge-map --ssl-certificates=edge-cert
check "edge-rule" compute forwarding-rules create edge-rule --global --target-https-proxy=edge-proxy --ports=443 \
    --address=edge-ip --load-balancing-scheme=EXTERNAL_MANAGED
check "armor" compute backend-services describe api-backend --global
check "PROVISIONING" compute ssl-certificates list --global
check "edge-rule" compute forwarding-rules list --global

# Nothing gcloud sent may have been refused as non-conforming.
rejected="$(grep -c '"rejected":"' "$work/requests.jsonl" || true)"
if [ "$rejected" != "0" ]; then
    echo "FAIL the emulator refused $rejected request(s) as non-conforming:"
    grep '"rejected":"' "$work/requests.jsonl" | sed 's/^/    /'
    failures=$((failures + 1))
fi

echo "conformance: $((checks + 1 - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
