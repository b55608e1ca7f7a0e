import Foundation

/// The request log Cloud Run writes for every request a service's URL receives: log
/// `run.googleapis.com%2Frequests`, resource type `cloud_run_revision` with the
/// `service_name`, `revision_name`, `configuration_name`, `location` and `project_id`
/// labels, an `httpRequest` (method, URL, status, sizes, latency), and a severity from the
/// status (INFO below 400, WARNING for 4xx, ERROR for 5xx), as Cloud Run's "Logging and
/// viewing logs" page describes.
enum RunRequestLog {
    static func write(project: String, service: String, revision: String, location: String, request: HTTPRequestMessage,
                      url: String, status: Int, responseSize: Int, now: Date, state: inout EmulatorState) {
        let severity = status >= 500 ? "ERROR" : status >= 400 ? "WARNING" : "INFO"
        var httpRequest: JSONValue = [
            "requestMethod": .string(request.method), "requestUrl": .string(url), "status": .int(status),
            "responseSize": .string(String(responseSize)), "latency": "0.001s", "protocol": "HTTP/1.1",
            "remoteIp": "127.0.0.1",
        ]
        if let agent = request.header("User-Agent") { httpRequest["userAgent"] = .string(agent) }
        LoggingAPI.append([
            "logName": .string("projects/\(project)/logs/run.googleapis.com%2Frequests"),
            "resource": ["type": "cloud_run_revision", "labels": [
                "service_name": .string(service), "revision_name": .string(revision), "configuration_name": .string(service),
                "location": .string(location), "project_id": .string(project),
            ]],
            "severity": .string(severity),
            "httpRequest": httpRequest,
            "labels": ["instanceId": .string("00emulator" + revision.suffix(3))],
        ], project: project, now: now, state: &state)
    }
}
