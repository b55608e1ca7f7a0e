/// Why a question could not be answered.
public enum PromptError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nobody can answer (standard input is not a terminal) and no flag answered for them.
    case notInteractive(question: String, hint: String)
    /// Three answers in a row made no sense.
    case noValidAnswer(question: String)
    /// Ctrl-C (or SIGTERM) while the question waited for its answer: nothing was changed.
    case interrupted(question: String)

    public var description: String {
        switch self {
        case .interrupted(let question):
            "interrupted at \"\(question)\"; nothing was changed"
        case .notInteractive(let question, let hint):
            "cannot ask \"\(question)\": standard input is not a terminal; \(hint)"
        case .noValidAnswer(let question):
            "no valid answer to \"\(question)\"; nothing was changed"
        }
    }
}

extension PromptError: ExitStatusProviding {
    /// 130 for an interrupted question, as for any interrupt; 1 for a question nobody could answer.
    public var exitStatus: ExitStatus {
        if case .interrupted = self { return .interrupted }
        return .configurationError
    }
}

/// Asks the user before anything destructive. Questions go to stderr; answers come from a
/// `LineSource`. When nobody can answer, it refuses with an error instead of waiting forever.
public struct Prompter: Sendable {
    let input: any LineSource
    let reporter: Reporter
    /// `--yes`: simple confirmations are answered yes. Typed confirmations are not.
    public let assumeYes: Bool
    static let attempts = 3

    public init(input: any LineSource, reporter: Reporter, assumeYes: Bool) {
        self.input = input
        self.reporter = reporter
        self.assumeYes = assumeYes
    }

    /// `question [y/N]`: true only for y or yes. `--yes` answers yes without asking.
    public func confirm(_ question: String) async throws(PromptError) -> Bool {
        if assumeYes {
            reporter.info("\(question) yes (--yes)")
            return true
        }
        guard input.isInteractive else {
            throw .notInteractive(question: question, hint: "pass --yes to confirm")
        }
        reporter.prompt(reporter.paint("⚠️  \(question) [y/N] ", .yellow, reporter.diagnosticsColor))
        let answer = try await answer(to: question)?.trimmingBlanks().lowercased() ?? ""
        return answer == "y" || answer == "yes"
    }

    /// `Type DELETE ALL to confirm:` — true only for the exact phrase; anything else cancels.
    /// `--yes` does not answer this: only the command's own flag does, passed as `bypass`
    /// (for example `--confirm-project=ID`), with whether it was given.
    public func confirmByTyping(
        _ phrase: String, prompt: String, bypass: (flag: String, isSet: Bool)? = nil
    ) async throws(PromptError) -> Bool {
        if let bypass, bypass.isSet {
            reporter.info("\(prompt) confirmed by \(bypass.flag)")
            return true
        }
        guard input.isInteractive else {
            let hint = bypass.map { "pass \($0.flag) to confirm without a terminal (--yes does not answer this)" }
                ?? "run it from a terminal (--yes does not answer this)"
            throw .notInteractive(question: prompt, hint: hint)
        }
        reporter.prompt(reporter.paint("⚠️  \(prompt) Type \(phrase) to confirm: ", .yellow, reporter.diagnosticsColor))
        let answer = try await answer(to: prompt) ?? ""
        guard answer.trimmingBlanks() == phrase else {
            reporter.warning("'\(answer)' is not '\(phrase)'; cancelled")
            return false
        }
        return true
    }

    /// A numbered menu; the answer may pick several (`1,3-4`), `all`, or `q` to quit.
    /// A nonsensical answer is explained and asked again, three times at most.
    public func choose(_ title: String, options: [String], allowsMultiple: Bool = true) async throws(PromptError) -> MenuAnswer {
        guard input.isInteractive else {
            throw .notInteractive(question: title, hint: "choose with the command's flags instead of the menu")
        }
        reporter.prompt(title + "\n" + options.enumerated().map { "  \($0.offset + 1)) \($0.element)\n" }.joined())
        let hint = allowsMultiple ? "numbers like 1,3-4, all, or q to quit" : "a number, or q to quit"
        for _ in 0..<Self.attempts {
            reporter.prompt("Choose (\(hint)): ")
            guard let answer = try await answer(to: title) else { return .quit }
            switch MenuSelection.parse(answer, optionCount: options.count) {
            case .success(.selected(let picked)) where !allowsMultiple && picked.count > 1:
                reporter.warning("choose only one")
            case .success(let choice):
                return choice
            case .failure(let problem):
                reporter.warning(problem.description)
            }
        }
        throw .noValidAnswer(question: title)
    }

    /// The next line typed, nil at the end of input (which answers "no"). Ctrl-C cancels
    /// the command's task, and with it the wait: the question ends the command at once.
    private func answer(to question: String) async throws(PromptError) -> String? {
        let line = await input.readLine()
        if Task.isCancelled {
            // The terminal echoed ^C after the question: end that line before the error.
            reporter.prompt("\n")
            throw .interrupted(question: question)
        }
        return line
    }
}
