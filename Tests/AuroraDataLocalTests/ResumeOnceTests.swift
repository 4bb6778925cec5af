import Testing

@testable import AuroraDataLocal

/// The one-shot hand-over the endpoint uses to learn its port and to race a statement against its timeout.
@Suite("ResumeOnce")
struct ResumeOnceTests {
    private struct Failure: Error, Equatable {}

    @Test("an outcome that arrives before the continuation is armed is kept and delivered at arm")
    func outcomeBeforeArm() async throws {
        let once = ResumeOnce<Int>()
        once.resume(with: .success(7))
        once.resume(with: .success(8))
        let value = try await withCheckedThrowingContinuation { once.arm($0) }
        #expect(value == 7, "the first outcome wins, even when it came before arm")
    }

    @Test("after arm, the first outcome resumes and later ones are dropped")
    func outcomeAfterArm() async throws {
        let once = ResumeOnce<Int>()
        await #expect(throws: Failure()) {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int, any Error>) in
                once.arm(continuation)
                once.resume(with: .failure(Failure()))
                once.resume(with: .success(1))
            }
        }
    }
}
