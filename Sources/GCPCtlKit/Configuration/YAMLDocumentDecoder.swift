import Yams

/// A value in a YAML document that cannot become the type the schema asks for.
struct DocumentDecodingIssue: Error, Equatable {
    var path: DocumentPath
    var message: String
}

/// Decodes a YAML node tree into `Decodable` values, and remembers which mapping keys each
/// type asked for. Keys that nobody asked for are typos or keys from another tool's schema:
/// they are returned as unknown, each with the nearest known key as a suggestion, instead of
/// being silently ignored as `YAMLDecoder` would.
///
/// Why a decoder of our own: synthesized `Decodable` asks its container for every key it
/// knows (`decodeIfPresent` calls `contains`), so recording those questions yields the schema
/// for free, with no list of keys to keep in step with the model types.
enum YAMLDocumentDecoder {
    struct UnknownKey: Equatable {
        var path: DocumentPath
        var suggestion: String?
    }

    /// What decoding found: the value (nil when even the document's required keys could not
    /// be decoded), every type problem, the unknown keys, and the values left out because
    /// they were wrong (they take their defaults, so that the rest can still be checked).
    struct Outcome<T> {
        var value: T?
        var issues: [DocumentDecodingIssue]
        var unknownKeys: [UnknownKey]
        var dropped: [DocumentPath]
    }

    /// Decodes `node` as `T`, going on past every wrong value: an optional value that does
    /// not decode is left out and reported, so that one pass finds every problem.
    static func decode<T: Decodable>(_ type: T.Type, from node: Node) -> Outcome<T> {
        let ledger = KeyLedger()
        var value: T?
        do {
            value = try T(from: NodeDecoder(node: node, path: .root, ledger: ledger))
        } catch {
            do {
                try ledger.record(error, abandoning: .root)
            } catch {
                // Not about the document (a type's own error): still said, never lost.
                ledger.record(DocumentDecodingIssue(path: .root, message: "\(error)"))
            }
        }
        return Outcome(value: value, issues: ledger.issues, unknownKeys: ledger.unknownKeys(), dropped: ledger.dropped)
    }
}

/// Thrown past a value whose problems are already recorded (a list some of whose entries
/// did not decode): the value is left out without a second report.
struct RecordedIssues: Error {
    /// Where the problem was, inside the value left out.
    var path: DocumentPath
}

/// Which keys each decoded mapping holds and which of them the schema asked for.
final class KeyLedger {
    final class Entry {
        let path: DocumentPath
        let keys: [String]
        /// The line each key stands on, to report unknown keys in file order.
        let lines: [Int]
        var asked: Set<String> = []
        /// A dictionary reads all its keys: none of them can be unknown.
        var enumerated = false

        init(path: DocumentPath, keys: [String], lines: [Int]) {
            self.path = path
            self.keys = keys
            self.lines = lines
        }
    }

    private var entries: [Entry] = []
    /// Every value that did not decode, in the order met.
    private(set) var issues: [DocumentDecodingIssue] = []
    /// Values left out because they, or something inside them, did not decode.
    private(set) var dropped: [DocumentPath] = []

    /// Records what `error` says is wrong, and stops the mappings under `scope` that were
    /// being decoded when it happened (those on the way to the problem) from reporting the
    /// keys they never got to as unknown. Errors that are not about the document rethrow.
    func record(_ error: any Error, abandoning scope: DocumentPath) throws {
        let failure: DocumentPath
        switch error {
        case let issue as DocumentDecodingIssue:
            issues.append(issue)
            failure = issue.path
        case let error as DecodingError:
            let issue = DocumentDecodingIssue(error)
            issues.append(issue)
            failure = issue.path
        case let recorded as RecordedIssues:
            failure = recorded.path
        default:
            throw error
        }
        for entry in entries where entry.path.isPrefix(of: failure) && scope.isPrefix(of: entry.path) {
            entry.enumerated = true
        }
    }

    func record(_ issue: DocumentDecodingIssue) {
        issues.append(issue)
    }

    /// `record`, and `path`'s value is left out.
    func recover(_ error: any Error, droppingValueAt path: DocumentPath) throws {
        try record(error, abandoning: path)
        dropped.append(path)
    }

    func register(path: DocumentPath, keys: [String], lines: [Int]) -> Entry {
        let entry = Entry(path: path, keys: keys, lines: lines)
        entries.append(entry)
        return entry
    }

    func unknownKeys() -> [YAMLDocumentDecoder.UnknownKey] {
        let unknown = entries.filter { !$0.enumerated }.flatMap { entry in
            zip(entry.keys, entry.lines).filter { !entry.asked.contains($0.0) }.map { key, line in
                (line: line, key: YAMLDocumentDecoder.UnknownKey(
                    path: entry.path.key(key),
                    suggestion: Suggestion.closest(to: key, in: entry.asked.sorted())
                ))
            }
        }
        return unknown.sorted { $0.line < $1.line }.map(\.key)
    }
}

extension DocumentDecodingIssue {
    /// Errors thrown by `Decodable` conformances we did not write (RawRepresentable enums).
    init(_ error: DecodingError) {
        func path(_ codingPath: [any CodingKey]) -> DocumentPath {
            DocumentPath(codingPath.map { key in key.intValue.map { .index($0) } ?? .key(key.stringValue) })
        }
        switch error {
        case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
            self.init(path: path(context.codingPath), message: context.debugDescription)
        case .keyNotFound(let key, let context):
            self.init(path: path(context.codingPath), message: "required key '\(key.stringValue)' is missing")
        @unknown default:
            self.init(path: .root, message: "\(error)")
        }
    }
}

/// A coding key made from a document position, for `codingPath`.
struct DocumentCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
    }

    init(intValue: Int) {
        self.stringValue = "\(intValue)"
        self.intValue = intValue
    }

    init(_ component: DocumentPath.Component) {
        switch component {
        case .key(let name): self.init(stringValue: name)
        case .index(let position): self.init(intValue: position)
        }
    }
}

/// How a node is described in "expected …, found …" messages.
extension Node {
    var kindDescription: String {
        switch self {
        case .scalar(let scalar): isNull ? "nothing" : "'\(scalar.string)'"
        case .mapping: "a mapping of keys"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// `key:` with no value, `~` or `null`, unquoted.
    var isNull: Bool {
        guard case .scalar(let scalar) = self, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }
}
