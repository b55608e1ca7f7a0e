import Foundation
import Testing
@testable import GCPCtlKit

/// Issue 15 point 8: the redactor knows a secret variable by its name and a password by its
/// place in a URL, and masks them in the shapes gcpctl prints variables in.
@Suite struct VariableRedactionTests {
    @Test func secretNamesAreKnownByTheirEnding() {
        for name in ["JWT_SECRET", "DATABASE_PASSWORD", "GITHUB_TOKEN", "STRIPE_API_KEY", "db_password", "GOOGLE_CREDENTIALS"] {
            #expect(Redactor.isSecretName(name), "\(name)")
        }
        for name in ["LOG_LEVEL", "DATABASE_URL", "KEYBOARD", "API_GATEWAY_URL", "TOKENIZER_MODEL"] {
            #expect(!Redactor.isSecretName(name), "\(name)")
        }
    }

    @Test func aURLPasswordIsFoundAndMasked() {
        #expect(Redactor.urlPassword(in: "postgresql://app:s3cret@db:5432/app") == "s3cret")
        #expect(Redactor.urlPassword(in: "postgresql://app:p@ss@db/app") == "p@ss")
        #expect(Redactor.urlPassword(in: "postgresql://postgres@/db?host=/cloudsql/p:r:i") == nil)
        #expect(Redactor.urlPassword(in: "http://127.0.0.1:8080/x@y") == nil)
        #expect(Redactor.shown("postgresql://app:s3cret@db/app", name: "DATABASE_URL") == "postgresql://app:[REDACTED]@db/app")
        #expect(Redactor.shown("hunter2", name: "DB_PASSWORD") == "[REDACTED]")
        #expect(Redactor.shown("info", name: "LOG_LEVEL") == "info")
    }

    @Test func printedLinesLoseTheSecretsInEveryShape() {
        let redactor = Redactor()
        #expect(redactor.redact("GET http://operator:pw-123@127.0.0.1:8080/storage/v1/b → 200")
            == "GET http://operator:[REDACTED]@127.0.0.1:8080/storage/v1/b → 200")
        #expect(redactor.redact("DATABASE_URL=postgresql://app:p@ss@db/app") == "DATABASE_URL=postgresql://app:[REDACTED]@db/app")
        #expect(redactor.redact("set DB_PASSWORD=hunter2 and JWT_SECRET=\"a b\" here") == "set DB_PASSWORD=[REDACTED] and JWT_SECRET=[REDACTED] here")
        #expect(redactor.redact(#"{"env":[{"name":"API_TOKEN","value":"abc\"def"},{"name":"LOG_LEVEL","value":"info"}]}"#)
            == #"{"env":[{"name":"API_TOKEN","value":"[REDACTED]"},{"name":"LOG_LEVEL","value":"info"}]}"#)
        #expect(redactor.redact("password in secret database-password") == "password in secret database-password")
    }

    @Test func longSecretValuesAreMaskedWhereverTheyAppear() {
        let redactor = Redactor()
        redactor.register(variables: [("JWT_SECRET", "a-long-literal-secret"), ("SHORT_TOKEN", "true"), ("LOG_LEVEL", "a-long-plain-value")])
        #expect(redactor.redact("Cloud Run said: a-long-literal-secret is bad") == "Cloud Run said: [REDACTED] is bad")
        #expect(redactor.redact("true and a-long-plain-value") == "true and a-long-plain-value", "short values and plain names are not masked everywhere")
    }
}
