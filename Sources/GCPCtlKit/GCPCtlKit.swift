import GoogleCloud
public enum GCPCtlVersion {
    public static let string = GoogleCloudVersion.string
}
