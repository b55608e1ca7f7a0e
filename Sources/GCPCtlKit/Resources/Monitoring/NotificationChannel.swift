import GoogleCloud

/// The email notification channel alert policies send to. Google names it with an id of its
/// own; gcpctl finds it by its address among the channels labelled for the environment.
public struct NotificationChannel: KindResource {
    public let address: String
    public let labels: [String: String]
    public let shortName: String

    public init(address: String, environment: Environment) {
        self.address = address
        labels = environment.monitoring?.labels ?? environment.labels
        shortName = environment.shortName
    }

    public var identity: ResourceIdentity { ResourceIdentity(.notificationChannel, address) }

    var displayName: String { "gcpctl alerts (\(shortName))" }

    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> MonitoringAPI.NotificationChannel? {
        MonitoringLookup.pick(try await matches(identity, in: context), in: context.environment)
    }

    static func matches(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> [MonitoringAPI.NotificationChannel] {
        try await context.monitoring.notificationChannels(project: context.project).filter { name(of: $0) == identity.name }
    }

    /// An email channel is known by its address; another kind of channel by its display name.
    static func name(of channel: MonitoringAPI.NotificationChannel) -> String {
        channel.emailAddress ?? channel.displayName ?? channel.name ?? ""
    }

    public func differences(from state: MonitoringAPI.NotificationChannel) -> [FieldChange] {
        var changes = FieldChanges()
        changes.compare("displayName", observed: state.displayName ?? "", desired: displayName)
        changes.compare("enabled", observed: state.enabled ?? true, desired: true)
        changes.compareLabels("userLabels", observed: state.userLabels, desired: labels)
        return changes.all
    }

    var desired: MonitoringAPI.NotificationChannel { .email(address, displayName: displayName, userLabels: labels) }

    /// Google gives the channel its id, so a create repeated after a lost answer would make a
    /// second one: look for the first before trying again.
    public func create(in context: ResourceContext) async throws {
        _ = try await UncertainCreate(following: context.cloud.retryPolicy).run(existing: { try await Self.observe(identity, in: context) }) {
            try await context.monitoring.createNotificationChannel(project: context.project, desired)
        }
    }

    public func update(_ state: MonitoringAPI.NotificationChannel, changes: [FieldChange], in context: ResourceContext) async throws {
        guard let name = state.name else { return }
        let mask = Set(changes.map { $0.field.hasPrefix("userLabels") ? "userLabels" : $0.field }).sorted()
        _ = try await context.monitoring.patchNotificationChannel(name: name, desired, updateMask: mask)
    }

    /// Not forced: Google refuses while a policy names the channel, and cleanup deletes the
    /// policies first. A forced delete would quietly take it out of someone else's policies.
    public static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        for channel in MonitoringLookup.deletable(try await matches(identity, in: context), in: context.environment) {
            if let name = channel.name { try await context.monitoring.deleteNotificationChannel(name: name) }
        }
    }
}

extension ResourceKind {
    public static let notificationChannel: ResourceKind = ResourceKind(
        id: "notification-channel", title: "notification channel", plural: "notification channels", commandNames: ["channel"],
        service: "monitoring.googleapis.com", section: .monitoring,
        teardown: Teardown(after: ["alert-policy"]),
        nameProblem: { name in name.contains("@") ? NamingRules.emailAddressProblem(name) : NamingRules.monitoringDisplayNameProblem(name) },
        identify: { name, _ in ResourceIdentity(.notificationChannel, name) },
        list: { context, _ in
            KindListing(try await FoundResource.judging(context.monitoring.notificationChannels(project: context.project), in: context) {
                (ResourceIdentity(.notificationChannel, NotificationChannel.name(of: $0)), $0.creationTime)
            })
        }, setupPart: .monitoring,
        declared: { environment, _ in
            environment.monitoring?.email.map { [NotificationChannel(address: $0, environment: environment)] } ?? []
        })
        .deleted(by: NotificationChannel.self)
}
