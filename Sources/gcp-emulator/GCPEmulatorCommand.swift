import ArgumentParser
import GCPEmulator

@main
struct GCPEmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gcp-emulator", version: GCPEmulatorVersion.string)
}
