import AuroraSigV4
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LocalEndpointConfiguration {
    /// Whether `host` only listens on this machine: `localhost`, an IPv4 address in 127.0.0.0/8, `::1`, or an
    /// IPv4-mapped loopback address. Any other name or address (`0.0.0.0`, `::`, a LAN address) is reachable from
    /// other machines.
    public static func isLoopback(_ host: String) -> Bool {
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if name.lowercased() == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, name, &v4) == 1 {
            return UInt32(bigEndian: v4.s_addr) >> 24 == 127
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, name, &v6) == 1 else { return false }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        if bytes[0..<15].allSatisfy({ $0 == 0 }) && bytes[15] == 1 { return true }
        let mapped = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xff && bytes[11] == 0xff
        return mapped && bytes[12] == 127
    }

    /// Refuses to listen beyond this machine with the published default key pair: anyone who can reach the port
    /// could then run SQL as the database user.
    public func checkExposure() throws(LocalEndpointError) {
        // The published secret is public whatever access key id it is paired with.
        let published = accessKeys.values.contains(Self.defaultCredentials.secretAccessKey)
        guard published, !Self.isLoopback(host) else { return }
        throw LocalEndpointError(
            message: "Refusing to listen on \(host): it is reachable from other machines and the endpoint accepts the "
                + "published default key pair. Give a key pair of your own (--access-key-id with --secret-access-key, "
                + "--secret-access-key-file or AURORA_LOCAL_SECRET_ACCESS_KEY), or listen on 127.0.0.1."
        )
    }
}
