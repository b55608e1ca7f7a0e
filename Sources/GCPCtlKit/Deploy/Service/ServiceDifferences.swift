import GoogleCloud

/// What differs between a Cloud Run service as Google holds it and as gcpctl would deploy
/// it, field by field, in the fields gcpctl manages. Values Google fills in by default
/// (concurrency 80, port 8080, `1000m` for `1`) compare equal to their spelled-out form.
/// A desired field left nil (the image, when only checking configuration) is not compared.
public enum ServiceDifferences {
    public static func changes(observed: CloudRunAPI.Service, desired: CloudRunAPI.Service) -> [FieldChange] {
        var changes = FieldChanges()
        let have = observed.template, want = desired.template
        let haveContainer = have?.containers?.first, wantContainer = want?.containers?.first
        if let image = wantContainer?.image {
            changes.compare("image", observed: haveContainer?.image, desired: image)
        }
        if let env = wantContainer?.env {
            compareEnv(&changes, observed: haveContainer?.env ?? [], desired: env)
        }
        if let limits = wantContainer?.resources?.limits {
            let observedLimits = haveContainer?.resources?.limits ?? [:]
            if let memory = limits["memory"], MemorySize(observedLimits["memory"] ?? "")?.bytes != MemorySize(memory)?.bytes {
                changes.append(FieldChange("memory", old: observedLimits["memory"], new: memory))
            }
            if let cpu = limits["cpu"], CPULimit(observedLimits["cpu"] ?? "")?.millicores != CPULimit(cpu)?.millicores {
                changes.append(FieldChange("cpu", old: observedLimits["cpu"], new: cpu))
            }
        }
        if let port = wantContainer?.ports?.first?.containerPort {
            changes.compare("port", observed: haveContainer?.ports?.first?.containerPort ?? 8080, desired: port)
        }
        if let path = wantContainer?.startupProbe?.httpGet?.path {
            changes.compare("startupProbe", observed: haveContainer?.startupProbe?.httpGet?.path.map { "GET \($0)" } ?? "default",
                            desired: "GET \(path)")
        }
        if let scaling = want?.scaling {
            changes.compare("minInstances", observed: have?.scaling?.minInstanceCount ?? 0, desired: scaling.minInstanceCount ?? 0)
            if let max = scaling.maxInstanceCount {
                changes.compare("maxInstances", observed: have?.scaling?.maxInstanceCount, desired: max)
            }
        }
        if let timeout = want?.timeout {
            changes.compare("timeout", observed: have?.timeout.flatMap(seconds) ?? 300, desired: seconds(timeout) ?? 0) { "\($0)s" }
        }
        if let concurrency = want?.maxInstanceRequestConcurrency {
            changes.compare("concurrency", observed: have?.maxInstanceRequestConcurrency ?? ServiceSpec.defaultConcurrency, desired: concurrency)
        }
        if let account = want?.serviceAccount {
            changes.compare("serviceAccount", observed: have?.serviceAccount, desired: account)
        }
        if want != nil {
            changes.compare("cloudSQL", observed: cloudSQLInstances(have), desired: cloudSQLInstances(want)) { $0.isEmpty ? "none" : $0 }
        }
        if let access = want?.vpcAccess {
            changes.compare("vpcAccess", observed: have?.vpcAccess.map(describe) ?? "none", desired: describe(access))
        }
        if let ingress = desired.ingress {
            changes.compare("ingress", observed: observed.ingress ?? "INGRESS_TRAFFIC_ALL", desired: ingress)
        }
        if let disabled = desired.invokerIamDisabled {
            changes.compare("invokerIamDisabled", observed: observed.invokerIamDisabled ?? false, desired: disabled)
        }
        if let labels = desired.labels {
            changes.compareLabels(observed: observed.labels, desired: labels)
        }
        if let traffic = desired.traffic, normalized(observed.traffic ?? []) != normalized(traffic) {
            changes.append(FieldChange("traffic", old: TrafficPlan.describe(observed.traffic), new: TrafficPlan.describe(traffic)))
        }
        return changes.all
    }

    /// Whether two revision templates are the same deploy: a patch that keeps the template
    /// must not make Cloud Run start a new revision.
    public static func sameTemplate(observed: CloudRunAPI.Service, desired: CloudRunAPI.Service) -> Bool {
        changes(observed: observed, desired: desired).allSatisfy { change in
            ServiceUpdate.templateFreeFields.contains { change.field == $0 || change.field.hasPrefix($0 + ".") }
        }
    }

    private static func compareEnv(_ changes: inout FieldChanges, observed: [CloudRunAPI.EnvVar], desired: [CloudRunAPI.EnvVar]) {
        let have = Dictionary(observed.map { ($0.name, $0) }, uniquingKeysWith: { _, later in later })
        let want = Dictionary(desired.map { ($0.name, $0) }, uniquingKeysWith: { _, later in later })
        // Compared as they are, shown as they may be printed: a literal secret never is.
        for name in Set(have.keys).union(want.keys).sorted() where have[name].map(describe) != want[name].map(describe) {
            changes.append(FieldChange("env.\(name)", old: have[name].map(shown), new: want[name].map(shown)))
        }
    }

    /// `describe`, with a literal secret masked (`Redactor.shown`).
    static func shown(_ variable: CloudRunAPI.EnvVar) -> String {
        variable.valueSource?.secretKeyRef != nil ? describe(variable) : Redactor.shown(describe(variable), name: variable.name)
    }

    /// A plain value as it is; a secret as `secret jwt-secret:latest`, never its value.
    static func describe(_ variable: CloudRunAPI.EnvVar) -> String {
        if let reference = variable.valueSource?.secretKeyRef {
            return "secret \(reference.secret.split(separator: "/").last.map(String.init) ?? reference.secret):\(reference.version ?? "latest")"
        }
        return variable.value ?? ""
    }

    /// `connector (egress)` as a plan shows it.
    private static func describe(_ access: CloudRunAPI.VpcAccess) -> String {
        "\(access.connector.map { ComputeAPI.Reference.name($0) } ?? "none") (\(access.egress ?? "PRIVATE_RANGES_ONLY"))"
    }

    private static func cloudSQLInstances(_ template: CloudRunAPI.RevisionTemplate?) -> String {
        (template?.volumes ?? []).compactMap(\.cloudSqlInstance?.instances).flatMap { $0 }.sorted().joined(separator: ",")
    }

    private static func normalized(_ targets: [CloudRunAPI.TrafficTarget]) -> [String] {
        targets.map { "\($0.type ?? "")|\($0.revision ?? "")|\($0.percent ?? 0)|\($0.tag ?? "")" }.sorted()
    }

    /// `300s` → 300.
    static func seconds(_ duration: String) -> Int? {
        Double(duration.hasSuffix("s") ? String(duration.dropLast()) : duration).map { Int($0) }
    }
}
