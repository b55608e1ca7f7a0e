import Yams

/// Where each value of a configuration document is written: the file, and the line and
/// column of its key and of its value. Built from each file's node tree as read, so that a
/// value a file inherits with `extends` points into the file that wrote it.
struct DocumentLocations: Sendable {
    struct Location: Sendable, Equatable {
        var file: String
        var key: Position?
        var value: Position?
    }

    struct Position: Sendable, Equatable {
        var line: Int
        var column: Int

        init?(_ mark: Mark?) {
            guard let mark else { return nil }
            line = mark.line
            column = mark.column
        }
    }

    private var entries: [DocumentPath: Location] = [:]

    init() {}

    init(_ node: Node, file: String) {
        entries[.root] = Location(file: file, key: nil, value: Position(node.mark))
        index(node, at: .root, file: file)
    }

    private mutating func index(_ node: Node, at path: DocumentPath, file: String) {
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                guard let name = key.scalar?.string else { continue }
                let child = path.key(name)
                entries[child] = Location(file: file, key: Position(key.mark), value: Position(value.mark))
                index(value, at: child, file: file)
            }
        case .sequence(let sequence):
            for (position, element) in sequence.enumerated() {
                let child = path.index(position)
                entries[child] = Location(file: file, key: nil, value: Position(element.mark))
                index(element, at: child, file: file)
            }
        default:
            break
        }
    }

    /// These locations, with `other`'s wherever it has the same path (a file over the one
    /// it extends).
    func overlaid(by other: DocumentLocations) -> DocumentLocations {
        var result = self
        result.entries.merge(other.entries) { _, over in over }
        return result
    }

    /// Where `path` is written, or the closest enclosing key that is (a value left to its
    /// default is reported at the block it belongs to).
    func location(of path: DocumentPath) -> Location? {
        var components = path.components
        while true {
            if let found = entries[DocumentPath(components)] { return found }
            guard !components.isEmpty else { return nil }
            components.removeLast()
        }
    }

    /// `issue` with the file, line and column of `path` (its key's for an unknown key, its
    /// value's otherwise), when the issue is about the document.
    func locate(_ issue: ConfigurationIssue, at path: DocumentPath, pointingAtKey: Bool = false) -> ConfigurationIssue {
        guard let location = location(of: path) else { return issue }
        var located = issue
        located.source = location.file
        let position = pointingAtKey ? (location.key ?? location.value) : (location.value ?? location.key)
        located.line = position?.line
        located.column = position?.column
        return located
    }
}
