/// A group status shows as one table, and one key of its JSON document. Each is declared
/// beside the first kind that uses it (`StatusSection.cloudSQL` in Resources/SQL/SQLInstance.swift);
/// `ResourceKinds.sections` gives their order.
public struct StatusSection: Sendable, Hashable {
    /// The JSON key: `cloudSQL`.
    public let id: String
    /// The table's heading: `Cloud SQL`.
    public let title: String

    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
}
