/// Google's rules for labels on a resource (Pub/Sub `labels`, Monitoring `userLabels`):
/// at most 64; keys 1 to 63 characters starting with a lowercase letter, values up to 63;
/// both only lowercase letters, digits, underscores and dashes
/// (https://cloud.google.com/resource-manager/docs/labels-overview#requirements).
enum ResourceLabels {
    /// 400 naming `field` when `labels` break a rule; absent labels are fine.
    static func check(_ labels: JSONValue?, field: String) throws {
        guard let labels, !labels.isNull else { return }
        guard let members = labels.objectValue else {
            throw APIError.invalidArgument("\(field) must be a map of strings.", field: field)
        }
        guard members.count <= 64 else {
            throw APIError.invalidArgument("\(field) may hold at most 64 labels; found \(members.count).", field: field)
        }
        for (key, value) in members.sorted(by: { $0.key < $1.key }) {
            let text = value.stringValue ?? ""
            guard let first = key.unicodeScalars.first, first.properties.isLowercase, key.count <= 63, isAllowed(key),
                text.count <= 63, isAllowed(text)
            else {
                throw APIError.invalidArgument(
                    "Invalid label \(key)=\(text) in \(field): keys start with a lowercase letter; keys and values hold at most 63 lowercase letters, digits, underscores and dashes.",
                    field: "\(field).\(key)")
            }
        }
    }

    private static func isAllowed(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.properties.isLowercase || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }
}
