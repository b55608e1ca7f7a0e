import GoogleCloud

/// Cloud SQL's private IP (`cloudSQL.privateIP`, "Configure private IP"): no public address,
/// one from the network's private services access range, the Cloud SQL connector and Google's
/// services reaching it over the private path. An instance without it keeps Google's default
/// (a public IP) and gcpctl sends no IP configuration, as it always has.
extension SQLInstance {
    static func ipConfiguration(_ sql: Environment.CloudSQL) -> SQLAdminAPI.IPConfiguration? {
        guard let network = sql.privateNetwork else { return nil }
        return .init(ipv4Enabled: false, privateNetwork: network, allocatedIpRange: sql.allocatedIpRange,
                     enablePrivatePathForGoogleCloudServices: true)
    }

    /// `projects/P/global/networks/N`, whether Google answers it with a leading slash or a URL.
    static func networkPath(_ reference: String?) -> String? {
        guard let reference, let start = reference.range(of: "projects/") else { return reference }
        return String(reference[start.lowerBound...])
    }
}

extension FieldChanges {
    /// The public and private IP the file asks for. A private network "can be changed but not
    /// removed" (the discovery document's `privateNetwork`): the file that drops `privateIP`
    /// asks only for the public IP back.
    mutating func compareIPConfiguration(observed: SQLAdminAPI.IPConfiguration?, of sql: Environment.CloudSQL) {
        compare("ipConfiguration.ipv4Enabled", observed: observed?.ipv4Enabled ?? true, desired: sql.privateNetwork == nil)
        guard let desired = SQLInstance.ipConfiguration(sql) else { return }
        compare("ipConfiguration.privateNetwork", observed: SQLInstance.networkPath(observed?.privateNetwork), desired: desired.privateNetwork)
        if let range = desired.allocatedIpRange {
            compare("ipConfiguration.allocatedIpRange", observed: observed?.allocatedIpRange, desired: range)
        }
        compare("ipConfiguration.privatePath", observed: observed?.enablePrivatePathForGoogleCloudServices ?? false, desired: true)
    }
}

extension FieldChanges {
    /// What a primary and its replicas compare alike: the machine, edition, availability and
    /// disk (which only grows: a smaller size is refused before this is reached).
    mutating func compareMachineAndDisk(observed settings: SQLAdminAPI.Settings, observedDisk: Int, desired: SQLAdminAPI.Settings) {
        compare("tier", observed: settings.tier, desired: desired.tier)
        compare("edition", observed: settings.edition, desired: desired.edition)
        compare("availability", observed: settings.availabilityType, desired: desired.availabilityType)
        compare("storage.type", observed: settings.dataDiskType, desired: desired.dataDiskType)
        let desiredDisk = desired.dataDiskSizeGb.flatMap(Int.init) ?? observedDisk
        if observedDisk < desiredDisk {
            append(FieldChange("storage.sizeGb", old: "\(observedDisk)", new: "\(desiredDisk)"))
        }
        compare("storage.autoResize", observed: settings.storageAutoResize, desired: desired.storageAutoResize)
    }
}
