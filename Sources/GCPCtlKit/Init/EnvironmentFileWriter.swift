import Foundation
import Yams

/// An `EnvironmentFile` as YAML text, in the order its keys are declared (the order of the
/// shipped files), maps the user names (labels, env, secrets, flags) sorted so the same
/// environment always gives the same text, and the comment lines of `header` on top.
/// Every key of the type is written, so a key added to `EnvironmentFile` later is too.
enum EnvironmentFileWriter {
    /// Keys whose mapping holds names the user chose, written in sorted order.
    static let userNamedMaps: Set<String> = ["labels", "env", "secrets", "flags", "requestShare"]

    static func text(_ file: EnvironmentFile, header: [String]) throws -> String {
        let encoded = try YAMLEncoder().encode(file)
        guard let node = try Yams.compose(yaml: encoded) else { return header.map { "# \($0)\n" }.joined() }
        let body = try Yams.serialize(node: sorted(node, key: nil), indent: 2, width: -1)
        return header.map { $0.isEmpty ? "#\n" : "# \($0)\n" }.joined() + body
    }

    private static func sorted(_ node: Node, key: String?) -> Node {
        switch node {
        case .mapping(var mapping):
            var pairs = mapping.map { pair in (pair.key, sorted(pair.value, key: pair.key.string)) }
            if let key, userNamedMaps.contains(key) {
                pairs.sort { ($0.0.string ?? "") < ($1.0.string ?? "") }
            }
            mapping = Node.Mapping(pairs, mapping.tag, mapping.style)
            return .mapping(mapping)
        case .sequence(var sequence):
            sequence = Node.Sequence(sequence.map { sorted($0, key: nil) }, sequence.tag, sequence.style)
            return .sequence(sequence)
        case .scalar(var scalar) where scalar.style == .plain:
            if scalar.string.range(of: #"^[0-9]{1,2}:[0-9]{2}$"#, options: .regularExpression) != nil {
                scalar.style = .doubleQuoted  // a time of day, which YAML 1.1 would read as a number
            } else if scalar.string.contains("e"), let number = Double(scalar.string) {
                scalar.string = number == number.rounded() ? String(Int(number)) : String(number)  // 0.2, not 2e-1
            }
            return .scalar(scalar)
        default:
            return node
        }
    }
}
