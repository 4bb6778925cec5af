import AuroraLambdaMain
import Testing

/// The packaged `bootstrap` is the `aurora-data` executable; its name alone makes it the Lambda runtime.
@Suite struct LambdaMainTests {
    @Test(arguments: ["bootstrap", "/var/task/bootstrap", "./bootstrap", "/tmp/code/sha/bootstrap"])
    func startedAsBootstrapIsTheRuntime(executable: String) {
        #expect(LambdaMain.isBootstrap(arguments: [executable, "--ignored"]))
    }

    @Test(arguments: ["aurora-data", "/usr/local/bin/aurora-data", "bootstrap-old", "/var/task/bootstrap/aurora-data",
                      "bootstrap/", ""])
    func anyOtherNameIsTheCLI(executable: String) {
        #expect(!LambdaMain.isBootstrap(arguments: [executable]))
    }

    @Test func noArgumentsIsTheCLI() {
        #expect(!LambdaMain.isBootstrap(arguments: []))
    }
}
