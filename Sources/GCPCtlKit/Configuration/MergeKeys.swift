import Yams

/// YAML merge keys (`<<: *defaults`, `<<: [*a, *b]`), expanded before decoding: the keys of
/// the merged mappings are added where the mapping does not set them itself (its own keys
/// win; of several merged mappings, the earlier wins), as YAML 1.1's merge type says
/// (https://yaml.org/type/merge.html).
enum MergeKeys {
    static func expand(_ node: Node, path: DocumentPath = .root, file: String) throws(ConfigurationError) -> Node {
        switch node {
        case .mapping(let mapping):
            var own: [(Node, Node)] = []
            var merged: [(Node, Node)] = []
            for (key, value) in mapping {
                if isMergeKey(key) {
                    merged += try mappings(in: value, path: path, file: file).flatMap { $0 }
                } else {
                    let name = key.scalar?.string ?? ""
                    own.append((key, try expand(value, path: path.key(name), file: file)))
                }
            }
            var seen = Set(own.compactMap { $0.0.scalar?.string })
            for (key, value) in merged where seen.insert(key.scalar?.string ?? "").inserted {
                own.append((key, value))
            }
            return .mapping(Node.Mapping(own, mapping.tag, mapping.style, mapping.mark))
        case .sequence(let sequence):
            var elements: [Node] = []
            for (index, element) in sequence.enumerated() {
                elements.append(try expand(element, path: path.index(index), file: file))
            }
            return .sequence(Node.Sequence(elements, sequence.tag, sequence.style, sequence.mark))
        default:
            return node
        }
    }

    static func isMergeKey(_ key: Node) -> Bool {
        guard case .scalar(let scalar) = key, scalar.string == "<<" else { return false }
        return scalar.style == .plain || scalar.style == .any
    }

    /// The mappings a merge key's value names, each already expanded, in order.
    private static func mappings(in value: Node, path: DocumentPath, file: String) throws(ConfigurationError) -> [[(Node, Node)]] {
        switch value {
        case .mapping:
            guard case .mapping(let expanded) = try expand(value, path: path, file: file) else { return [] }
            return [expanded.map { ($0.key, $0.value) }]
        case .sequence(let sequence):
            var all: [[(Node, Node)]] = []
            for element in sequence {
                guard case .mapping = element else { throw problem(element, path: path, file: file) }
                all += try mappings(in: element, path: path, file: file)
            }
            return all
        default:
            throw problem(value, path: path, file: file)
        }
    }

    private static func problem(_ node: Node, path: DocumentPath, file: String) -> ConfigurationError {
        .issues([ConfigurationIssue(source: file, keyPath: path.key("<<").description,
                                    message: "a merge key takes a mapping (<<: *anchor) or a list of them, found \(node.kindDescription)",
                                    line: node.mark?.line, column: node.mark?.column)])
    }
}
