import Synchronization
import Testing

@testable import AuroraFluent

/// The driver's engine: given, or detected once; a failed detection is asked again, a successful one never.
@Suite("Fluent driver engine resolution")
struct EngineResolverTests {
    struct Unreachable: Error {}

    @Test("a given engine is never asked")
    func given() async throws {
        let asked = Atomic(0)
        let resolver = AuroraEngineResolver(given: .mysql) {
            asked.add(1, ordering: .relaxed)
            return .postgresql
        }
        #expect(resolver.known == .mysql)
        #expect(try await resolver.resolve() == .mysql)
        #expect(asked.load(ordering: .relaxed) == 0)
    }

    @Test("a failed detection is retried at the next query; a detected engine is kept")
    func retriedAfterFailure() async throws {
        let asked = Atomic(0)
        let resolver = AuroraEngineResolver(given: nil) {
            let attempt = asked.add(1, ordering: .relaxed).newValue
            if attempt == 1 { throw Unreachable() }
            return .mysql
        }
        await #expect(throws: Unreachable.self) { try await resolver.resolve() }
        #expect(resolver.known == nil)
        #expect(try await resolver.resolve() == .mysql)
        #expect(try await resolver.resolve() == .mysql)
        #expect(resolver.known == .mysql)
        #expect(asked.load(ordering: .relaxed) == 2)
    }
}
