/// A YAML mapping whose keys are names chosen by the user (`services:`), kept in the order
/// they were written: services deploy, print and diff in that order.
public struct NamedEntries<Value>: Sendable, Equatable where Value: Sendable & Equatable {
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var value: Value

        public init(name: String, value: Value) {
            self.name = name
            self.value = value
        }
    }

    public var entries: [Entry]

    public init(_ entries: [Entry] = []) {
        self.entries = entries
    }

    public var names: [String] { entries.map(\.name) }

    public subscript(name: String) -> Value? {
        entries.first { $0.name == name }?.value
    }
}

extension NamedEntries: Codable where Value: Codable {
    /// An entry that does not decode is left out (and, from an environment file, recorded),
    /// so the other entries are still read and checked.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: DocumentCodingKey.self)
        entries = []
        for key in container.allKeys {
            do {
                entries.append(Entry(name: key.stringValue, value: try container.decode(Value.self, forKey: key)))
            } catch {
                guard let document = decoder as? NodeDecoder else { throw error }
                try document.ledger.recover(error, droppingValueAt: document.path.key(key.stringValue))
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: DocumentCodingKey.self)
        for entry in entries {
            try container.encode(entry.value, forKey: DocumentCodingKey(stringValue: entry.name))
        }
    }
}
