/// How much of a terminal line text takes, and text cut to fit one.
public enum DisplayWidth {
    /// Columns a string takes on a terminal: emoji and wide East Asian characters take two,
    /// combining marks none (they are part of their character).
    public static func of(_ text: some StringProtocol) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    static func of(_ character: Character) -> Int {
        let scalar = character.unicodeScalars.first!
        if scalar.value < 0x20 { return 0 }
        let wide = scalar.properties.isEmojiPresentation
            || (0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
            || (0xAC00...0xD7A3).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
            || (0xFF00...0xFF60).contains(scalar.value)
        return wide ? 2 : 1
    }

    /// `text` unchanged when it takes at most `width` columns; else as much of its start as
    /// fits with `…` after it.
    public static func fit(_ text: String, to width: Int) -> String {
        guard of(text) > width else { return text }
        guard width > 1 else { return width == 1 ? "…" : "" }
        var kept = ""
        var used = 0
        for character in text {
            let next = of(character)
            if used + next > width - 1 { break }
            kept.append(character)
            used += next
        }
        return kept + "…"
    }

    /// `head` cut so that `head` + `tail` fits `width` (the tail, such as an elapsed time,
    /// is what matters most); only the tail, cut, when even that is too wide.
    public static func fit(_ head: String, keeping tail: String, to width: Int) -> String {
        let tailWidth = of(tail)
        guard tailWidth < width else { return fit(tail, to: width) }
        return fit(head, to: width - tailWidth) + tail
    }
}
