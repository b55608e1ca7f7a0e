import ArgumentParser
import GCPCtlKit

@main
struct GCPCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gcpctl",
        abstract: "Provision and operate the application's Google Cloud resources.",
        version: GCPCtlVersion.string
    )
}
