import GoogleCloud

extension ArtifactRepository: StatusDescribing {
    func observeExtra(in context: ResourceContext) async throws -> [ArtifactRegistryAPI.DockerImage] {
        try await context.artifactRegistry.dockerImages(project: context.project, location: repository.location,
                                                        repository: repository.repository)
    }

    func statusDetails(of state: ArtifactRegistryAPI.Repository, extra: [ArtifactRegistryAPI.DockerImage]?) -> [StatusDetail] {
        let bytes = ByteSizes.parse(state.sizeBytes)
        return [
            StatusDetail("location", column: "LOCATION", repository.location),
            StatusDetail("format", column: "FORMAT", state.format),
            extra.map { StatusDetail("imageCount", column: "IMAGES", $0.count) } ?? StatusDetail("imageCount", column: "IMAGES", nil),
            bytes.map { StatusDetail("sizeBytes", column: "SIZE", .number(Double($0)), text: ByteCount.format($0)) }
                ?? StatusDetail("sizeBytes", column: "SIZE", nil),
        ]
    }
}
