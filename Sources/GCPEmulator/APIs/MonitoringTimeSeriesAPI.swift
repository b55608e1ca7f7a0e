import Foundation

/// Cloud Monitoring v3 `timeSeries.list`, for the metrics the emulator knows: uptime checks'
/// `monitoring.googleapis.com/uptime_check/check_passed` (`UptimeCheckResults`); any other
/// metric type has no data. `filter` (one `metric.type`, and label terms joined by AND) and
/// `interval.endTime` are required; `interval.startTime` defaults to the end. Points come
/// newest first; `view=HEADERS` leaves them out. Aggregation: `perSeriesAligner` ALIGN_NONE,
/// or ALIGN_NEXT_OLDER with an `alignmentPeriod` of at least 60 s (the newest point of each
/// period, stamped at the period's end); other aligners and cross-series reducers answer
/// 501. Pages count points (100,000 unless `pageSize`), as Google's do
/// (https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.timeSeries/list).
enum MonitoringTimeSeriesAPI {
    static let handlers: [String: APIHandler] = ["monitoring.projects.timeSeries.list": list]

    private static func list(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        guard let text = request.query["filter"], !text.isEmpty else {
            throw APIError.invalidArgument("Field filter is required; it must name a metric type.", field: "filter")
        }
        let normalized = MonitoringFilter.normalized(text) ?? ""
        guard normalized.split(separator: " ").filter({ $0.hasPrefix("metric.type=") }).count == 1 else {
            throw APIError.invalidArgument("The filter must specify a single metric type: \(text)", field: "filter")
        }
        let filter = try ListFilter(normalized)
        guard let endText = request.query["interval.endTime"], let end = RFC3339.parse(endText) else {
            throw APIError.invalidArgument("Field interval.endTime is required.", field: "interval.endTime")
        }
        let start = request.query["interval.startTime"].flatMap(RFC3339.parse) ?? end
        guard start <= end else {
            throw APIError.invalidArgument("The start time must not be later than the end time.", field: "interval.startTime")
        }
        let alignment = try alignmentPeriod(request)
        var series = UptimeCheckResults.series(project: project, start: start, end: end, request: request, state: state).filter(filter.matches)
        if let alignment { series = series.map { aligned($0, period: alignment, start: start, end: end) } }
        if request.query["view"] == "HEADERS" {
            series = series.map { var header = $0; header["points"] = nil; return header }
            return .resource(try request.page(series, defaultSize: 100_000).body("timeSeries"))
        }
        return .resource(try pageOfPoints(series.filter { $0["points"]?.arrayValue?.isEmpty == false }, request: request))
    }

    /// The alignment period, or nil for raw points; 400 / 501 for what Google refuses or the
    /// emulator does not do.
    private static func alignmentPeriod(_ request: APIRequest) throws -> Double? {
        let aligner = request.query["aggregation.perSeriesAligner"] ?? "ALIGN_NONE"
        let reducer = request.query["aggregation.crossSeriesReducer"] ?? "REDUCE_NONE"
        if reducer != "REDUCE_NONE" {
            guard aligner != "ALIGN_NONE", request.query["aggregation.alignmentPeriod"] != nil else {
                throw APIError.invalidArgument("A cross-series reducer needs a per-series aligner other than ALIGN_NONE and an alignment period.", field: "aggregation")
            }
            throw APIError.unimplemented("The emulator does not implement cross-series reduction (\(reducer)) in timeSeries.list.")
        }
        guard aligner != "ALIGN_NONE" else { return nil }
        guard let text = request.query["aggregation.alignmentPeriod"], let period = ProtoDuration.seconds(text), period >= 60 else {
            throw APIError.invalidArgument("The alignment period is required with a per-series aligner and must be at least 60s.", field: "aggregation.alignmentPeriod")
        }
        guard aligner == "ALIGN_NEXT_OLDER" else {
            throw APIError.unimplemented("The emulator does not implement the aligner \(aligner) in timeSeries.list.")
        }
        return period
    }

    /// ALIGN_NEXT_OLDER: for each period ending at `end`, `end - period`, … after `start`,
    /// the newest point within it, stamped at the period's end.
    private static func aligned(_ series: JSONValue, period: Double, start: Date, end: Date) -> JSONValue {
        let points = series["points"]?.arrayValue ?? []
        var result: [JSONValue] = []
        var periodEnd = end
        repeat {
            let periodStart = periodEnd.addingTimeInterval(-period)
            if let newest = points.first(where: { point in
                guard let time = point["interval"]?["endTime"]?.stringValue.flatMap(RFC3339.parse) else { return false }
                return time <= periodEnd && time > periodStart
            }) {
                let stamp = JSONValue.string(RFC3339.format(periodEnd))
                result.append(["interval": ["startTime": stamp, "endTime": stamp], "value": newest["value"] ?? .null])
            }
            periodEnd = periodStart
        } while periodEnd > start
        var aligned = series
        aligned["points"] = .array(result)
        return aligned
    }

    /// A page of at most `pageSize` points; a series cut by the page goes on, with its
    /// header again, on the next.
    private static func pageOfPoints(_ series: [JSONValue], request: APIRequest) throws -> JSONValue {
        let flat: [JSONValue] = series.enumerated().flatMap { index, one in
            (one["points"]?.arrayValue ?? []).map { ["series": .int(index), "point": $0] as JSONValue }
        }
        let page = try request.page(flat, defaultSize: 100_000)
        var grouped: [JSONValue] = []
        var current: (index: Int, points: [JSONValue])?
        for item in page.items {
            let index = item["series"]?.intValue ?? 0
            if current?.index != index {
                if let current { grouped.append(with(series[current.index], points: current.points)) }
                current = (index, [])
            }
            current?.points.append(item["point"] ?? .null)
        }
        if let current { grouped.append(with(series[current.index], points: current.points)) }
        return Page(items: grouped, nextPageToken: page.nextPageToken).body("timeSeries")
    }

    private static func with(_ series: JSONValue, points: [JSONValue]) -> JSONValue {
        var copy = series
        copy["points"] = .array(points)
        return copy
    }
}
