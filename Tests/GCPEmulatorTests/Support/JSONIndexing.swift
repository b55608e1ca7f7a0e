import GCPEmulator

extension JSONValue {
    /// An array element, or nil when this is not an array or the index is out of range.
    subscript(_ index: Int) -> JSONValue? {
        guard let values = arrayValue, values.indices.contains(index) else { return nil }
        return values[index]
    }
}
