import Foundation
import GCPCtlKit
import GCPEmulator
import GoogleCloud

// gcpctl-bench (`make bench`): how long `gcpctl status` takes against an emulator that
// answers every request after --latency-ms, beside the bounds that latency sets and beside
// the same reads done the bash script's way (one gcloud process per read).
//
//   gcpctl-bench [--latency-ms 100] [--runs 5] [--no-gcloud] [--no-deploy]

let options = BenchOptions(CommandLine.arguments.dropFirst())
guard let repository = BenchProject.repositoryRoot() else {
    FileHandle.standardError.write(Data("gcpctl-bench: run it from the repository (no environments/development.yaml above \(FileManager.default.currentDirectoryPath))\n".utf8))
    exit(1)
}
do {
    try await Bench(options: options, repository: repository).run()
} catch {
    FileHandle.standardError.write(Data("gcpctl-bench: \(error)\n".utf8))
    exit(1)
}

struct BenchOptions {
    var latency = 100
    var runs = 5
    var gcloud = true
    var deploy = true

    init(_ arguments: ArraySlice<String>) {
        var arguments = arguments
        while let argument = arguments.popFirst() {
            switch argument {
            case "--latency-ms": latency = arguments.popFirst().flatMap(Int.init) ?? latency
            case "--runs": runs = max(1, arguments.popFirst().flatMap(Int.init) ?? runs)
            case "--no-gcloud": gcloud = false
            case "--no-deploy": deploy = false
            default:
                print("usage: gcpctl-bench [--latency-ms N] [--runs N] [--no-gcloud] [--no-deploy]")
                exit(argument == "--help" ? 0 : 1)
            }
        }
    }
}
