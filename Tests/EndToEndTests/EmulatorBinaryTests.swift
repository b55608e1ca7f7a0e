import Foundation
import GCPEmulator
import Testing
import TestSupport

/// The `gcp-emulator` executable as scripts and `make demo` start it: flags, the first
/// stdout line naming its address, requests served there, a clean stop on SIGTERM.
@Suite struct EmulatorBinaryTests {
    static let binary = GCPCtlProcess.product("gcp-emulator")

    /// Reads `handle` up to and including the first newline, on a thread of its own; nil
    /// when the stream ends first.
    static func firstLine(of handle: FileHandle) async -> String? {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var bytes: [UInt8] = []
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { return continuation.resume(returning: nil) }
                    bytes += chunk
                    if let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) {
                        return continuation.resume(returning: String(decoding: bytes[..<newline], as: UTF8.self))
                    }
                }
            }
        }
    }

    @Test func startsOnAFreePortSaysWhereServesGcpctlAndStopsOnSIGTERM() async throws {
        let directory = try ProcessWorkflowTests.workspace()
        defer { directory.remove() }
        let log = directory.path + "/requests.jsonl"
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["--port", "0", "--project", "emu-project", "--operation-seconds", "sql=30,run=2", "--fault-rate", "0",
                             "--seed", "1", "--request-log", log]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = Pipe()
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        let line = try #require(await Self.firstLine(of: stdout.fileHandleForReading), "the emulator printed nothing")
        let prefix = "listening on http://127.0.0.1:"
        #expect(line.hasPrefix(prefix), "\(line)")
        let port = try #require(Int(line.dropFirst(prefix.count)), "no port in \(line)")
        #expect(port > 0)

        // gcpctl, pointed at it, reads project emu-project.
        let gcpctl = GCPCtlProcess(emulator: nil, directory: URL(fileURLWithPath: directory.path), extra: [
            "GCPCTL_API_ENDPOINT": "http://127.0.0.1:\(port)", "GCE_METADATA_HOST": "127.0.0.1:\(port)",
            "GCPCTL_ACCESS_TOKEN": "binary-token",
        ])
        let plan = try await gcpctl.run(["plan", "--env=dev", "--project", "emu-project"])
        #expect(plan.status == 0, "\(plan.all)")
        #expect(plan.output.contains("+ create Cloud SQL instance digitwinlive-db-dev"), "\(plan.all)")

        kill(process.processIdentifier, SIGTERM)
        await GCPCtlProcess.waitForExit(process)
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)

        let entries = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
            .compactMap { try? JSONValue.parse(Array($0.utf8)) }
        #expect(!entries.isEmpty, "the request log is empty")
        let apiCalls = entries.filter { $0["url"]?.stringValue?.contains("/projects/emu-project") == true }
        #expect(!apiCalls.isEmpty && apiCalls.allSatisfy { $0["bearer"]?.boolValue == true }, "\(entries.count) entries")
        #expect(entries.allSatisfy { $0["mutating"]?.boolValue == false }, "plan sent a mutating request")
        #expect(!(try String(contentsOfFile: log, encoding: .utf8)).contains("binary-token"))
    }

    @Test(arguments: [
        (["--fault-rate", "2"], "--fault-rate must be between 0 and 1."),
        (["--operation-seconds", "sql"], "--operation-seconds takes KIND=SECONDS pairs"),
        (["--no-such-flag"], "Unknown option '--no-such-flag'"),
    ])
    func aBadFlagIsRefusedWithAClearMessage(arguments: [String], message: String) async throws {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["--port", "0"] + arguments
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        await GCPCtlProcess.waitForExit(process)
        let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus != 0)
        #expect(errors.contains(message), "\(errors)")
        #expect(!output.contains("listening on"))
    }
}
