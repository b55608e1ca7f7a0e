import Foundation
import Yams

/// The `Decoder` behind `YAMLDocumentDecoder`: one per node, carrying the node's position so
/// that every error names the key path it happened at.
struct NodeDecoder: Decoder {
    let node: Node
    let path: DocumentPath
    let ledger: KeyLedger

    var codingPath: [any CodingKey] { path.components.map(DocumentCodingKey.init) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func issue(_ message: String) -> DocumentDecodingIssue {
        DocumentDecodingIssue(path: path, message: message)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .mapping(let mapping) = node else {
            throw issue("expected a mapping of keys, found \(node.kindDescription)")
        }
        var pairs: [(key: String, value: Node)] = []
        var lines: [Int] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                throw issue("keys must be plain text, found \(key.kindDescription)")
            }
            pairs.append((scalar.string, value))
            lines.append(scalar.mark?.line ?? 0)
        }
        let entry = ledger.register(path: path, keys: pairs.map(\.key), lines: lines)
        return KeyedDecodingContainer(NodeKeyedContainer<Key>(decoder: self, pairs: pairs, entry: entry))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .sequence(let sequence) = node else {
            throw issue("expected a list, found \(node.kindDescription)")
        }
        return NodeUnkeyedContainer(decoder: self, elements: Array(sequence))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        NodeSingleValueContainer(decoder: self)
    }

    func child(_ node: Node, at component: DocumentPath.Component) -> NodeDecoder {
        NodeDecoder(node: node, path: DocumentPath(path.components + [component]), ledger: ledger)
    }

    /// Scalars become Swift values here; everything else goes through `Decodable`.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if type == String.self { return try text() as! T }
        if type == Bool.self { return try boolean() as! T }
        if type == Int.self { return try integer(Int.self) as! T }
        if type == Double.self { return try number() as! T }
        return try T(from: self)
    }

    private func scalarText(expected: String) throws -> String {
        guard case .scalar(let scalar) = node, !node.isNull else {
            throw issue("expected \(expected), found \(node.kindDescription)")
        }
        return scalar.string
    }

    func text() throws -> String {
        try scalarText(expected: "a text value")
    }

    /// Only `true` and `false`: YAML 1.1's yes/no/on/off are refused, so `NO` (Norway) stays text.
    func boolean() throws -> Bool {
        switch try scalarText(expected: "true or false") {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        case let other: throw issue("expected true or false, found '\(other)'")
        }
    }

    func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        let text = try scalarText(expected: "a whole number")
        guard let value = T(text.replacingOccurrences(of: "_", with: "")) else {
            throw issue("expected a whole number, found '\(text)'")
        }
        return value
    }

    func number() throws -> Double {
        let text = try scalarText(expected: "a number")
        guard let value = Double(text), value.isFinite else {
            throw issue("expected a number, found '\(text)'")
        }
        return value
    }
}

struct NodeKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: NodeDecoder
    let pairs: [(key: String, value: Node)]
    let entry: KeyLedger.Entry

    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] {
        entry.enumerated = true
        return pairs.compactMap { Key(stringValue: $0.key) }
    }

    private func value(for key: Key) -> Node? {
        entry.asked.insert(key.stringValue)
        return pairs.first { $0.key == key.stringValue }?.value
    }

    private func childDecoder(for key: Key) throws -> NodeDecoder {
        guard let node = value(for: key) else {
            let lookalike = Suggestion.closest(to: key.stringValue, in: pairs.map(\.key))
            let hint = lookalike.map { "; is '\($0)' a misspelling of it?" } ?? ""
            throw decoder.issue("required key '\(key.stringValue)' is missing\(hint)")
        }
        return decoder.child(node, at: .key(key.stringValue))
    }

    func contains(_ key: Key) -> Bool { value(for: key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { value(for: key)?.isNull ?? true }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try childDecoder(for: key).decodeValue(type)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try childDecoder(for: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try childDecoder(for: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }

    func superDecoder(forKey key: Key) throws -> any Decoder { try childDecoder(for: key) }
}

struct NodeUnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: NodeDecoder
    let elements: [Node]
    var currentIndex = 0

    init(decoder: NodeDecoder, elements: [Node]) {
        self.decoder = decoder
        self.elements = elements
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private mutating func next() throws -> NodeDecoder {
        guard !isAtEnd else { throw decoder.issue("the list has fewer entries than expected") }
        defer { currentIndex += 1 }
        return decoder.child(elements[currentIndex], at: .index(currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, elements[currentIndex].isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try decodeRecovering(type)
    }

    mutating func decodeNext<T: Decodable>(_ type: T.Type) throws -> T {
        try next().decodeValue(type)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next().unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { try next() }
}

struct NodeSingleValueContainer: SingleValueDecodingContainer {
    let decoder: NodeDecoder

    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.node.isNull }
    func decode(_ type: String.Type) throws -> String { try decoder.text() }
    func decode(_ type: Bool.Type) throws -> Bool { try decoder.boolean() }
    func decode(_ type: Double.Type) throws -> Double { try decoder.number() }
    func decode(_ type: Float.Type) throws -> Float { Float(try decoder.number()) }
    func decode(_ type: Int.Type) throws -> Int { try decoder.integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decoder.integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decoder.integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decoder.integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decoder.integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try decoder.integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.integer(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeValue(type) }
}
