import Foundation

/// A Cloud Run revision template: what is refused at once (400, as Google checks the
/// request), the defaults Google fills in, and what makes a revision fail to become ready
/// (an image not in Artifact Registry, a missing secret or secret version, a missing Cloud
/// SQL instance).
enum CloudRunTemplate {
    /// 400 for a template Google would refuse outright.
    static func check(_ template: JSONValue?) throws {
        let containers = template?["containers"]?.arrayValue ?? []
        guard !containers.isEmpty, containers.allSatisfy({ $0["image"]?.stringValue?.isEmpty == false }) else {
            throw APIError.invalidArgument("template.containers[0].image: must be specified.", field: "template.containers")
        }
        let volumes = Set((template?["volumes"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue })
        for (index, container) in containers.enumerated() {
            let path = "template.containers[\(index)]"
            try checkLimits(container["resources"]?["limits"], path: path + ".resources.limits")
            for (envIndex, env) in (container["env"]?.arrayValue ?? []).enumerated() {
                try checkEnv(env, path: "\(path).env[\(envIndex)]")
            }
            for mount in container["volumeMounts"]?.arrayValue ?? [] where !volumes.contains(mount["name"]?.stringValue ?? "") {
                throw APIError.invalidArgument(
                    "\(path).volumeMounts: volume '\(mount["name"]?.stringValue ?? "")' is not defined in template.volumes.",
                    field: "\(path).volumeMounts")
            }
        }
        for instance in (template?["volumes"]?.arrayValue ?? []).flatMap({ $0["cloudSqlInstance"]?["instances"]?.arrayValue ?? [] }) {
            let parts = (instance.stringValue ?? "").split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 3, !parts.contains(where: \.isEmpty) else {
                throw APIError.invalidArgument(
                    "Invalid Cloud SQL instance connection name '\(instance.stringValue ?? "")': expected PROJECT:REGION:INSTANCE.",
                    field: "template.volumes.cloudSqlInstance.instances")
            }
        }
        if let timeout = template?["timeout"]?.stringValue, !timeout.hasSuffix("s") || (Double(timeout.dropLast()) ?? 0) > 3600 {
            throw APIError.invalidArgument("template.timeout: must be at most 3600s.", field: "template.timeout")
        }
    }

    private static func checkEnv(_ env: JSONValue, path: String) throws {
        let name = env["name"]?.stringValue ?? ""
        guard !name.isEmpty else { throw APIError.invalidArgument("\(path).name: must be specified.", field: path + ".name") }
        if ["PORT", "K_SERVICE", "K_REVISION", "K_CONFIGURATION"].contains(name) {
            throw APIError.invalidArgument(
                "The following reserved env names were provided: \(name). These values are automatically set by the system.",
                field: path + ".name")
        }
        if env["valueSource"] != nil, env["value"] != nil {
            throw APIError.invalidArgument("\(path): only one of value and valueSource may be set.", field: path)
        }
        if let reference = env["valueSource"]?["secretKeyRef"], reference["secret"]?.stringValue?.isEmpty != false {
            throw APIError.invalidArgument("\(path).valueSource.secretKeyRef.secret: must be specified.", field: path + ".valueSource.secretKeyRef.secret")
        }
    }

    /// Google's rules for `limits.cpu` and `limits.memory`.
    private static func checkLimits(_ limits: JSONValue?, path: String) throws {
        guard let limits = limits?.objectValue else { return }
        for key in limits.keys where !["cpu", "memory", "nvidia.com/gpu"].contains(key) {
            throw APIError.invalidArgument("\(path): only memory, cpu and nvidia.com/gpu may be limited, not '\(key)'.", field: path)
        }
        let cpuText = limits["cpu"]?.stringValue ?? "1"
        guard let cpu = cpus(cpuText), cpu >= 0.08, cpu <= 8, cpu < 1 || [1, 2, 4, 6, 8].contains(cpu) else {
            throw APIError.invalidArgument(
                "\(path).cpu: Invalid value '\(cpuText)': CPU must be below 1 (at least 0.08) or one of 1, 2, 4, 6, 8.", field: path + ".cpu")
        }
        let memoryText = limits["memory"]?.stringValue ?? "512Mi"
        guard let memory = bytes(memoryText) else {
            throw APIError.invalidArgument(
                "\(path).memory: Invalid value '\(memoryText)': use a number and a unit such as 512Mi or 2Gi.", field: path + ".memory")
        }
        let mebibytes = Double(memory) / 1_048_576
        let neededCPUs: Double = mebibytes > 24_576 ? 8 : mebibytes > 16_384 ? 6 : mebibytes > 8192 ? 4 : mebibytes > 4096 ? 2 : 0
        let neededMebibytes: Double = cpu >= 6 ? 4096 : cpu >= 4 ? 2048 : 128
        guard mebibytes >= neededMebibytes, mebibytes <= 32_768, cpu >= neededCPUs else {
            throw APIError.invalidArgument(
                "\(path).memory: Invalid value specified for memory. For \(cpuText) CPU, memory must be between \(Int(neededMebibytes))Mi and 32Gi inclusive; above 4Gi needs 2 CPUs, above 8Gi 4, above 16Gi 6, above 24Gi 8.",
                field: path + ".memory")
        }
    }

    /// `1`, `0.5`, `1000m` → CPUs.
    static func cpus(_ text: String) -> Double? {
        if text.hasSuffix("m") { return Double(text.dropLast()).map { $0 / 1000 } }
        return Double(text)
    }

    /// `512Mi`, `2Gi`, `1G`, `256M` → bytes.
    static func bytes(_ text: String) -> Int? {
        let units: [(String, Double)] = [
            ("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("k", 1000), ("M", 1_000_000), ("G", 1_000_000_000),
        ]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            // Bounded so that an absurd quantity is refused, not a trap converting it.
            return Double(text.dropLast(suffix.count)).flatMap { $0 > 0 && $0 * factor < 1e18 ? Int($0 * factor) : nil }
        }
        return Int(text)
    }

    /// The template with what Google fills in when it is not given.
    static func withDefaults(_ template: JSONValue, projectNumber: String) -> JSONValue {
        var template = template
        template["containers"] = .array((template["containers"]?.arrayValue ?? []).map { container in
            var container = container
            if container["resources"] == nil { container["resources"] = ["limits": ["cpu": "1000m", "memory": "512Mi"], "cpuIdle": true] }
            if container["ports"] == nil { container["ports"] = [["name": "http1", "containerPort": 8080]] }
            return container
        })
        template["scaling"] = template["scaling"] ?? ["maxInstanceCount": 100]
        template["timeout"] = template["timeout"] ?? "300s"
        template["maxInstanceRequestConcurrency"] = template["maxInstanceRequestConcurrency"] ?? 80
        template["serviceAccount"] = template["serviceAccount"] ?? .string("\(projectNumber)-compute@developer.gserviceaccount.com")
        return template
    }

    /// Why a revision of this template cannot become ready in `project`, or nil.
    static func readinessFailure(_ template: JSONValue, project: String, state: EmulatorState) -> String? {
        for (index, container) in (template["containers"]?.arrayValue ?? []).enumerated() {
            let image = container["image"]?.stringValue ?? ""
            // Google's public sample images live in the `cloudrun` project.
            if let reference = DockerImages.Reference(image), reference.project != "cloudrun", DockerImages.find(reference, state: state) == nil {
                return "Image '\(image)' not found."
            }
            for (envIndex, env) in (container["env"]?.arrayValue ?? []).enumerated() {
                guard let reference = env["valueSource"]?["secretKeyRef"] else { continue }
                let version = reference["version"]?.stringValue ?? "latest"
                if let missing = missingSecret(reference["secret"]?.stringValue ?? "", version: version, project: project, state: state) {
                    return "spec.template.spec.containers[\(index)].env[\(envIndex)].value_from.secret_key_ref.name: \(missing)"
                }
            }
        }
        for volume in template["volumes"]?.arrayValue ?? [] {
            if let secret = volume["secret"]?["secret"]?.stringValue,
                let missing = missingSecret(secret, version: "latest", project: project, state: state)
            {
                return "spec.template.spec.volumes[\(volume["name"]?.stringValue ?? "")].secret: \(missing)"
            }
            for instance in (volume["cloudSqlInstance"]?["instances"]?.arrayValue ?? []).compactMap(\.stringValue) {
                let parts = instance.split(separator: ":").map(String.init)
                let found = parts.count == 3 ? state.resource(parts[0], EmulatorCollections.sqlInstances, parts[2]) : nil
                if found == nil || found?["region"]?.stringValue != parts[1] {
                    return "Cloud SQL instance '\(instance)' was not found."
                }
            }
        }
        return nil
    }

    /// "Secret ... was not found" when the secret or the version (`latest`: any enabled
    /// one) does not exist, or nil.
    private static func missingSecret(_ secret: String, version: String, project: String, state: EmulatorState) -> String? {
        let parts = secret.split(separator: "/").map(String.init)
        let (owner, id) = parts.count == 4 && parts[0] == "projects" ? (parts[1], parts[3]) : (project, secret)
        let ownerID = state.projects[owner] != nil ? owner : state.projects.values.first { $0.number == owner }?.id ?? owner
        let enabled = state.resources(ownerID, EmulatorCollections.secretVersions, prefix: id + "/").map(\.value)
            .filter { $0["state"] == "ENABLED" }
        let exists = state.resource(ownerID, EmulatorCollections.secrets, id) != nil
            && (version == "latest" ? !enabled.isEmpty : enabled.contains { $0["@number"]?.intValue == Int(version) })
        return exists ? nil : "Secret projects/\(state.projectNumber(ownerID))/secrets/\(id)/versions/\(version) was not found"
    }
}
