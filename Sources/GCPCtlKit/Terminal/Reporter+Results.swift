extension Reporter {
    /// `=== Title ===` on stdout: a heading inside a command's result (status sections).
    public func section(_ title: String) {
        result("\n" + paint("=== \(title) ===", .blue, outputColor))
    }

    /// A plain line of the result (a URL, a name).
    public func line(_ text: String) {
        result(text)
    }

    /// The table fitted to the window (standard output on a terminal) unless `--wide`;
    /// the first table that had to leave something out says so, once.
    public func table(_ table: TextTable) {
        let width = settings.wide ? nil : channel.output.size.map { max($0.columns - 1, 20) }
        let (fitted, fitting) = table.fitted(to: width)
        for line in fitted.render(colored: outputColor, width: nil) {
            var line = Substring(line)
            while line.last == " " { line.removeLast() }
            result(String(line))
        }
        guard !fitting.isWhole, narrowedTableNoted.withLock({ noted in defer { noted = true }; return !noted }) else { return }
        let left = fitting.dropped.isEmpty ? [] : ["\(fitting.dropped.joined(separator: ", ")) left out"]
        let cut = fitting.cut.isEmpty ? [] : ["\(fitting.cut.joined(separator: ", ")) cut"]
        result(paint("(to fit the window: " + (left + cut).joined(separator: "; ") + "; --wide shows everything)", .dim, outputColor))
    }

    /// `key:  value` lines with the values aligned.
    public func keyValues(_ pairs: [(key: String, value: String)]) {
        let width = pairs.map { $0.key.count }.max() ?? 0
        for (key, value) in pairs {
            result(key + ":" + String(repeating: " ", count: width - key.count + 2) + value)
        }
    }

    /// The last line of a successful command (`✅ Setup complete`), shown with `--quiet` too.
    public func outcome(_ message: String) {
        result(paint("✅ " + message, .green, outputColor))
    }
}
