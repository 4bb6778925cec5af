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
        guard let python = PythonJSONLoads(bytes) else { return nil }
        var times: [Double] = []
        for _ in 0..<max(repetitions, 1) {
            guard let time = python.time() else { return nil }
            times.append(time)
        }
        times.sort()
        return (times[times.count / 2], times[0])
    }
}

/// A python3 process that runs `json.loads` on the bytes it was given once per `time()` call and answers with the
/// milliseconds it took (timed by Python itself), so that its runs can be interleaved with others.
public final class PythonJSONLoads {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let file: URL
    private var pending: [UInt8] = []

    /// Starts python3 with the bytes (after one warm-up run); nil when python3 is not installed.
    public init?(_ bytes: [UInt8]) {
        file = FileManager.default.temporaryDirectory.appendingPathComponent("decode-benchmark-\(getpid()).json")
        guard (try? Data(bytes).write(to: file)) != nil else { return nil }
        let script = """
            import json, sys, time
            data = open(sys.argv[1], "rb").read()
            json.loads(data)
            for _ in sys.stdin:
                start = time.perf_counter()
                json.loads(data)
                print((time.perf_counter() - start) * 1e3, flush=True)
            """
        signal(SIGPIPE, SIG_IGN)  // a python3 that is gone fails the write instead of ending this process
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, file.path]
        process.standardInput = input
        process.standardOutput = output
        guard (try? process.run()) != nil else {
            try? FileManager.default.removeItem(at: file)
            return nil
        }
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: file)
    }

    /// One `json.loads` run: its milliseconds, or nil if python3 failed.
    public func time() -> Double? {
        guard (try? input.fileHandleForWriting.write(contentsOf: [UInt8(ascii: "\n")])) != nil else { return nil }
        while !pending.contains(UInt8(ascii: "\n")) {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { return nil }
            pending += data
        }
        let end = pending.firstIndex(of: UInt8(ascii: "\n"))!
        let line = String(decoding: pending[..<end], as: UTF8.self)
        pending.removeSubrange(...end)
        return Double(line)
    }
}
