import Foundation
import Testing

@testable import QuireCharts

/// Specs built to hurt: they must fail fast with a located error.
@Suite struct HostileSpecTests {
    @Test func aliasBombIsRejectedQuickly() {
        var yaml = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (previous, name) in zip(names, names.dropFirst()) {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        for spec in [yaml, yaml + "data: losses\nmark: line\nx: step\ny: *i\nlayers: *h\nannotations: *i\n"] {
            let start = Date()
            let problems = Fixtures.problems(spec)
            #expect(Date().timeIntervalSince(start) < 2)
            #expect(!problems.isEmpty)
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let depth = 100_000
        let yaml =
            "data: losses\nmark: line\nx: step\ny: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        let problems = Fixtures.problems(yaml)
        #expect(problems.first?.message.hasPrefix("invalid YAML: ") == true)
    }
}
