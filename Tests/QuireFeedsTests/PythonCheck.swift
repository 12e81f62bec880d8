import Foundation

/// Runs a Python script over documents written to temporary files and decodes
/// the JSON it prints. A missing `python3` or `feedparser` is an error that
/// says what to install: these checks must fail, never silently pass.
/// Scripts exit with status 3 when `import feedparser` fails.
enum PythonCheck {
    /// Runs the script over the documents; throws a message saying what to install if it cannot.
    static func run<Output: Decodable>(_ script: String, on documents: [String]) throws -> Output {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("quire-feeds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String] = []
        for (index, document) in documents.enumerated() {
            let file = directory.appendingPathComponent("feed\(index).xml")
            try Data(document.utf8).write(to: file)
            paths.append(file.path)
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + paths
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch { throw SetupError("cannot start python3 (\(error)); install python3 and `pip install feedparser`") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        switch process.terminationStatus {
        case 0: return try JSONDecoder().decode(Output.self, from: data)
        case 3: throw SetupError("Python's feedparser is missing: run `pip install feedparser`")
        case 127: throw SetupError("python3 is not on PATH: install python3, then `pip install feedparser`")
        default: throw SetupError("python3 failed (\(process.terminationStatus)): \(errorText)")
        }
    }

    struct SetupError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
