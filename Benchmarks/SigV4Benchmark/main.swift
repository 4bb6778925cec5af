// Signatures per second for an RDS Data API ExecuteStatement request (POST /Execute, application/json,
// 283-byte body, fixed date), with the signing key cache warm, the way DataAPIClient signs (a request prepared
// once per operation, `SigV4PreparedRequest`); also with a 1 KiB session token, and with `sign(method:url:...)`
// preparing from scratch each time.
// Prints the median over runs of wall time and of this thread's CPU time per signature; then the floor set by
// swift-crypto: the four SHA-256 computations a signature needs (payload, canonical request, HMAC inner and
// outer with their pad blocks already hashed), the same sizes, nothing else.
// Run: swift run -c release sigv4-benchmark
import AuroraSigV4
import Crypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

let body = Array(
    #"{"resourceArn": "arn:aws:rds:us-east-1:123456789012:cluster:my-cluster", "secretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:my-secret-AbCdEf", "database": "mydb", "sql": "SELECT * FROM users WHERE id = :id", "parameters": [{"name": "id", "value": {"longValue": 42}}]}"#
        .utf8)
let url = "https://rds-data.us-east-1.amazonaws.com/Execute"
let headers: [(name: String, value: String)] = [("Content-Type", "application/json")]
let date = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z
let signer = SigV4Signer(service: "rds-data", region: "us-east-1")

struct Scenario {
    var name: String
    var credentials: AWSCredentials
    var prepareEachTime = false
}

let scenarios = [
    Scenario(
        name: "ExecuteStatement",
        credentials: AWSCredentials(
            accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")),
    Scenario(
        name: "ExecuteStatement + 1 KiB session token",
        credentials: AWSCredentials(
            accessKeyId: "ASIAEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            sessionToken: String(repeating: "IQoJb3JpZ2luX2VjEXAMPLE/+=", count: 40))),
    Scenario(
        name: "ExecuteStatement, sign() preparing each time",
        credentials: AWSCredentials(
            accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        prepareEachTime: true),
]
let prepared = try signer.prepare(method: "POST", url: url, headers: headers)

/// CPU time of this thread in nanoseconds: on a shared machine it is steadier than wall time.
func threadCPUNanoseconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) * 1e9 + Double(time.tv_nsec)
}

let iterations = 50_000
let runs = 15
print("sigv4-benchmark: \(body.count)-byte body, \(iterations) signatures per run, median of \(runs) runs")
for scenario in scenarios {
    var checksum = 0
    func signOnce() -> Int {
        do {
            let signed = scenario.prepareEachTime
                ? try signer.sign(
                    method: "POST", url: url, headers: headers, body: body, credentials: scenario.credentials, date: date)
                : prepared.sign(body: body, credentials: scenario.credentials, date: date)
            return signed.authorization.utf8.count
        } catch {
            print("signing failed: \(error)")
            return 0
        }
    }
    checksum &+= signOnce()  // warms the signing key cache
    var nanosecondsPerSignature: [Double] = []
    var cpuNanosecondsPerSignature: [Double] = []
    let clock = ContinuousClock()
    for _ in 0..<runs {
        let cpuStart = threadCPUNanoseconds()
        let elapsed = clock.measure {
            for _ in 0..<iterations { checksum &+= signOnce() }
        }
        cpuNanosecondsPerSignature.append((threadCPUNanoseconds() - cpuStart) / Double(iterations))
        let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        nanosecondsPerSignature.append(nanoseconds / Double(iterations))
    }
    nanosecondsPerSignature.sort()
    cpuNanosecondsPerSignature.sort()
    let median = nanosecondsPerSignature[runs / 2]
    let cpuMedian = cpuNanosecondsPerSignature[runs / 2]
    print(
        "\(scenario.name): median \(Int(median.rounded())) ns/signature wall, \(Int(1e9 / median)) signatures/s "
            + "(min \(Int(nanosecondsPerSignature[0].rounded())) ns, max \(Int(nanosecondsPerSignature[runs - 1].rounded())) ns); "
            + "median \(Int(cpuMedian.rounded())) ns/signature CPU time, \(Int(1e9 / cpuMedian)) signatures/s per core"
            + (checksum == 0 ? " [no output]" : ""))
}

/// Median nanoseconds per iteration of `body` over `runs` runs.
func medianNanoseconds(_ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    var perIteration: [Double] = []
    for _ in 0..<runs {
        let elapsed = clock.measure { for _ in 0..<iterations { body() } }
        perIteration.append(
            (Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9)
                / Double(iterations))
    }
    return perIteration.sorted()[runs / 2]
}

do {
    let signed = try signer.sign(
        method: "POST", url: url, headers: headers, body: body, credentials: scenarios[0].credentials, date: date)
    let canonicalRequest = Array(signed.canonicalRequest.utf8)
    let stringToSign = Array(signed.stringToSign.utf8)
    var innerPad = SHA256()
    innerPad.update(data: [UInt8](repeating: 0x36, count: 64))
    var outerPad = SHA256()
    outerPad.update(data: [UInt8](repeating: 0x5C, count: 64))
    var checksum: UInt8 = 0
    func hashFirstByte(_ message: [UInt8]) -> UInt8 {
        var hash = SHA256()
        message.withUnsafeBytes { hash.update(bufferPointer: $0) }
        return hash.finalize().withUnsafeBytes { $0[0] }
    }
    let floor = medianNanoseconds {
        checksum &+= hashFirstByte(body) &+ hashFirstByte(canonicalRequest)
        var inner = innerPad
        stringToSign.withUnsafeBytes { inner.update(bufferPointer: $0) }
        var outer = outerPad
        inner.finalize().withUnsafeBytes { outer.update(bufferPointer: $0) }
        checksum &+= outer.finalize().withUnsafeBytes { $0[0] }
    }
    print(
        "swift-crypto floor (4 SHA-256 of \(body.count) + \(canonicalRequest.count) + \(stringToSign.count) + 32 bytes): "
            + "median \(Int(floor.rounded())) ns" + (checksum == 0 ? " " : ""))
} catch {
    print("signing failed: \(error)")
}
