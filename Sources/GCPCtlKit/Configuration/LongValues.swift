/// Values quoted in error messages are cut: a 50 MB value in an environment file must not
/// be echoed whole (the message is about where it is and what is wrong with it).
enum LongValues {
    /// The most of a quoted value a message shows.
    static let shownCharacters = 60
    /// No line of a message is longer than this, however it quotes.
    static let longestLine = 400

    /// `text` with every quoted value (`'…'`, opened after a blank or a bracket and closed
    /// before one or punctuation) longer than `shownCharacters` cut to its start, `…` and
    /// its length; and the whole cut at `longestLine` characters. One pass over the bytes:
    /// a message about a 50 MB value is cut in milliseconds.
    static func cut(_ text: String) -> String {
        guard text.utf8.count > shownCharacters else { return text }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == quote, index == 0 || openers.contains(bytes[index - 1]),
               index + 1 < bytes.count, !blanks.contains(bytes[index + 1]), bytes[index + 1] != quote {
                // The closing quote: the first that ends a value. None before the end of the
                // line means none for any quote before it either: go on from there.
                var end = index + 1
                while end < bytes.count, bytes[end] != newline, !closes(bytes, at: end) { end += 1 }
                if end < bytes.count, bytes[end] == quote {
                    output += shown(bytes[(index + 1)..<end])
                    index = end + 1
                } else {
                    output += bytes[index..<end]
                    index = end
                }
                continue
            }
            output.append(bytes[index])
            index += 1
        }
        var result = String(decoding: output, as: UTF8.self)
        // Lengths in scalars: counting characters (grapheme clusters) of megabytes is slow.
        if result.utf8.count > longestLine, result.unicodeScalars.count > longestLine {
            result = String(result.prefix(longestLine)) + "… (\(result.unicodeScalars.count) characters in all)"
        }
        return result
    }

    private static let quote = UInt8(ascii: "'"), newline = UInt8(ascii: "\n")
    private static let blanks: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: "\t"), newline]
    private static let openers: Set<UInt8> = Set(" \t([=:,".utf8)
    private static let closers: Set<UInt8> = Set(" \t\n)].,;:!?".utf8)

    /// Whether the quote at `index` closes a value: a quote after something other than a
    /// blank, before the end or a blank or punctuation.
    private static func closes(_ bytes: [UInt8], at index: Int) -> Bool {
        bytes[index] == quote && !blanks.contains(bytes[index - 1])
            && (index + 1 == bytes.count || closers.contains(bytes[index + 1]))
    }

    /// `'value'`, or its start, `…` and its length when it is long (a value cut once
    /// already, ending in `…`, stays as it is).
    private static func shown(_ value: ArraySlice<UInt8>) -> [UInt8] {
        let text = String(decoding: value, as: UTF8.self)
        let length = text.unicodeScalars.count
        guard value.count > shownCharacters, length > shownCharacters, !text.hasSuffix("…") else {
            return [quote] + Array(value) + [quote]
        }
        return Array("'\(text.prefix(shownCharacters))…' (\(length) characters)".utf8)
    }
}
