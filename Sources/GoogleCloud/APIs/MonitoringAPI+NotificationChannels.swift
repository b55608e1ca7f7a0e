/// Notification channels (https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.notificationChannels).
/// An `email` channel takes one label, `email_address`, and needs no verification.
extension MonitoringAPI {
    public struct NotificationChannel: Codable, Sendable, Equatable {
        /// `projects/P/notificationChannels/ID`, assigned by Google.
        public var name: String?
        /// `email`, `sms`, `slack`, `pagerduty`, …; fixed at creation.
        public var type: String?
        public var displayName: String?
        public var description: String?
        /// What the type needs: `["email_address": ADDRESS]` for email.
        public var labels: [String: String]?
        /// gcpctl's own labels (ownership).
        public var userLabels: [String: String]?
        public var enabled: Bool?
        /// VERIFIED, UNVERIFIED, or none for types that need no verification.
        public var verificationStatus: String?
        /// When and by whom it was made; output only.
        public var creationRecord: MutationRecord?

        public var creationTime: String? { creationRecord?.mutateTime }

        public init(type: String, displayName: String? = nil, labels: [String: String], userLabels: [String: String]? = nil,
                    enabled: Bool? = true) {
            self.type = type
            self.displayName = displayName
            self.labels = labels
            self.userLabels = userLabels
            self.enabled = enabled
        }

        public static func email(_ address: String, displayName: String? = nil, userLabels: [String: String]? = nil) -> NotificationChannel {
            NotificationChannel(type: "email", displayName: displayName, labels: ["email_address": address], userLabels: userLabels)
        }

        /// The address of an email channel.
        public var emailAddress: String? { type == "email" ? labels?["email_address"] : nil }
    }

    /// Every channel of the project; `filter` is Monitoring's (`type="email"`).
    public func notificationChannels(project: String, filter: String? = nil) async throws -> [NotificationChannel] {
        struct Page: Decodable, Sendable { var notificationChannels: [NotificationChannel]?; var nextPageToken: String? }
        let query = [("pageSize", "1000")] + (filter.map { [("filter", $0)] } ?? [])
        return try await client.listAll(GoogleCall(.get, .monitoring, "v3/projects/\(project)/notificationChannels", query: query),
                                        items: { (page: Page) in page.notificationChannels ?? [] }, nextPageToken: { $0.nextPageToken })
    }

    /// `name` is the channel's full name.
    public func notificationChannel(name: String) async throws -> NotificationChannel? {
        try await client.getIfExists(.monitoring, "v3/\(name: name)")
    }

    /// Not idempotent: Google assigns the id.
    public func createNotificationChannel(project: String, _ channel: NotificationChannel) async throws -> NotificationChannel {
        try await client.decode(GoogleCall(.post, .monitoring, "v3/projects/\(project)/notificationChannels", json: channel))
    }

    /// Changes the fields `updateMask` names (`displayName`, `labels`, `userLabels`,
    /// `enabled`); with none, the whole channel. The type cannot change.
    public func patchNotificationChannel(name: String, _ channel: NotificationChannel, updateMask: [String]) async throws -> NotificationChannel {
        try await client.decode(GoogleCall(.patch, .monitoring, "v3/\(name: name)", query: Self.mask(updateMask), json: channel))
    }

    /// Deletes the channel (404 counts as done). Without `force`, Google refuses while an
    /// alert policy names it (400 FAILED_PRECONDITION); delete the policies first.
    public func deleteNotificationChannel(name: String, force: Bool = false) async throws {
        _ = try await client.delete(GoogleCall(.delete, .monitoring, "v3/\(name: name)", query: force ? [("force", "true")] : []),
                                    as: EmptyResponse.self)
    }
}
