/// An error met part way through something the command was doing, told once with what that
/// was ("stopping Cloud SQL instance db failed: …"), so that a progress line need not say
/// it a second time. Its exit status is the underlying error's.
struct ActivityError: ExitStatusProviding, CustomStringConvertible {
    var activity: String
    var underlying: any Error

    var description: String { ProgressDisplay.failure(of: activity, underlying) }
    var exitStatus: ExitStatus { ExitStatus.of(underlying) }
}
