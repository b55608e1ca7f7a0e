extension Reporter {
    /// `=== Title ===` on stdout: a heading inside a command's result (status sections).
    public func section(_ title: String) {
        result("\n" + paint("=== \(title) ===", .blue, outputColor))
    }

    /// A plain line of the result (a URL, a name).
    public func line(_ text: String) {
        result(text)
    }

    public func table(_ table: TextTable) {
        for line in table.render(colored: outputColor) {
            result(line)
        }
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
