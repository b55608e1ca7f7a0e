import Foundation

/// How a Cloud Build build runs and ends. While WORKING its steps run one after another,
/// each an equal share of the `build` duration. At the end it is:
/// - SUCCESS: every image in `images` is pushed to Artifact Registry (`DockerImages`), the
///   tags of one image name grouped under one digest, and `results.images` lists them;
/// - FAILURE with `failureInfo.type` PUSH_FAILED when an image's repository does not exist,
///   FETCH_SOURCE_FAILED when the source object did not, USER_BUILD_STEP when a
///   `failOperation` fault hit it (the last step fails);
/// - TIMEOUT when the `build` duration exceeds the build's `timeout`;
/// - INTERNAL_ERROR ("Build or step failed due to an internal error") when the fault rate
///   failed it, or a `failOperation` fault whose message starts with INTERNAL_ERROR;
/// - EXPIRED (never started: "enqueued for longer than the value of queue_ttl") for a
///   `failOperation` fault whose message starts with EXPIRED;
/// - CANCELLED after `builds.cancel`.
///
/// Its log (`CloudBuildLog`) is written in step with this.
enum CloudBuildRun {
    /// The statuses Google gives a build that failed for reasons of its own.
    static let infrastructureStatuses = ["INTERNAL_ERROR", "EXPIRED"]

    static func metadata(_ build: JSONValue) -> JSONValue {
        ["@type": "type.googleapis.com/google.devtools.cloudbuild.v1.BuildOperationMetadata", "build": build.publicView]
    }

    /// A running build as it is at `now`: the steps done, the one running, the rest queued.
    static func view(_ build: JSONValue, now: Date) -> JSONValue {
        guard build["status"] == "WORKING", let started = build["@startedAt"]?.doubleValue,
            let done = build["@doneAt"]?.doubleValue
        else { return build }
        var shown = build
        shown["steps"] = .array(steps(build, from: started, to: done, at: now.timeIntervalSince1970))
        return shown
    }

    /// The steps with `status` and `timing` at `moment`, each an equal share of the time
    /// from `start` to `end`; the step running then gets `interrupted` when the build
    /// stops there.
    private static func steps(_ build: JSONValue, from start: Double, to end: Double, at moment: Double, interrupted: String? = nil) -> [JSONValue] {
        let steps = build["steps"]?.arrayValue ?? []
        let share = steps.isEmpty ? 0 : max(0, end - start) / Double(steps.count)
        let time = { (seconds: Double) in JSONValue.string(RFC3339.format(Date(timeIntervalSince1970: seconds))) }
        return steps.enumerated().map { index, step in
            var step = step
            let stepStart = start + share * Double(index)
            // The last step ends at `end` exactly, whatever the rounding of the shares.
            let stepEnd = index == steps.count - 1 ? end : stepStart + share
            if moment >= stepEnd {
                step["status"] = "SUCCESS"
                step["timing"] = ["startTime": time(stepStart), "endTime": time(stepEnd)]
                step["pullTiming"] = ["startTime": time(stepStart), "endTime": time(stepStart)]
            } else if moment >= stepStart {
                step["status"] = .string(interrupted ?? "WORKING")
                step["timing"] = interrupted == nil ? ["startTime": time(stepStart)] : ["startTime": time(stepStart), "endTime": time(moment)]
            } else {
                step["status"] = "QUEUED"
            }
            return step
        }
    }

    /// The steps of a build that ran its course but whose last step ended `status`.
    private static func lastStepEnding(_ build: JSONValue, _ status: String, from start: Double, at moment: Double) -> JSONValue {
        var steps = steps(build, from: start, to: moment, at: moment)
        if !steps.isEmpty { steps[steps.count - 1]["status"] = .string(status) }
        return .array(steps)
    }

    /// The `cloudbuild.build` operation effect.
    static let finish: OperationEngine.Effect = { state, operation, succeeded, now in
        guard let project = operation["@payload"]?["project"]?.stringValue, let id = operation["@target"]?.stringValue,
            var build = state.resource(project, CloudBuildAPI.collection, id)
        else { return nil }
        let started = build["@startedAt"]?.doubleValue ?? now.timeIntervalSince1970
        let moment = now.timeIntervalSince1970
        var failure = operation["@failure"]?.stringValue
        var code = 2
        if build["status"] == "CANCELLED" {
            build["steps"] = .array(steps(build, from: started, to: build["@doneAt"]?.doubleValue ?? moment, at: moment, interrupted: "CANCELLED"))
            code = 1
        } else if !succeeded {
            let type = build["@failureType"]?.stringValue ?? (operation["@byFaultRate"] == true ? "INTERNAL_ERROR" : "USER_BUILD_STEP")
            switch type {
            case "INTERNAL_ERROR":
                build["steps"] = lastStepEnding(build, "INTERNAL_ERROR", from: started, at: moment)
                build["status"] = "INTERNAL_ERROR"
                code = 13
            case "EXPIRED":
                build["steps"] = .array((build["steps"]?.arrayValue ?? []).map { var step = $0; step["status"] = "QUEUED"; return step })
                build["status"] = "EXPIRED"
                build["startTime"] = nil
                code = 4
            case "FETCH_SOURCE_FAILED":
                build["steps"] = .array((build["steps"]?.arrayValue ?? []).map { var step = $0; step["status"] = "QUEUED"; return step })
                build["status"] = "FAILURE"
            case "TIMEOUT":
                build["steps"] = lastStepEnding(build, "TIMEOUT", from: started, at: moment)
                build["status"] = "TIMEOUT"
                code = 4
            default:
                build["steps"] = lastStepEnding(build, "FAILURE", from: started, at: moment)
                build["status"] = "FAILURE"
                let count = build["steps"]?.arrayValue?.count ?? 1
                failure = "Build step failure: build step \(count - 1) \"\(build["steps"]?.arrayValue?.last?["name"]?.stringValue ?? "")\" failed: step exited with non-zero status: 1"
            }
            if !["TIMEOUT", "INTERNAL_ERROR", "EXPIRED"].contains(type) {
                build["failureInfo"] = ["type": .string(type), "detail": .string(failure ?? "")]
            }
            build["statusDetail"] = .string(failure ?? "")
        } else {
            build["steps"] = .array(steps(build, from: started, to: moment, at: moment))
            if let refusal = push(&build, id: id, project: project, state: &state, now: now) {
                failure = refusal
                build["status"] = "FAILURE"
                build["statusDetail"] = .string(refusal)
                build["failureInfo"] = ["type": "PUSH_FAILED", "detail": .string(refusal)]
            } else {
                build["status"] = "SUCCESS"
            }
        }
        build["finishTime"] = .string(RFC3339.format(now))
        if let start = build["startTime"] {
            build["timing"] = ["BUILD": ["startTime": start, "endTime": .string(RFC3339.format(now))]]
        }
        state.setResource(project, CloudBuildAPI.collection, id, build)
        CloudBuildLog.finish(build, state: &state, now: now)
        if let name = operation["name"]?.stringValue, var stored = state.resource(project, OperationEngine.collection, name) {
            stored["metadata"] = metadata(build)
            if build["status"] != "SUCCESS" {
                stored["@failure"] = .string(failure ?? "Build failed; check build logs for details")
                stored["@failureCode"] = .int(code)
            }
            state.setResource(project, OperationEngine.collection, name, stored)
        }
        var response = build.publicView
        response["@type"] = "type.googleapis.com/google.devtools.cloudbuild.v1.Build"
        return response
    }

    /// Pushes the build's images, or answers why it cannot (nothing is pushed then).
    private static func push(_ build: inout JSONValue, id: String, project: String, state: inout EmulatorState, now: Date) -> String? {
        let names = (build["images"]?.arrayValue ?? []).compactMap(\.stringValue)
        let references = names.compactMap(DockerImages.Reference.init)
        let email = build["serviceAccount"]?.stringValue?.split(separator: "/").last.map(String.init) ?? ""
        let identity = BuildIdentity(email: email, isNamed: build["@defaultAccount"] != true)
        let secureByDefault = build["@secureByDefault"] == true
        for reference in references {
            if let refusal = DockerImages.pushRefusal(reference, state: state) {
                return "failed to push \(reference.packageURL): \(refusal)"
            }
            if !identity.may("artifactregistry.repositories.uploadArtifacts", on: reference.repositoryName, in: reference.project,
                             project: project, state: state, secureByDefault: secureByDefault) {
                return "failed to push \(reference.packageURL): denied: Permission \"artifactregistry.repositories.uploadArtifacts\" denied on resource \"\(reference.repositoryName)\" (or it may not exist)"
            }
        }
        var digests: [String: String] = [:]
        for (package, group) in Dictionary(grouping: references, by: \.packageURL) {
            let digest = group.compactMap(\.digest).first ?? DockerImages.digest(of: id + package)
            digests[package] = digest
            let tags = group.compactMap(\.tag)
            DockerImages.push(group[0], digest: digest, tags: tags.isEmpty ? ["latest"] : tags, state: &state, now: now)
        }
        let time = JSONValue.string(RFC3339.format(now))
        build["results"] = [
            "images": .array(names.map { name in
                let digest = DockerImages.Reference(name).flatMap { digests[$0.packageURL] } ?? DockerImages.digest(of: id + name)
                return ["name": .string(name), "digest": .string(digest), "pushTiming": ["startTime": time, "endTime": time]]
            }),
            "buildStepImages": .array((build["steps"]?.arrayValue ?? []).map { .string(DockerImages.digest(of: $0["name"]?.stringValue ?? "")) }),
        ]
        return nil
    }
}
