import Foundation

/// A `google.protobuf.FieldMask` as a request carries it: comma-separated field paths, each
/// dotted into nested fields. Proto JSON spells them lowerCamelCase (`ackDeadlineSeconds`),
/// but servers accept the proto names too (`ack_deadline_seconds`, what gcloud sends), so
/// both are read and kept lowerCamelCase
/// (https://protobuf.dev/reference/protobuf/google.protobuf/#field-mask).
struct FieldMask: Sendable, Equatable {
    /// Each path's components, lowerCamelCase.
    let paths: [[String]]

    init(_ text: String) {
        paths = text.split(separator: ",").map { path in
            path.trimmingCharacters(in: .whitespaces).split(separator: ".").map { FieldMask.lowerCamel(String($0)) }
        }.filter { !$0.isEmpty }
    }

    var isEmpty: Bool { paths.isEmpty }

    /// The first component of every path: the top-level fields the mask touches.
    var topLevelFields: Set<String> { Set(paths.compactMap(\.first)) }

    /// `target` with every masked path copied from `source`; a path `source` leaves out is
    /// cleared, as an update with a mask does.
    func apply(from source: JSONValue, to target: JSONValue) -> JSONValue {
        var result = target
        for path in paths { result = Self.setting(path[...], of: result, to: Self.value(at: path[...], in: source)) }
        return result
    }

    static func lowerCamel(_ name: String) -> String {
        guard name.contains("_") else { return name }
        let words = name.split(separator: "_")
        return (words.first.map(String.init) ?? "") + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    private static func value(at path: ArraySlice<String>, in json: JSONValue?) -> JSONValue? {
        guard let first = path.first else { return json }
        return value(at: path.dropFirst(), in: json?[first])
    }

    private static func setting(_ path: ArraySlice<String>, of json: JSONValue, to value: JSONValue?) -> JSONValue {
        guard let first = path.first else { return value ?? .null }
        var object = json.objectValue ?? [:]
        if path.count == 1 {
            object[first] = value
        } else {
            let child = setting(path.dropFirst(), of: object[first] ?? [:], to: value)
            object[first] = child.objectValue?.isEmpty == true ? nil : child
        }
        return .object(object)
    }
}
