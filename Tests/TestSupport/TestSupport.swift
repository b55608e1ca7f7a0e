import GCPEmulator
import GoogleCloud
public enum TestSupport {}
