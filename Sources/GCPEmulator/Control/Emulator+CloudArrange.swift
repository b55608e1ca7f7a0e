/// Shortcuts for tests that arrange what a deploy needs without running a build.
extension Emulator {
    /// Puts a Docker image into Artifact Registry as a build would push it (creating its
    /// Docker repository if need be) and returns its digest; nil when `url` is not
    /// `LOCATION-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE[:TAG]`.
    @discardableResult
    public func pushImage(_ url: String) -> String? {
        guard let reference = DockerImages.Reference(url) else { return nil }
        let now = core.clock.now()
        return mutateState { state in
            state.addProject(reference.project)
            if state.resource(reference.project, EmulatorCollections.repositories, reference.repositoryName) == nil {
                let time = JSONValue.string(RFC3339.format(now))
                state.setResource(reference.project, EmulatorCollections.repositories, reference.repositoryName, [
                    "name": .string(reference.repositoryName), "format": "DOCKER", "mode": "STANDARD_REPOSITORY",
                    "registryUri": .string("\(reference.location)-docker.pkg.dev/\(reference.project)/\(reference.repository)"),
                    "sizeBytes": "0", "createTime": time, "updateTime": time,
                ])
            }
            let digest = reference.digest ?? DockerImages.digest(of: url + RFC3339.format(now))
            DockerImages.push(reference, digest: digest, tags: reference.tag.map { [$0] } ?? (reference.digest == nil ? ["latest"] : []), state: &state, now: now)
            return digest
        }
    }
}
