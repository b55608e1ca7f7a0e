public enum GoogleCloudVersion {
    public static let string = "0.1.0"
}
