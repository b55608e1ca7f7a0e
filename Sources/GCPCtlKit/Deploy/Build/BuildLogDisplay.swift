/// How a service's build log is shown while it builds: on a terminal, the service's live
/// line ends with the latest log line; with --build-logs (or --verbose) every line is
/// printed on stderr as `SERVICE | LINE`, in text and JSON alike; and a failed build's last
/// lines are printed before its error (unless every line was printed already), so the
/// reason is on screen whatever the settings.
struct BuildLogDisplay: Sendable {
    let service: String
    let reporter: Reporter
    let progress: ProgressDisplay
    /// `--build-logs`.
    var printsAllLines = false

    /// The most of a log line the live line shows: a live line that wraps cannot be redrawn.
    static let liveWidth = 60

    var printsEveryLine: Bool { (printsAllLines || reporter.settings.verbosity == .verbose) && reporter.showsNarration }

    /// Where `handle` shows `activity` ("building api-gateway").
    func output(_ handle: ProgressDisplay.Handle, activity: String) -> BuildOutput {
        BuildOutput(
            report: { [reporter, service] line in reporter.detail("\(service): \(line)") },
            logLine: { line in show(line, handle: handle, activity: activity) },
            note: { [reporter, service] note in reporter.debug("\(service): \(note)") })
    }

    func show(_ line: String, handle: ProgressDisplay.Handle, activity: String) {
        if printsEveryLine { reporter.detail("\(service) | \(line)") }
        let text = line.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return }
        let shown = text.count > Self.liveWidth ? text.prefix(Self.liveWidth - 1) + "…" : Substring(text)
        progress.update(handle, activity: "\(activity): \(shown)")
    }

    /// A failed build's last lines, before its error is reported.
    func showLastLines(of failure: BuildFailedError) {
        guard !printsEveryLine else { return }
        for line in failure.lastLogLines { reporter.errorDetail("\(service) | \(line)") }
    }
}
