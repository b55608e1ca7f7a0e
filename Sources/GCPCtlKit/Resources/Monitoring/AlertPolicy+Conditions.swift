import GoogleCloud

/// The policy as the API writes it, from the condition the environment declares. The
/// filters follow Google's metric list (https://cloud.google.com/monitoring/api/metrics_gcp)
/// and, for uptime, the policy the console makes for a check
/// (https://cloud.google.com/monitoring/uptime-checks/uptime-alerting-policies).
extension AlertPolicy {
    func desired(_ references: References) -> MonitoringAPI.AlertPolicy {
        let (condition, severity, advice) = declaredCondition(checkID: references.checkID)
        let channels = email.map { address in [references.channel ?? "(the channel for \(address))"] } ?? []
        return MonitoringAPI.AlertPolicy(
            displayName: policy.name, conditions: [condition], combiner: "OR", notificationChannels: channels, userLabels: labels,
            enabled: true, alertStrategy: MonitoringAPI.AlertStrategy(autoClose: "86400s"),
            documentation: MonitoringAPI.Documentation(content: "\(advice)\n\nMade by gcpctl for \(shortName): `gcpctl status --env=\(shortName)` shows the environment's state."),
            severity: severity)
    }

    private func declaredCondition(checkID: String?) -> (MonitoringAPI.Condition, severity: String, advice: String) {
        let fiveMinutes = [MonitoringAPI.Aggregation(alignmentPeriod: "300s", perSeriesAligner: "ALIGN_MEAN")]
        switch policy.condition {
        case .uptime(let check, let service):
            let id = checkID ?? "(the id of \(check))"
            let filter = #"metric.type="monitoring.googleapis.com/uptime_check/check_passed" AND metric.label.check_id="\#(id)" AND resource.type="uptime_url""#
            let threshold = MonitoringAPI.MetricThreshold(
                filter: filter,
                aggregations: [MonitoringAPI.Aggregation(alignmentPeriod: "1200s", perSeriesAligner: "ALIGN_NEXT_OLDER",
                                                         crossSeriesReducer: "REDUCE_COUNT_FALSE", groupByFields: ["resource.label.*"])],
                comparison: "COMPARISON_GT", thresholdValue: 1, duration: "60s", trigger: MonitoringAPI.Trigger(count: 1))
            return (MonitoringAPI.Condition(displayName: "\(check) fails", threshold: threshold), "CRITICAL",
                    "The uptime check \(check) of \(service) fails from more than one location: its health path does not answer 2xx.")
        case .errorRatio(let service, let ratio):
            let requests = #"metric.type="run.googleapis.com/request_count" AND resource.type="cloud_run_revision" AND resource.label.service_name="\#(service)""#
            let rate = [MonitoringAPI.Aggregation(alignmentPeriod: "300s", perSeriesAligner: "ALIGN_RATE", crossSeriesReducer: "REDUCE_SUM",
                                                  groupByFields: ["resource.label.service_name"])]
            let threshold = MonitoringAPI.MetricThreshold(
                filter: requests + #" AND metric.label.response_code_class="5xx""#, aggregations: rate,
                denominatorFilter: requests, denominatorAggregations: rate,
                comparison: "COMPARISON_GT", thresholdValue: ratio, duration: "300s", trigger: MonitoringAPI.Trigger(count: 1))
            return (MonitoringAPI.Condition(displayName: "\(service) 5xx above \(Self.percent(ratio))", threshold: threshold), "ERROR",
                    "More than \(Self.percent(ratio)) of the requests to \(service) have failed with 5xx for 5 minutes.")
        case .sqlCPU(let instance, let share), .sqlDisk(let instance, let share):
            let (metric, what) = if case .sqlCPU = policy.condition { ("cpu", "CPU") } else { ("disk", "disk") }
            let filter = #"metric.type="cloudsql.googleapis.com/database/\#(metric)/utilization" AND resource.type="cloudsql_database" AND resource.label.database_id="\#(project):\#(instance)""#
            let threshold = MonitoringAPI.MetricThreshold(filter: filter, aggregations: fiveMinutes, comparison: "COMPARISON_GT",
                                                          thresholdValue: share, duration: "300s", trigger: MonitoringAPI.Trigger(count: 1))
            return (MonitoringAPI.Condition(displayName: "\(instance) \(what) above \(Self.percent(share))", threshold: threshold), "WARNING",
                    "The \(what) utilisation of the Cloud SQL instance \(instance) has been above \(Self.percent(share)) for 5 minutes.")
        }
    }

    /// `0.01` → `1%`, `0.855` → `85.5%`.
    static func percent(_ share: Double) -> String {
        let value = (share * 1000).rounded() / 10
        return value == value.rounded() ? "\(Int(value))%" : "\(value)%"
    }
}
