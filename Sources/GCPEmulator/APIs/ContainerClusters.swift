import Foundation

/// A Kubernetes Engine cluster as `clusters.get` shows it: location, status, versions,
/// endpoint, one node pool, links. Used by `clusters.create` and `Emulator.addCluster`.
enum ContainerClusters {
    static let collection = "container.clusters"
    static let version = "1.31.6-gke.1020000"

    static func name(project: String, location: String, cluster: String) -> String {
        "projects/\(project)/locations/\(location)/clusters/\(cluster)"
    }

    /// Google's rule: lowercase letters, digits and hyphens, starting with a letter, at most 40.
    static func isValidName(_ name: String) -> Bool {
        guard (1...40).contains(name.count), name.first?.isLetter == true, name.last != "-" else { return false }
        return name.allSatisfy { ($0.isLetter && $0.isLowercase) || $0.isNumber || $0 == "-" }
    }

    /// A zone is REGION-LETTER (`us-central1-a`); a region has no letter.
    static func isZone(_ location: String) -> Bool {
        location.split(separator: "-").count == 3
    }

    static func make(
        _ requested: JSONValue, project: String, location: String, status: String, now: Date
    ) -> JSONValue {
        let clusterName = requested["name"]?.stringValue ?? ""
        let selfLink = "https://container.googleapis.com/v1/projects/\(project)/locations/\(location)/clusters/\(clusterName)"
        let autopilot = requested["autopilot"]?["enabled"] == true
        let nodeCount = requested["initialNodeCount"]?.intValue ?? (autopilot ? 0 : 3)
        let zones = isZone(location) ? [location] : ["a", "b", "c"].map { "\(location)-\($0)" }
        let hash = ProjectState.projectNumber(for: project + "/" + location + "/" + clusterName)
        let octets = stride(from: 0, to: 9, by: 3).map { Int(hash.dropFirst($0).prefix(3)).map { $0 % 256 } ?? 0 }
        var cluster = requested.merging([
            "name": .string(clusterName), "location": .string(location), "zone": .string(location),
            "locations": .array(zones.map(JSONValue.string)), "status": .string(status), "selfLink": .string(selfLink),
            "id": .string(String(hash.suffix(8)) + String(hash.prefix(8))), "createTime": .string(RFC3339.format(now)),
            "currentMasterVersion": .string(version), "initialClusterVersion": .string(version),
            "currentNodeVersion": .string(version), "currentNodeCount": .int(nodeCount * zones.count),
            "endpoint": .string("34." + octets.map(String.init).joined(separator: ".")),
            "network": requested["network"] ?? "default", "subnetwork": requested["subnetwork"] ?? "default",
            "clusterIpv4Cidr": "10.100.0.0/14", "servicesIpv4Cidr": "34.118.224.0/20",
            "loggingService": "logging.googleapis.com/kubernetes", "monitoringService": "monitoring.googleapis.com/kubernetes",
            "releaseChannel": requested["releaseChannel"] ?? ["channel": "REGULAR"], "labelFingerprint": "a9dc16a7",
            "autopilot": ["enabled": .bool(autopilot)],
        ])
        if !autopilot, requested["nodePools"] == nil {
            cluster["nodePools"] = [[
                "name": "default-pool", "status": .string(status), "initialNodeCount": .int(nodeCount), "version": .string(version),
                "locations": .array(zones.map(JSONValue.string)),
                "config": ["machineType": "e2-medium", "diskSizeGb": 100, "diskType": "pd-balanced", "imageType": "COS_CONTAINERD"],
                "selfLink": .string(selfLink + "/nodePools/default-pool"),
            ]]
        }
        cluster["initialNodeCount"] = nil
        return cluster
    }
}

extension Emulator {
    /// Adds a RUNNING cluster (Kubernetes Engine) to a project, as if it had been made
    /// long ago; `location` is a region or a zone.
    public func addCluster(project: String, location: String, name: String, nodeCount: Int = 3, autopilot: Bool = false) {
        let now = core.clock.now()
        mutateState { state in
            state.addProject(project)
            let cluster = ContainerClusters.make(
                ["name": .string(name), "initialNodeCount": .int(nodeCount), "autopilot": ["enabled": .bool(autopilot)]],
                project: project, location: location, status: "RUNNING", now: now)
            state.setResource(project, ContainerClusters.collection, ContainerClusters.name(project: project, location: location, cluster: name), cluster)
        }
    }
}
