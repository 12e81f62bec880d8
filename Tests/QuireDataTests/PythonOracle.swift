import Foundation

/// Runs a Python script (an oracle: the real writer and reader of a format)
/// and decodes the JSON it prints. A missing python3 or package is a failure
/// that says what to install (scripts/install-deps --test), never a skip.
enum PythonOracle {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ script: String, arguments: [String] = []) throws -> Any {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        // stderr goes to a file so a chatty script can never stall on a full pipe.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("quire-oracle-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorFile)
        do { try process.run() } catch { throw Failure(description: "cannot start python3 (\(error)); run scripts/install-deps --test") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errorData = (try? Data(contentsOf: errorFile)) ?? Data()
        guard process.terminationStatus == 0 else {
            throw Failure(
                description:
                    "the Python oracle failed (\(process.terminationStatus)); run scripts/install-deps --test\n\(String(decoding: errorData, as: UTF8.self))"
            )
        }
        return try JSONSerialization.jsonObject(with: data)
    }
}
