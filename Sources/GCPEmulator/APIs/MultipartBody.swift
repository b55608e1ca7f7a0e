import Foundation

/// A `multipart/related` body as Cloud Storage's multipart upload sends it: the object's
/// JSON metadata, then its bytes.
struct MultipartBody {
    struct Part {
        var headers: [String: String]
        var body: [UInt8]
    }

    var parts: [Part]

    /// Nil when the content type has no boundary or the body does not split on it.
    init?(contentType: String, body: [UInt8]) {
        guard let boundaryParameter = contentType.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) })
            .first(where: { $0.lowercased().hasPrefix("boundary=") })
        else { return nil }
        var boundary = String(boundaryParameter.dropFirst("boundary=".count))
        if boundary.hasPrefix("\""), boundary.hasSuffix("\""), boundary.count >= 2 { boundary = String(boundary.dropFirst().dropLast()) }
        let delimiter = Array("--\(boundary)".utf8)
        var sections: [[UInt8]] = []
        var cursor = 0
        var starts: [Int] = []
        while let found = Self.find(delimiter, in: body, from: cursor) {
            starts.append(found)
            cursor = found + delimiter.count
        }
        guard starts.count >= 2 else { return nil }
        for (start, end) in zip(starts, starts.dropFirst()) {
            var section = Array(body[(start + delimiter.count)..<end])
            if section.starts(with: [13, 10]) { section.removeFirst(2) }
            if section.suffix(2) == [13, 10] { section.removeLast(2) }
            sections.append(section)
        }
        var parts: [Part] = []
        for section in sections {
            guard let split = Self.find([13, 10, 13, 10], in: section, from: 0) else { return nil }
            var headers: [String: String] = [:]
            for line in String(decoding: section[..<split], as: UTF8.self).components(separatedBy: "\r\n") {
                let pair = line.split(separator: ":", maxSplits: 1)
                if pair.count == 2 { headers[pair[0].lowercased()] = pair[1].trimmingCharacters(in: .whitespaces) }
            }
            parts.append(Part(headers: headers, body: Array(section[(split + 4)...])))
        }
        self.parts = parts
    }

    /// The first index of `needle` in `haystack` at or after `start` (memchr to the
    /// candidates: bodies are megabytes).
    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, needle.count <= haystack.count, start <= haystack.count - needle.count else { return nil }
        let last = haystack.count - needle.count
        return haystack.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            var index = start
            while index <= last {
                guard let hit = memchr(base + index, Int32(needle[0]), last - index + 1) else { return nil }
                let found = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + found, needle, needle.count) == 0 { return found }
                index = found + 1
            }
            return nil
        }
    }
}
