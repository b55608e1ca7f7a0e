/// What `gcpctl setup` is asked to make beyond what the environment declares.
public struct SetupOptions: Sendable {
    /// `--create-key PATH`.
    public var keyFile: String?
    /// `--overwrite`: replace a file already at `keyFile`.
    public var overwriteKeyFile: Bool

    public init(keyFile: String? = nil, overwriteKeyFile: Bool = false) {
        self.keyFile = keyFile
        self.overwriteKeyFile = overwriteKeyFile
    }
}
