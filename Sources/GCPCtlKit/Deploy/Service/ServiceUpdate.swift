import GoogleCloud

/// The PATCH that brings a Cloud Run service Google holds to what gcpctl deploys, changing
/// nothing gcpctl does not manage.
///
/// - When only traffic, labels, `invokerIamDisabled` or `ingress` differ, it sends just those fields
///   with `updateMask` naming them and no template: Cloud Run keeps the template, so no
///   revision is made.
/// - Otherwise it sends the service as Google sent it (`Service.received`), output-only
///   fields aside, with gcpctl's fields laid over it: a container's `args`, `command`,
///   `livenessProbe`, the template's `sessionAffinity`, `vpcAccess`, `encryptionKey`, other
///   volumes, and every field gcpctl has never heard of survive. `template.revision` is
///   cleared, since Cloud Run refuses (409) a revision name it has already used for another
///   template, and names the new revision itself.
struct ServiceUpdate: Sendable {
    var body: JSONValue
    /// nil: the body is the whole service.
    var updateMask: [String]?

    /// The fields outside the template whose change alone needs no revision.
    static let templateFreeFields = ["traffic", "labels", "invokerIamDisabled", "ingress"]

    /// Fields Google fills in and ignores in a request (the discovery document's "Output only").
    static let outputOnlyFields: Set = [
        "conditions", "createTime", "creator", "deleteTime", "expireTime", "generation", "lastModifier", "latestCreatedRevision",
        "latestReadyRevision", "observedGeneration", "reconciling", "satisfiesPzs", "terminalCondition", "threatDetectionEnabled",
        "trafficStatuses", "uid", "updateTime", "uri", "urls",
    ]

    /// The update from `observed` to `desired`; `newRevision` sends the template even when
    /// it is unchanged (the latest revision failed, and Cloud Run is to try it again).
    init(desired: CloudRunAPI.Service, observed: CloudRunAPI.Service, newRevision: Bool = false) throws {
        let want = try JSONValue(encoding: desired)
        if !newRevision, ServiceDifferences.sameTemplate(observed: observed, desired: desired) {
            let changed = ServiceDifferences.changes(observed: observed, desired: desired).map(\.field)
            let fields = Self.templateFreeFields.filter { field in
                changed.contains { $0 == field || $0.hasPrefix(field + ".") }
            }
            // Nothing to mask (nothing differs): the whole service, which keeps the template.
            if !fields.isEmpty {
                self = Self.masked(fields, from: want, etag: observed.etag)
                return
            }
        }
        let received = try observed.received ?? JSONValue(encoding: observed)
        var body = received.removing(Self.outputOnlyFields)
        for field in ["labels", "traffic", "invokerIamDisabled", "ingress"] where want[field] != nil {
            body = body.setting(field, want[field])
        }
        body = body.setting("template", Self.overlay(template: body["template"], with: want["template"]))
        self.init(body: body.setting("etag", observed.etag.map(JSONValue.string)), updateMask: nil)
    }

    private init(body: JSONValue, updateMask: [String]?) {
        self.body = body
        self.updateMask = updateMask
    }

    /// A traffic change and nothing else.
    static func traffic(_ targets: [CloudRunAPI.TrafficTarget], observed: CloudRunAPI.Service) throws -> ServiceUpdate {
        masked(["traffic"], from: try JSONValue(encoding: ["traffic": targets]), etag: observed.etag)
    }

    /// The template as Google holds it, every field kept but the revision name, to start a
    /// new revision of it (with `forceNewRevision`).
    static func sameTemplate(of observed: CloudRunAPI.Service) throws -> ServiceUpdate {
        let received = try observed.received ?? JSONValue(encoding: observed)
        let template = (received["template"] ?? .object([:])).setting("revision", nil)
        return masked(["template"], from: .object(["template": template]), etag: observed.etag)
    }

    private static func masked(_ fields: [String], from want: JSONValue, etag: String?) -> ServiceUpdate {
        var body = JSONValue.object([:])
        for field in fields { body = body.setting(field, want[field]) }
        return ServiceUpdate(body: body.setting("etag", etag.map(JSONValue.string)), updateMask: fields)
    }

    /// The observed template with what gcpctl manages set from `desired`, and no revision name.
    static func overlay(template observed: JSONValue?, with desired: JSONValue?) -> JSONValue {
        var template = (observed ?? .object([:])).setting("revision", nil)
        guard let desired else { return template }
        for key in ["timeout", "serviceAccount", "maxInstanceRequestConcurrency", "vpcAccess"] where desired[key] != nil {
            template = template.setting(key, desired[key])
        }
        template = template.setting("scaling", merged(template["scaling"], desired["scaling"]))
        template = template.setting("volumes", byName(template["volumes"], desired["volumes"], managed: [ServiceSpec.cloudSQLVolume]))
        var containers = template["containers"]?.arrayItems ?? []
        if let want = desired["containers"]?.arrayItems?.first {
            var container = containers.first ?? .object([:])
            for key in ["image", "env", "ports", "startupProbe"] { container = container.setting(key, want[key]) }
            let resources = merged(container["resources"], want["resources"]).setting(
                "limits", merged(container["resources"]?["limits"], want["resources"]?["limits"]))
            container = container.setting("resources", resources)
            container = container.setting("volumeMounts", byName(container["volumeMounts"], want["volumeMounts"],
                                                                 managed: [ServiceSpec.cloudSQLVolume]))
            if containers.isEmpty { containers = [container] } else { containers[0] = container }
        }
        return template.setting("containers", .array(containers))
    }

    /// `observed`'s keys with `desired`'s laid over them.
    private static func merged(_ observed: JSONValue?, _ desired: JSONValue?) -> JSONValue {
        guard case .object(let wanted)? = desired else { return observed ?? .object([:]) }
        guard case .object(var members)? = observed else { return .object(wanted) }
        for (key, value) in wanted { members[key] = value }
        return .object(members)
    }

    /// A list of named items (volumes, mounts): the managed names as `desired` has them (or
    /// gone), every other item as it was. nil when the result is empty.
    private static func byName(_ observed: JSONValue?, _ desired: JSONValue?, managed: Set<String>) -> JSONValue? {
        let kept = (observed?.arrayItems ?? []).filter { !managed.contains($0["name"]?.stringValue ?? "") }
        let all = kept + (desired?.arrayItems ?? []).filter { managed.contains($0["name"]?.stringValue ?? "") }
        return all.isEmpty ? nil : .array(all)
    }
}

extension JSONValue {
    /// The object with `key` set to `value` (removed when nil); other values unchanged.
    func setting(_ key: String, _ value: JSONValue?) -> JSONValue {
        guard case .object(var members) = self else { return self }
        members[key] = value
        return .object(members)
    }

    func removing(_ keys: Set<String>) -> JSONValue {
        guard case .object(let members) = self else { return self }
        return .object(members.filter { !keys.contains($0.key) })
    }

    var arrayItems: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }
}
