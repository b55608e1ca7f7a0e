import Foundation

/// Sizes as gcpctl prints them everywhere (status, cleanup, deploy's upload): binary units,
/// as Cloud Run's memory limits are written (`512 B`, `1.5 KiB`, `74.8 MiB`, `3.0 GiB`).
enum ByteCount {
    static let units = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]

    static func format(_ count: Int64) -> String {
        guard count >= 1024 else { return "\(max(count, 0)) B" }
        var value = Double(count) / 1024
        var unit = 0
        // 1023.95 KiB would print as "1024.0 KiB": such a value is the next unit's 1.0.
        while value >= 1023.95, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return String(format: "%.1f", value) + " " + units[unit]
    }

    static func format(_ count: Int) -> String {
        format(Int64(count))
    }
}
