import NIOCore

/// Makes NIO's shared event loop group (the one AsyncHTTPClient uses) one thread instead of one per core.
///
/// For a process that makes a request or a few at a time — one `aurora-data` call, one Lambda invocation after
/// another — a single event loop is all the I/O needs, and every extra thread is start-up time and memory.
/// Call it first thing in `main`, before anything uses NIO (NIO allows setting this once per process).
public func useOneEventLoopThread() {
    NIOSingletons.groupLoopCountSuggestion = 1
}
