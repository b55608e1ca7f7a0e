import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GoogleCloud

/// Where the metadata server is looked for, as Google's libraries look: `GCE_METADATA_HOST`
/// alone when set, else the name and then the address (`GCE_METADATA_IP`, 169.254.169.254),
/// and never through a proxy. The name and the address are pointed at loopback here: no test
/// reaches metadata.google.internal or 169.254.169.254.
@Suite struct MetadataServerLookupTests {
    @Test func theAddressIsTriedWhenTheNameDoesNotAnswer() async throws {
        try await withEmulator { emulator in
            let environment = ["GCE_METADATA_IP": "127.0.0.1:\(emulator.port)", "HOME": "/nonexistent-home", "GCE_METADATA_TIMEOUT": "30"]
            // curl resolves *.localhost to loopback itself: nothing listens on port 9 there.
            let chain = CredentialChain(environment: environment, metadataName: "metadata.localhost:9")
            #expect(chain.metadataHosts == ["metadata.localhost:9", "127.0.0.1:\(emulator.port)"])
            let provider = try await chain.resolve(transport: CurlTransport())
            #expect(provider.source == .metadataServer(host: "127.0.0.1:\(emulator.port)"))
            #expect(try await provider.fetchToken(transport: CurlTransport()).value.hasPrefix("ya29.emulator-"))
        }
    }

    @Test func theNameIsPreferredWhenBothAnswer() async throws {
        try await withEmulator { emulator in
            let environment = ["GCE_METADATA_IP": "localhost:\(emulator.port)", "HOME": "/nonexistent-home", "GCE_METADATA_TIMEOUT": "30"]
            let provider = try await CredentialChain(environment: environment, metadataName: "127.0.0.1:\(emulator.port)")
                .resolve(transport: CurlTransport())
            #expect(provider.source == .metadataServer(host: "127.0.0.1:\(emulator.port)"))
        }
    }

    @Test func aGivenHostIsTheOnlyPlaceLooked() async throws {
        try await withEmulator { emulator in
            let environment = ["GCE_METADATA_HOST": "127.0.0.1:9", "GCE_METADATA_IP": "127.0.0.1:\(emulator.port)",
                               "HOME": "/nonexistent-home"]
            let error = await #expect(throws: CredentialsError.self) {
                _ = try await CredentialChain(environment: environment).resolve(transport: CurlTransport())
            }
            #expect(error?.description.contains("the metadata server at 127.0.0.1:9 (no answer)") == true, "\(String(describing: error))")
            #expect(emulator.requests().isEmpty, "the address was not asked")
        }
    }

    /// google-auth's `GCE_METADATA_TIMEOUT`: whole seconds a probe waits, for a busy machine;
    /// anything else keeps Google's three seconds.
    @Test(arguments: [(nil, 3), ("30", 30), ("1", 1), ("0", 3), ("-5", 3), ("soon", 3), ("", 3)] as [(String?, Int64)])
    func theProbeWaitsAsLongAsTheVariableSays(value: String?, seconds: Int64) {
        let environment = value.map { ["GCE_METADATA_TIMEOUT": $0] } ?? [:]
        #expect(MetadataServerCredentials.probeTimeout(environment: environment) == .seconds(seconds))
    }

    @Test func noCredentialsNamesBothMetadataPlaces() async throws {
        let environment = ["GCE_METADATA_IP": "127.0.0.1:9", "HOME": "/nonexistent-home"]
        let error = await #expect(throws: CredentialsError.self) {
            _ = try await CredentialChain(environment: environment, metadataName: "metadata.localhost:9").resolve(transport: CurlTransport())
        }
        #expect(error?.description.contains("the metadata server at metadata.localhost:9 and 127.0.0.1:9 (no answer)") == true,
                "\(String(describing: error))")
    }

    @Test(arguments: [
        ("http://169.254.169.254/computeMetadata/v1/", true),
        ("http://metadata.google.internal/computeMetadata/v1/", true),
        ("http://METADATA.google.internal./", true),
        ("http://metadata/computeMetadata/v1/", true),
        ("http://[fe80::1]/", true),
        ("http://127.0.0.1:8080/", true),
        ("http://169.254.1.2:80/", true),
        ("https://sts.googleapis.com/v1/token", false),
        ("http://169.254.169.254.example.com/", false),
        ("http://10.0.0.1/", false),
        ("http://[fe80-evil.example.com]/", false),
    ])
    func theMetadataServerAndLoopbackAreNeverProxied(url: String, neverProxied: Bool) {
        #expect(URLParts(url)?.isNeverProxied == neverProxied)
    }
}
