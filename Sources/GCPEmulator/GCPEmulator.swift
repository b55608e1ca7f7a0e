import NIOCore
import NIOPosix
import NIOHTTP1
import CCurl
public enum GCPEmulatorVersion {
    public static let string = "0.1.0"
}
