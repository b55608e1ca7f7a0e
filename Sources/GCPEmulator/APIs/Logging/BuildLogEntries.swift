import Foundation

/// A build's log lines as Cloud Logging holds them (Cloud Build writes them there as well as
/// to the logs bucket unless `options.logging` says otherwise): one entry a line, resource
/// type `build` with the `build_id` label, log `cloudbuild`, `textPayload` the line, at the
/// moment the line was written. Read from the build's log object, so they appear as the
/// build runs, as its lines do.
enum BuildLogEntries {
    static func entries(project: String, state: EmulatorState, now: Date) -> [JSONValue] {
        var entries: [JSONValue] = []
        let moment = now.timeIntervalSince1970
        for (_, build) in state.resources(project, CloudBuildAPI.collection) {
            guard let id = build["id"]?.stringValue, let (bucket, objectName) = CloudBuildLog.location(of: build),
                  let (holder, _) = state.findResource(StorageBucketsAPI.collection, bucket),
                  let (_, object) = StorageObjectsAPI.live(bucket: bucket, name: objectName, project: holder, state: state) else { continue }
            for (index, line) in (object["@lines"]?.arrayValue ?? []).enumerated() {
                guard let at = line["at"]?.doubleValue, at <= moment, let text = line["text"]?.stringValue else { continue }
                entries.append([
                    "insertId": .string("\(id)-\(String(format: "%05d", index))"),
                    "logName": .string("projects/\(project)/logs/cloudbuild"),
                    "resource": ["type": "build", "labels": [
                        "build_id": .string(id), "build_trigger_id": "", "project_id": .string(project),
                    ]],
                    "severity": text.hasPrefix("ERROR") ? "ERROR" : "INFO",
                    "textPayload": .string(text),
                    "timestamp": .string(RFC3339.format(Date(timeIntervalSince1970: at))),
                    "receiveTimestamp": .string(RFC3339.format(Date(timeIntervalSince1970: at))),
                ])
            }
        }
        return entries
    }
}
