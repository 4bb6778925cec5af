// Timing for the decode benchmarks: medians per MiB, and Python's json.loads on the same bytes as the baseline.
import Foundation

public enum DecodeTiming {
    /// Median and best milliseconds of `body` over `repetitions` runs after one warm-up run; `checksum` adds up what
    /// `body` returns, so that the work is not optimized away.
    public static func measure(
        repetitions: Int, checksum: inout Int, _ body: () throws -> Int
    ) rethrows -> (median: Double, best: Double) {
        checksum &+= try body()
        var times: [Double] = []
        for _ in 0..<max(repetitions, 1) {
            let start = ContinuousClock.now
            checksum &+= try body()
            let elapsed = ContinuousClock.now - start
            times.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15)
        }
        times.sort()
        return (times[times.count / 2], times[0])
    }

    /// One line of a report: `name`, the median per MiB and the throughput over `bytes` bytes.
    public static func line(_ name: String, bytes: Int, median: Double, best: Double, runs: Int) -> String {
        let mib = Double(bytes) / Double(DecodeFixture.mebibyte)
        let megabytesPerSecond = Double(bytes) / 1e6 / (median / 1e3)
        return name.padding(toLength: 46, withPad: " ", startingAt: 0)
            + String(
                format: "%7.2f ms/MiB %7.1f MB/s  (median of %d; best %.2f ms/MiB)", median / mib, megabytesPerSecond,
                runs, best / mib)
    }

    /// Python's `json.loads` on the same bytes, timed by Python itself (median and best in milliseconds over
    /// `repetitions` runs); nil when python3 is not installed.
    public static func pythonJSONLoads(_ bytes: [UInt8], repetitions: Int) -> (median: Double, best: Double)? {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("decode-benchmark-\(getpid()).json")
        defer { try? FileManager.default.removeItem(at: file) }
        guard (try? Data(bytes).write(to: file)) != nil else { return nil }
        let script = """
            import json, sys, time
            data = open(sys.argv[1], "rb").read()
            json.loads(data)
            times = []
            for _ in range(int(sys.argv[2])):
                start = time.perf_counter()
                json.loads(data)
                times.append((time.perf_counter() - start) * 1e3)
            times.sort()
            print(times[len(times) // 2], times[0])
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, file.path, String(max(repetitions, 1))]
        let output = Pipe()
        process.standardOutput = output
        guard (try? process.run()) != nil else { return nil }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let numbers = text.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard process.terminationStatus == 0, numbers.count == 2 else { return nil }
        return (numbers[0], numbers[1])
    }
}
