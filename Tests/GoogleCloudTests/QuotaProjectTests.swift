import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GoogleCloud

/// `x-goog-user-project` as Google's libraries choose it: `GOOGLE_CLOUD_QUOTA_PROJECT`,
/// the credentials file's `quota_project_id`, the target project for user credentials
/// only; and the emulator refusing a quota project the caller may not use.
@Suite struct QuotaProjectTests {
    /// The real transport, with every request's headers kept for the test to read.
    final class HeaderRecorder: HTTPTransport, @unchecked Sendable {
        let inner = CurlTransport()
        private let lock = NSLock()
        private var sent: [(url: String, headers: HTTPHeaders)] = []

        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            lock.withLock { sent.append((request.url, request.headers)) }
            return try await inner.send(request)
        }

        /// The `x-goog-user-project` of every API call (token requests aside).
        var quotaProjects: [String?] {
            lock.withLock { sent.filter { $0.url.contains("/serviceusage/") }.map { $0.headers["x-goog-user-project"] } }
        }
    }

    static func connect(_ emulator: Emulator, _ extra: [String: String], target: String? = "demo-project",
                        recorder: HeaderRecorder) async throws -> GoogleCloudConnection {
        var options = GoogleCloudConnection.Options(retryPolicy: instantRetries, poller: quickPoller, targetProject: target)
        options.transport.timeout = .seconds(30)
        return try await GoogleCloudConnection.connect(environment: emulatorEnvironment(emulator, extra), options: options,
                                                       transport: recorder)
    }

    static func userCredentials(in directory: TemporaryDirectory, quotaProject: String? = nil) throws -> String {
        let quota = quotaProject.map { #","quota_project_id":"\#($0)""# } ?? ""
        return try directory.write("adc.json", #"{"type":"authorized_user","client_id":"c","client_secret":"s","refresh_token":"r"\#(quota)}"#)
    }

    @Test(arguments: [
        ("user credentials bill the target project", false, nil, nil, "demo-project"),
        ("the file's quota_project_id wins", false, "billing-project", nil, "billing-project"),
        ("GOOGLE_CLOUD_QUOTA_PROJECT wins over the file", false, "billing-project", "env-project", "env-project"),
        ("a service account key sends none", true, nil, nil, nil),
        ("a service account key with quota_project_id sends it", true, "billing-project", nil, "billing-project"),
        ("a service account sends GOOGLE_CLOUD_QUOTA_PROJECT", true, nil, "env-project", "env-project"),
    ] as [(String, Bool, String?, String?, String?)])
    func theQuotaProjectIsChosenAsGooglesLibrariesChooseIt(_ name: String, serviceAccount: Bool, fileQuota: String?,
                                                          variable: String?, expected: String?) async throws {
        try await withEmulator { emulator in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            emulator.registerRefreshToken(clientID: "c", clientSecret: "s", refreshToken: "r")
            var path = try Self.userCredentials(in: directory, quotaProject: fileQuota)
            if serviceAccount {
                let account = try TestServiceAccount.make(on: emulator, email: "deployer@demo-project.iam.gserviceaccount.com")
                path = try account.writeKeyFile(in: directory, emulator: emulator)
                if let fileQuota {
                    var key = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any] ?? [:]
                    key["quota_project_id"] = fileQuota
                    try JSONSerialization.data(withJSONObject: key).write(to: URL(fileURLWithPath: path))
                }
                // The account may bill the projects it names.
                for project in ["billing-project", "env-project"] {
                    emulator.addIAMBinding(project: project, role: "roles/serviceusage.serviceUsageConsumer",
                                           member: "serviceAccount:deployer@demo-project.iam.gserviceaccount.com")
                }
            }
            var extra = ["GOOGLE_APPLICATION_CREDENTIALS": path]
            extra["GOOGLE_CLOUD_QUOTA_PROJECT"] = variable
            let recorder = HeaderRecorder()
            let connection = try await Self.connect(emulator, extra, recorder: recorder)
            #expect(connection.client.quotaProject == expected)
            _ = try await ServiceUsageAPI(connection.client).enabledServices(project: "demo-project")
            #expect(recorder.quotaProjects == [expected])
        }
    }

    @Test func aQuotaProjectTheCallerMayNotUseIsRefusedAsGoogleRefusesIt() async throws {
        try await withEmulator { emulator in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let account = try TestServiceAccount.make(on: emulator, email: "deployer@demo-project.iam.gserviceaccount.com")
            let path = try account.writeKeyFile(in: directory, emulator: emulator)
            let connection = try await Self.connect(emulator, ["GOOGLE_APPLICATION_CREDENTIALS": path,
                                                               "GOOGLE_CLOUD_QUOTA_PROJECT": "someone-elses-project"],
                                                    recorder: HeaderRecorder())
            let error = await #expect(throws: GoogleAPIError.self) {
                _ = try await ServiceUsageAPI(connection.client).enabledServices(project: "demo-project")
            }
            #expect(error?.httpStatus == 403)
            #expect(error?.errorInfo?.reason == "USER_PROJECT_DENIED")
            #expect(error?.message.contains("Caller does not have required permission to use project someone-elses-project") == true)
        }
    }

    @Test func aQuotaProjectMustHaveTheAPIEnabled() async throws {
        try await withEmulator { emulator in
            emulator.registerRefreshToken(clientID: "c", clientSecret: "s", refreshToken: "r")
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = try Self.userCredentials(in: directory, quotaProject: "billing-project")
            emulator.setServices(["secretmanager.googleapis.com"], enabled: true, project: "demo-project")
            let connection = try await Self.connect(emulator, ["GOOGLE_APPLICATION_CREDENTIALS": path], recorder: HeaderRecorder())
            let error = await #expect(throws: GoogleAPIError.self) {
                _ = try await SecretManagerAPI(connection.client).secret(project: "demo-project", id: "jwt-secret")
            }
            #expect(error?.disabledService == "secretmanager.googleapis.com", "the quota project is the consumer: \(String(describing: error))")
        }
    }
}
