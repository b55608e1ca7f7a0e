import Foundation
import Testing
@testable import GoogleCloud

@Suite struct GoogleAPIErrorTests {
    @Test func disabledAPISaysWhichAndHowToEnableIt() {
        let body = """
        {"error":{"code":403,"message":"Cloud SQL Admin API has not been used in project 123 before or it is disabled.",
        "status":"PERMISSION_DENIED","details":[
        {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"SERVICE_DISABLED","domain":"googleapis.com",
         "metadata":{"service":"sqladmin.googleapis.com","consumer":"projects/123"}},
        {"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"Google developers console API activation",
         "url":"https://console.developers.google.com/apis/api/sqladmin.googleapis.com/overview?project=123"}]}]}}
        """
        let error = GoogleAPIError.decode(status: 403, body: Data(body.utf8), request: "GET sqladmin.googleapis.com/v1/x")
        #expect(error.disabledService == "sqladmin.googleapis.com")
        #expect(!error.isPermissionDenied)
        #expect(error.description.contains("sqladmin.googleapis.com is not enabled in projects/123"))
        #expect(error.description.contains("gcpctl enable sqladmin.googleapis.com"))
        #expect(error.description.contains("https://console.developers.google.com/apis/api/sqladmin.googleapis.com/overview?project=123"))
    }

    @Test func permissionDeniedNamesTheMissingPermission() {
        let fromMetadata = GoogleAPIError.decode(status: 403, body: Data("""
        {"error":{"code":403,"message":"Permission denied","status":"PERMISSION_DENIED","details":[
        {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"IAM_PERMISSION_DENIED","domain":"iam.googleapis.com",
         "metadata":{"permission":"secretmanager.secrets.create"}}]}}
        """.utf8))
        #expect(fromMetadata.missingPermission == "secretmanager.secrets.create")
        #expect(fromMetadata.description.contains("lacks secretmanager.secrets.create"))

        let fromMessage = GoogleAPIError.decode(status: 403, body: Data("""
        {"error":{"code":403,"message":"sa@p.iam.gserviceaccount.com does not have storage.buckets.create access to the Google Cloud project.","errors":[{"reason":"forbidden"}]}}
        """.utf8))
        #expect(fromMessage.missingPermission == "storage.buckets.create")
    }

    @Test func olderAPIsReasonsAreKept() {
        let error = GoogleAPIError.decode(status: 409, body: Data("""
        {"error":{"code":409,"message":"Operation failed because another operation was already in progress.",
        "errors":[{"domain":"global","reason":"operationInProgress","message":"…"}]}}
        """.utf8))
        #expect(error.hasReason("operationInProgress"))
        #expect(RetryPredicates.sqlOperationInProgress.matches(.api(error), .nonIdempotent))
    }

    @Test func oauthErrorsAreDecoded() {
        let error = GoogleAPIError.decode(status: 400, body: Data(#"{"error":"invalid_grant","error_description":"Invalid JWT Signature."}"#.utf8))
        #expect(error.status == "invalid_grant")
        #expect(error.message == "Invalid JWT Signature.")
    }

    @Test(arguments: ["<html><body>502 Bad Gateway</body></html>", "{\"error\":{\"code\":50", "", "null", "[1,2]"])
    func bodiesThatAreNotGooglesShapeStillDescribeTheFailure(body: String) {
        let error = GoogleAPIError.decode(status: 502, body: Data(body.utf8))
        #expect(error.httpStatus == 502)
        #expect(error.description.contains("502"))
        #expect(!error.description.isEmpty)
    }
}
