import GoogleCloud

/// Pub/Sub's durations as the API writes them (`"604800s"`) and as plans show them (`7d`).
enum PubSubDurations {
    static func json(_ seconds: Int) -> String { "\(seconds)s" }

    /// `604800s` → `7d`, `600s` → `10m`, `90s` → `90s`.
    static func text(_ seconds: Int) -> String {
        for (unit, size) in [("d", 86_400), ("h", 3600), ("m", 60)] where seconds > 0 && seconds % size == 0 {
            return "\(seconds / size)\(unit)"
        }
        return "\(seconds)s"
    }

    /// What Google answered, shown as plans show the file's value; nil when it answered none.
    static func text(_ json: String?) -> String? {
        guard let json else { return nil }
        guard let seconds = seconds(json) else { return json }
        return text(seconds)
    }

    /// `"604800s"`, `"3.5s"` → whole seconds; nil when not a JSON Duration.
    static func seconds(_ json: String) -> Int? {
        guard json.hasSuffix("s"), let value = Double(json.dropLast()) else { return nil }
        return Int(value)
    }
}
