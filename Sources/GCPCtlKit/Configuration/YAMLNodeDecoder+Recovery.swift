/// Decoding goes on past a wrong value: an optional key whose value does not decode is
/// recorded and left out (it takes its default), and a list goes on to its other entries,
/// so that `gcpctl config validate` reports every problem of a file at once.
extension NodeKeyedContainer {
    private func recovering<T>(_ key: Key, _ decode: () throws -> T) throws -> T? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        do {
            return try decode()
        } catch {
            try decoder.ledger.recover(error, droppingValueAt: decoder.path.key(key.stringValue))
            return nil
        }
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try recovering(key) { try decode(type, forKey: key) } }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try recovering(key) { try decode(type, forKey: key) } }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try recovering(key) { try decode(type, forKey: key) } }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try recovering(key) { try decode(type, forKey: key) } }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try recovering(key) { try decode(type, forKey: key) } }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try recovering(key) { try decode(type, forKey: key) } }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try recovering(key) { try decode(type, forKey: key) } }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try recovering(key) { try decode(type, forKey: key) } }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try recovering(key) { try decode(type, forKey: key) } }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try recovering(key) { try decode(type, forKey: key) } }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try recovering(key) { try decode(type, forKey: key) } }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try recovering(key) { try decode(type, forKey: key) } }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try recovering(key) { try decode(type, forKey: key) } }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try recovering(key) { try decode(type, forKey: key) } }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try recovering(key) { try decode(type, forKey: key) } }
}

extension NodeUnkeyedContainer {
    /// The next entry; when it does not decode, the entries after it are decoded too (for
    /// their problems), and the list is left out as a whole.
    mutating func decodeRecovering<T: Decodable>(_ type: T.Type) throws -> T {
        let position = currentIndex
        do {
            return try decodeNext(type)
        } catch {
            try decoder.ledger.record(error, abandoning: decoder.path.index(position))
            for later in (position + 1)..<max(elements.count, position + 1) {
                do {
                    _ = try decoder.child(elements[later], at: .index(later)).decodeValue(type)
                } catch {
                    try decoder.ledger.record(error, abandoning: decoder.path.index(later))
                }
            }
            currentIndex = elements.count
            throw RecordedIssues(path: decoder.path.index(position))
        }
    }
}
