/// templates/pricing/price-book.yaml as built into gcpctl, for a config directory without one.
/// A test keeps the two identical: after editing the file, paste it between the quotes.
enum BuiltInPriceBook {
    static let text = #"""
# gcpctl's price book: Google Cloud list prices in USD, for `gcpctl cost` without --live.
# Each price names its source and the date it was read; check them before relying on an
# estimate, and update them here (no rebuild needed: gcpctl reads
# <config dir>/templates/pricing/price-book.yaml when it exists, else its built-in copy).
# `unit` must be the unit gcpctl prices the key in (docs/commands.md, gcpctl cost);
# `free` is the monthly free tier per billing account, in the same unit.
version: "2025-11"
currency: USD
prices:
  # Cloud Run, request-based billing, tier 1 regions.
  - key: run.cpu
    regions: [us-central1, europe-west1]
    unit: vCPU-second
    price: "0.000024"
    free: "180000"
    source: https://cloud.google.com/run/pricing
    date: "2025-11-01"
  - key: run.memory
    regions: [us-central1, europe-west1]
    unit: GiB-second
    price: "0.0000025"
    free: "360000"
    source: https://cloud.google.com/run/pricing
    date: "2025-11-01"
  - key: run.requests
    regions: [global]
    unit: 1M requests
    price: "0.40"
    free: "2"
    source: https://cloud.google.com/run/pricing
    date: "2025-11-01"

  # Cloud SQL for PostgreSQL, Enterprise edition, zonal; a regional (HA) instance pays twice.
  - key: sql.db-f1-micro
    regions: [us-central1]
    unit: hour
    price: "0.0105"
    source: https://cloud.google.com/sql/pricing
    date: "2025-11-01"
  - key: sql.db-f1-micro
    regions: [europe-west1]
    unit: hour
    price: "0.0115"
    source: https://cloud.google.com/sql/pricing
    date: "2025-11-01"
  - key: sql.db-g1-small
    regions: [us-central1]
    unit: hour
    price: "0.0350"
    source: https://cloud.google.com/sql/pricing
    date: "2025-11-01"
  - key: sql.db-g1-small
    regions: [europe-west1]
    unit: hour
    price: "0.0385"
    source: https://cloud.google.com/sql/pricing
    date: "2025-11-01"
  - key: sql.vcpu
    regions: [us-central1]
    unit: vCPU-hour
    price: "0.0413"
    source: https://cloud.google.com/sql/pricing
    date: "2025-11-01"
  - key: sql.vcpu
    regions: [europe-west1]
    unit: vCPU-hour
    price: "0.0454"
    source: https://cloud.google.com/sql/pricing
    date: "2025-11-01"
  - key: sql.memory
    regions: [us-central1]
    unit: GiB-hour
    price: "0.0070"
    source: https://cloud.google.com/sql/pricing
    date: "2025-11-01"
  - key: sql.memory
    regions: [europe-west1]
    unit: GiB-hour
    price: "0.0077"
    source: https://cloud.google.com/sql/pricing
    date: "2025-11-01"
  - key: sql.storage.ssd
    regions: [us-central1]
    unit: GB-month
    price: "0.17"
    source: https://cloud.google.com/sql/pricing
    date: "2025-11-01"
  - key: sql.storage.ssd
    regions: [europe-west1]
    unit: GB-month
    price: "0.187"
    source: https://cloud.google.com/sql/pricing
    date: "2025-11-01"
  - key: sql.storage.hdd
    regions: [us-central1]
    unit: GB-month
    price: "0.09"
    source: https://cloud.google.com/sql/pricing
    date: "2025-11-01"
  - key: sql.storage.hdd
    regions: [europe-west1]
    unit: GB-month
    price: "0.099"
    source: https://cloud.google.com/sql/pricing
    date: "2025-11-01"
  - key: sql.backups
    regions: [us-central1]
    unit: GB-month
    price: "0.08"
    source: https://cloud.google.com/sql/pricing
    date: "2025-11-01"
  - key: sql.backups
    regions: [europe-west1]
    unit: GB-month
    price: "0.088"
    source: https://cloud.google.com/sql/pricing
    date: "2025-11-01"

  # Cloud Storage, regional buckets, at rest (operations and egress are not estimated).
  - key: storage.standard
    regions: [us-central1, europe-west1]
    unit: GB-month
    price: "0.020"
    source: https://cloud.google.com/storage/pricing
    date: "2025-11-01"
  - key: storage.nearline
    regions: [us-central1, europe-west1]
    unit: GB-month
    price: "0.010"
    source: https://cloud.google.com/storage/pricing
    date: "2025-11-01"
  - key: storage.coldline
    regions: [us-central1, europe-west1]
    unit: GB-month
    price: "0.004"
    source: https://cloud.google.com/storage/pricing
    date: "2025-11-01"
  - key: storage.archive
    regions: [us-central1, europe-west1]
    unit: GB-month
    price: "0.0012"
    source: https://cloud.google.com/storage/pricing
    date: "2025-11-01"

  # Cloud Storage, multi-region buckets (location US, EU or ASIA); dual-regions are not priced.
  - key: storage.standard
    regions: [us, eu, asia]
    unit: GB-month
    price: "0.026"
    source: https://cloud.google.com/storage/pricing
    date: "2025-11-01"
  - key: storage.nearline
    regions: [us, eu, asia]
    unit: GB-month
    price: "0.015"
    source: https://cloud.google.com/storage/pricing
    date: "2025-11-01"
  - key: storage.coldline
    regions: [us, eu, asia]
    unit: GB-month
    price: "0.007"
    source: https://cloud.google.com/storage/pricing
    date: "2025-11-01"
  - key: storage.archive
    regions: [us, eu, asia]
    unit: GB-month
    price: "0.0024"
    source: https://cloud.google.com/storage/pricing
    date: "2025-11-01"

  - key: artifactregistry.storage
    regions: [global]
    unit: GB-month
    price: "0.10"
    free: "0.5"
    source: https://cloud.google.com/artifact-registry/pricing
    date: "2025-11-01"

  # Serverless VPC Access connector instances, billed as Compute Engine e2-micro VMs.
  # (verify) read from no stored copy of Google's page: check both before relying on them.
  - key: vpcaccess.e2-micro
    regions: [us-central1]
    unit: instance-hour
    price: "0.0084"
    source: https://cloud.google.com/vpc/pricing#serverless-vpc-pricing
    date: "2026-12-06"
  - key: vpcaccess.e2-micro
    regions: [europe-west1]
    unit: instance-hour
    price: "0.0092"
    source: https://cloud.google.com/vpc/pricing#serverless-vpc-pricing
    date: "2026-12-06"

  - key: secretmanager.versions
    regions: [global]
    unit: version-month
    price: "0.06"
    free: "6"
    source: https://cloud.google.com/secret-manager/pricing
    date: "2025-11-01"
  - key: secretmanager.accesses
    regions: [global]
    unit: 10K accesses
    price: "0.03"
    free: "1"
    source: https://cloud.google.com/secret-manager/pricing
    date: "2025-11-01"

  # Pub/Sub message delivery (publish and subscribe throughput), per billing account.
  # unverified: not read from a stored copy of Google's page; check it before relying on it.
  - key: pubsub.throughput
    regions: [global]
    unit: TiB
    price: "40"
    free: "0.009765625"
    source: https://cloud.google.com/pubsub/pricing
    date: "2025-11-01"

  # Cloud Scheduler: each job, paused or not, per month; free jobs per billing account.
  # unverified: not read from a stored copy of Google's page; check it before relying on it.
  - key: scheduler.jobs
    regions: [global]
    unit: job-month
    price: "0.10"
    free: "3"
    source: https://cloud.google.com/scheduler/pricing
    date: "2025-11-01"

  # The edge: global external Application Load Balancer (the first 5 forwarding rules of a
  # project are billed together, by the hour) and Cloud Armor Standard. (verify) Read from
  # the pages named, not from a stored copy; check them before relying on the edge's lines.
  - key: lb.forwardingRule
    regions: [us-central1, europe-west1]
    unit: hour
    price: "0.025"
    source: https://cloud.google.com/load-balancing/pricing
    date: "2025-11-01"
  - key: lb.dataProcessing
    regions: [us-central1, europe-west1]
    unit: GiB
    price: "0.008"
    source: https://cloud.google.com/load-balancing/pricing
    date: "2025-11-01"
  - key: armor.policy
    regions: [global]
    unit: policy-month
    price: "5"
    source: https://cloud.google.com/armor/pricing
    date: "2025-11-01"
  - key: armor.rule
    regions: [global]
    unit: rule-month
    price: "1"
    source: https://cloud.google.com/armor/pricing
    date: "2025-11-01"
  - key: armor.requests
    regions: [global]
    unit: 1M requests
    price: "0.75"
    source: https://cloud.google.com/armor/pricing
    date: "2025-11-01"

  # Memorystore for Redis, per GB of capacity an hour, by tier and capacity tier (M1 1-4 GB,
  # M2 5-10, M3 11-35, M4 36-100, M5 over 100). Unverified: not read from a stored copy of
  # Google's page; check them, then drop the notes.
  - key: redis.basic.m1
    regions: [us-central1, europe-west1]
    unit: GB-hour
    price: "0.049"
    source: https://cloud.google.com/memorystore/docs/redis/pricing
    date: "2026-12-06"
    note: unverified
  - key: redis.basic.m2
    regions: [us-central1, europe-west1]
    unit: GB-hour
    price: "0.027"
    source: https://cloud.google.com/memorystore/docs/redis/pricing
    date: "2026-12-06"
    note: unverified
  - key: redis.basic.m3
    regions: [us-central1, europe-west1]
    unit: GB-hour
    price: "0.023"
    source: https://cloud.google.com/memorystore/docs/redis/pricing
    date: "2026-12-06"
    note: unverified
  - key: redis.basic.m4
    regions: [us-central1, europe-west1]
    unit: GB-hour
    price: "0.019"
    source: https://cloud.google.com/memorystore/docs/redis/pricing
    date: "2026-12-06"
    note: unverified
  - key: redis.basic.m5
    regions: [us-central1, europe-west1]
    unit: GB-hour
    price: "0.016"
    source: https://cloud.google.com/memorystore/docs/redis/pricing
    date: "2026-12-06"
    note: unverified
  - key: redis.standard.m1
    regions: [us-central1, europe-west1]
    unit: GB-hour
    price: "0.064"
    source: https://cloud.google.com/memorystore/docs/redis/pricing
    date: "2026-12-06"
    note: unverified
  - key: redis.standard.m2
    regions: [us-central1, europe-west1]
    unit: GB-hour
    price: "0.054"
    source: https://cloud.google.com/memorystore/docs/redis/pricing
    date: "2026-12-06"
    note: unverified
  - key: redis.standard.m3
    regions: [us-central1, europe-west1]
    unit: GB-hour
    price: "0.046"
    source: https://cloud.google.com/memorystore/docs/redis/pricing
    date: "2026-12-06"
    note: unverified
  - key: redis.standard.m4
    regions: [us-central1, europe-west1]
    unit: GB-hour
    price: "0.035"
    source: https://cloud.google.com/memorystore/docs/redis/pricing
    date: "2026-12-06"
    note: unverified
  - key: redis.standard.m5
    regions: [us-central1, europe-west1]
    unit: GB-hour
    price: "0.030"
    source: https://cloud.google.com/memorystore/docs/redis/pricing
    date: "2026-12-06"
    note: unverified

  # Cloud Monitoring: uptime check executions beyond the free allotment (a million a month,
  # per project; unverified: not read from a stored copy of Google's page), and alerting,
  # $1.50 a month per condition (Google's "Manage alerting costs" page, stored copy read
  # 2026-12-06: charged from no sooner than April 2025).
  - key: monitoring.uptimeExecutions
    regions: [global]
    unit: 1K executions
    price: "0.30"
    free: "1000"
    source: https://cloud.google.com/stackdriver/pricing
    date: "2026-12-06"
    note: unverified
  - key: monitoring.alertConditions
    regions: [global]
    unit: condition-month
    price: "1.50"
    source: https://cloud.google.com/monitoring/alerts/cost-control
    date: "2026-12-06"

  # Cloud Build, default pool, e2-standard-2.
  - key: cloudbuild.minutes
    regions: [global]
    unit: build-minute
    price: "0.006"
    free: "2500"
    source: https://cloud.google.com/build/pricing
    date: "2025-11-01"
"""#
}
