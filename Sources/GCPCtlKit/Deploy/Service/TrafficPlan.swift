import GoogleCloud

/// Traffic splits for the ways a revision is rolled out (gcp-backend-terraform.md's CI:
/// deploy with no traffic, check, then promote or roll back).
public enum TrafficPlan {
    public typealias Target = CloudRunAPI.TrafficTarget

    /// The default tag a `--no-traffic` revision is reachable under.
    public static let candidateTag = "candidate"

    /// All traffic to the latest ready revision, now and after later deploys.
    public static var serveLatest: [Target] { [Target(type: Target.latestType, percent: 100)] }

    /// Keeps what serves now on the revisions serving it and gives the latest revision a
    /// tag and no traffic, so it is reachable at its tag URL only. A service that serves
    /// nothing yet (its first deploy) has nothing to keep: the latest gets everything.
    public static func noTraffic(observed: CloudRunAPI.Service?, tag: String) -> [Target] {
        let serving = servingRevisions(of: observed)
        guard !serving.isEmpty else { return [Target(type: Target.latestType, percent: 100, tag: tag)] }
        return serving.map { Target(type: Target.revisionType, revision: $0.revision, percent: $0.percent) }
            + [Target(type: Target.latestType, percent: 0, tag: tag)]
    }

    /// `percent` of the traffic to `revision`, the rest staying where the most went
    /// before; 100 with no revision named means "the latest ready revision, from now on".
    public static func promote(_ revision: String?, percent: Int, observed: CloudRunAPI.Service) -> [Target] {
        guard percent < 100 else {
            guard let revision else { return serveLatest }
            return [Target(type: Target.revisionType, revision: revision, percent: 100)]
        }
        let target = revision ?? observed.latestReadyRevision ?? ""
        let others = servingRevisions(of: observed).filter { $0.revision != target }
        guard let main = others.max(by: { $0.percent < $1.percent }) else {
            return [Target(type: Target.revisionType, revision: target, percent: 100)]
        }
        return [Target(type: Target.revisionType, revision: target, percent: percent),
                Target(type: Target.revisionType, revision: main.revision, percent: 100 - percent)]
    }

    /// Everything to `revision`, pinned: later deploys move it back to the latest.
    public static func pinned(_ revision: String) -> [Target] {
        [Target(type: Target.revisionType, revision: revision, percent: 100)]
    }

    /// The revisions that receive traffic now, with their share, as Cloud Run reports them
    /// (a LATEST target resolved to the latest ready revision).
    public static func servingRevisions(of service: CloudRunAPI.Service?) -> [(revision: String, percent: Int)] {
        guard let service else { return [] }
        var shares: [String: Int] = [:]
        var order: [String] = []
        let statuses: [(type: String?, revision: String?, percent: Int?)] =
            service.trafficStatuses.map { $0.map { ($0.type, $0.revision, $0.percent) } }
            ?? (service.traffic ?? []).map { ($0.type, $0.revision, $0.percent) }
        for status in statuses {
            guard let percent = status.percent, percent > 0 else { continue }
            let revision = status.type == Target.latestType ? (status.revision ?? service.latestReadyRevision) : status.revision
            guard let revision else { continue }
            if shares[revision] == nil { order.append(revision) }
            shares[revision, default: 0] += percent
        }
        return order.map { ($0, shares[$0] ?? 0) }
    }

    /// `100% latest`, `90% api-00002-abc, 10% api-00003-def (tag candidate)`: for messages and diffs.
    public static func describe(_ targets: [Target]?) -> String {
        let targets = targets ?? []
        guard !targets.isEmpty else { return "(none)" }
        return targets.map { target in
            let what = target.type == Target.latestType ? "latest" : (target.revision ?? "?")
            return "\(target.percent ?? 0)% \(what)" + (target.tag.map { " (tag \($0))" } ?? "")
        }.joined(separator: ", ")
    }
}
