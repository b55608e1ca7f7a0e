import Foundation

/// One kind of Compute Engine resource the emulator keeps: where it is stored, how its URL
/// reads, and what Compute calls it in messages ("The backend_service resource '…'").
struct ComputeKind: Sendable {
    enum Scope: Sendable { case global, regional }

    /// The state collection, e.g. `compute.networks`.
    var collection: String
    /// The URL segment: `networks`, `subnetworks`, `addresses`, `backendServices`, ...
    var segment: String
    /// The resource's `kind`, e.g. `compute#network`.
    var kind: String
    /// Compute's word in messages: `network`, `backend_service`, `ssl_certificate`.
    var noun: String
    var scope: Scope
    /// The path parameter that names one resource in get / delete / patch.
    var parameter: String
    /// `kind` of an aggregated list (Compute is not regular here: `compute#urlMapsAggregatedList`).
    var aggregatedKind: String
    /// The key of a scope's list inside an aggregated list.
    var scopedKey: String
    /// Whether updates must carry the current `fingerprint` (the schema says "An up-to-date
    /// fingerprint must be provided in order to update ...").
    var fingerprinted = false
    /// Whether it takes `labels` (changed only through `setLabels` with `labelFingerprint`).
    var hasLabels = false
    /// Fills in back-references and other derived fields when the resource is read.
    var decorate: @Sendable (JSONValue, _ project: String, EmulatorState) -> JSONValue = { value, _, _ in value }

    var listKind: String { kind + "List" }

    /// Where one resource is kept: global ones by name, regional ones as `REGION/NAME`.
    static func key(region: String?, name: String) -> String {
        region.map { "\($0)/\(name)" } ?? name
    }

    /// `projects/P/global/networks/N` or `projects/P/regions/R/subnetworks/S`.
    func path(project: String, region: String?, name: String) -> String {
        ComputeKind.scopePath(project: project, region: region) + "/\(segment)/\(name)"
    }

    /// `projects/P/global` or `projects/P/regions/R`.
    static func scopePath(project: String, region: String?) -> String {
        region.map { "projects/\(project)/regions/\($0)" } ?? "projects/\(project)/global"
    }
}

/// The URLs Compute answers with and the references it accepts.
enum ComputeLinks {
    /// Google's answers name resources at this root, whichever endpoint was called, so a
    /// client must never poll or fetch through a `selfLink` (it would leave the endpoint it
    /// was pointed at).
    static let root = "https://www.googleapis.com/compute/v1/"

    static func url(_ path: String) -> String { root + path }

    static func regionURL(project: String, region: String) -> String { url("projects/\(project)/regions/\(region)") }

    /// The `projects/…` part of a full or partial URL, nil when it is no Compute reference.
    static func path(of reference: String) -> String? {
        var text = reference
        if text.hasPrefix("https://") || text.hasPrefix("http://") {
            guard let range = text.range(of: "/compute/v1/") else { return nil }
            text = String(text[range.upperBound...])
        }
        return text.hasPrefix("projects/") ? text : nil
    }
}

/// A reference to another Compute resource as a request gave it: a full URL
/// (`https://www.googleapis.com/compute/v1/projects/P/global/networks/N`, any host), a
/// partial one (`projects/P/global/networks/N`), or one relative to the project
/// (`global/networks/N`, `regions/R/networkEndpointGroups/G`).
struct ComputeReference: Sendable, Equatable {
    var project: String
    var region: String?
    var segment: String
    var name: String

    var path: String { ComputeKind.scopePath(project: project, region: region) + "/\(segment)/\(name)" }
    var url: String { ComputeLinks.url(path) }
    var key: String { ComputeKind.key(region: region, name: name) }

    /// Parses `text`; `project` completes a reference relative to the project. Throws
    /// Compute's 400 for anything that is not a resource URL.
    static func parse(_ text: String, field: String, project: String) throws -> ComputeReference {
        var rest = text
        if rest.hasPrefix("https://") || rest.hasPrefix("http://") {
            guard let range = rest.range(of: "/compute/v1/") else { throw ComputeErrors.malformedURL(field: field, value: text) }
            rest = String(rest[range.upperBound...])
        }
        var parts = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var owner = project
        if parts.first == "projects" {
            guard parts.count > 2 else { throw ComputeErrors.malformedURL(field: field, value: text) }
            owner = parts[1]
            parts.removeFirst(2)
        }
        switch (parts.count, parts.first) {
        case (3, "global") where !parts[1].isEmpty && !parts[2].isEmpty:
            return ComputeReference(project: owner, region: nil, segment: parts[1], name: parts[2])
        case (4, "regions") where !parts[1].isEmpty && !parts[2].isEmpty && !parts[3].isEmpty:
            return ComputeReference(project: owner, region: parts[1], segment: parts[2], name: parts[3])
        default:
            throw ComputeErrors.malformedURL(field: field, value: text)
        }
    }
}

/// Compute's error answers: the older shape, `{"error":{"code","message","errors":[{
/// "message","domain":"global","reason"}]}}` with no canonical `status`
/// (https://cloud.google.com/compute/docs/api/how-tos/api-requests-responses#handling_api_errors).
enum ComputeErrors {
    static func error(_ code: Int, _ reason: String, _ message: String) -> APIError {
        APIError(code: code, status: "", message: message, reason: reason)
    }

    static func notFound(_ path: String) -> APIError { error(404, "notFound", "The resource '\(path)' was not found") }

    static func alreadyExists(_ path: String) -> APIError { error(409, "alreadyExists", "The resource '\(path)' already exists") }

    static func notReady(_ path: String) -> APIError { error(400, "resourceNotReady", "The resource '\(path)' is not ready") }

    static func inUse(noun: String, path: String, by user: String) -> APIError {
        error(400, "resourceInUseByAnotherResource", inUseMessage(noun: noun, path: path, by: user))
    }

    static func inUseMessage(noun: String, path: String, by user: String) -> String {
        "The \(noun) resource '\(path)' is already being used by '\(user)'"
    }

    static func invalid(field: String, value: String, _ why: String) -> APIError {
        error(400, "invalid", "Invalid value for field '\(field)': '\(value)'. \(why)")
    }

    static func required(_ field: String) -> APIError {
        error(400, "required", "Required field '\(field)' not specified")
    }

    static func malformedURL(field: String, value: String) -> APIError {
        invalid(field: field, value: value, "The URL is malformed.")
    }

    static func conditionNotMet(_ message: String) -> APIError { error(412, "conditionNotMet", message) }

    static func badRequest(_ message: String) -> APIError { error(400, "badRequest", message) }
}
