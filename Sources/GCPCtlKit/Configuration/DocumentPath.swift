/// A position inside a configuration document, printed the way a user would point at it:
/// `services.api-gateway.memory`, `buckets[2].lifecycle[0].age`.
public struct DocumentPath: Hashable, Sendable, CustomStringConvertible {
    public enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    public init(_ components: [Component] = []) {
        self.components = components
    }

    public static let root = DocumentPath()

    public func key(_ name: String) -> DocumentPath {
        DocumentPath(components + [.key(name)])
    }

    public func index(_ position: Int) -> DocumentPath {
        DocumentPath(components + [.index(position)])
    }

    /// Whether `other` is this path or inside it.
    public func isPrefix(of other: DocumentPath) -> Bool {
        other.components.starts(with: components)
    }

    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let name): text += text.isEmpty ? name : ".\(name)"
            case .index(let position): text += "[\(position)]"
            }
        }
        return text
    }
}
