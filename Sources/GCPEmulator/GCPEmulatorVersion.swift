public enum GCPEmulatorVersion {
    public static let string = "0.1.0"
}
