import Foundation
import QuireHighlight
import Testing

/// The highlighter against Pygments (the oracle, run here only) on real code
/// found on this machine: the share of non-blank characters that both put in
/// the same category (keyword, string, comment, number, name, operator,
/// punctuation; inserted/deleted/heading for diffs). Languages with no real
/// code on a Debian machine (Rust, TypeScript, TOML, SQL) also read the
/// samples in Samples/, written for this test.
@Suite struct PygmentsAgreementTests {
    static let goal = 0.95

    @Test(.enabled(if: Corpus.has("python"))) func python() throws { try Corpus.check("python") }
    @Test(.enabled(if: Corpus.has("bash"))) func bash() throws { try Corpus.check("bash") }
    @Test(.enabled(if: Corpus.has("json"))) func json() throws { try Corpus.check("json") }
    @Test(.enabled(if: Corpus.has("yaml"))) func yaml() throws { try Corpus.check("yaml") }
    @Test(.enabled(if: Corpus.has("toml"))) func toml() throws { try Corpus.check("toml") }
    @Test(.enabled(if: Corpus.has("sql"))) func sql() throws { try Corpus.check("sql") }
    @Test(.enabled(if: Corpus.has("c"))) func c() throws { try Corpus.check("c") }
    @Test(.enabled(if: Corpus.has("cpp"))) func cpp() throws { try Corpus.check("cpp") }
    @Test(.enabled(if: Corpus.has("swift"))) func swift() throws { try Corpus.check("swift") }
    @Test(.enabled(if: Corpus.has("rust"))) func rust() throws { try Corpus.check("rust") }
    @Test(.enabled(if: Corpus.has("javascript"))) func javascript() throws { try Corpus.check("javascript") }
    @Test(.enabled(if: Corpus.has("typescript"))) func typescript() throws { try Corpus.check("typescript") }
    @Test(.enabled(if: Corpus.has("diff"))) func diff() throws { try Corpus.check("diff") }
}

enum Corpus {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Samples")
    /// Enough text per language for the figure to mean something, little enough to stay quick.
    static let budget = 150_000

    static func has(_ language: String) -> Bool { !(files[language] ?? []).isEmpty }

    /// Per language, the files that exist here (first found first), or with
    /// QUIRE_AGREEMENT_CORPUS=DIR the files in DIR/<language>/ instead: how
    /// the rule tables are measured on code they were not tuned on.
    static let files: [String: [String]] = {
        if let corpus = ProcessInfo.processInfo.environment["QUIRE_AGREEMENT_CORPUS"] { return files(under: corpus) }
        let stdlib = pythonStandardLibrary()
        let swiftShare = swiftToolchainShare()
        let candidates: [String: [String]] = [
            "python": stdlib.map { root in
                ["textwrap.py", "shlex.py", "json/decoder.py", "json/encoder.py", "fractions.py", "dataclasses.py"].map { "\(root)/\($0)" }
            } ?? [],
            "bash": [
                "/usr/bin/ldd", "/usr/bin/gettext.sh", "\(repository.path)/scripts/install-deps",
                "\(repository.path)/benchmarks/rebuild/run.sh", "\(repository.path)/.ci/run",
            ],
            "json": [
                "\(swiftShare)/swift/features.json", "\(swiftShare)/clang/features.json", "\(swiftShare)/pm/config.json",
                "/usr/share/iso-codes/json/schema-3166-1.json", "\(samples.path)/sample.json",
            ],
            "yaml": [
                "/usr/share/perl/5.36.0/CPAN/Kwalify/distroprefs.yml", "/usr/share/doc/python3-yaml/examples/pygments-lexer/example.yaml",
                "\(repository.path)/quire.yaml",
            ],
            "toml": ["/usr/lib/node_modules/npm/node_modules/node-gyp/gyp/pyproject.toml", "\(samples.path)/sample.toml"],
            "sql": [glob("/usr/share/postgresql/*/information_schema.sql"), "\(samples.path)/sample.sql"].compactMap { $0 },
            "c": ["/usr/include/sqlite3.h", "/usr/include/cmark-gfm.h", "/usr/include/zlib.h"],
            "cpp": [
                glob("/usr/include/c++/*/bits/stl_vector.h"), glob("/usr/include/c++/*/bits/shared_ptr_base.h"),
                glob("/usr/include/c++/*/bits/stl_algo.h"),
            ].compactMap { $0 },
            "swift": [
                "Sources/QuireHighlight/Tokenizer.swift", "Sources/QuireMarkdown/MarkdownDocument.swift",
                "Sources/QuireSite/ItemRenderer.swift", "Sources/QuireCharts/Render/ChartRenderer.swift",
            ].map { "\(repository.path)/\($0)" },
            "rust": [
                "\(NSHomeDirectory())/.rustup/toolchains/stable-x86_64-unknown-linux-gnu/share/doc/rust/html/error_codes/main.rs",
                "\(samples.path)/sample.rs",
            ],
            "javascript": [
                "/usr/share/javascript/katex/contrib/auto-render.js", "/usr/share/javascript/sphinxdoc/1.0/searchtools.js",
                "/usr/share/javascript/sphinxdoc/1.0/doctools.js", "/usr/lib/node_modules/npm/lib/npm.js",
                "\(samples.path)/sample.js",
            ],
            "typescript": [
                "/usr/lib/node_modules/npm/node_modules/glob/dist/esm/glob.d.ts",
                "/usr/lib/node_modules/npm/node_modules/glob/dist/esm/walker.d.ts", "\(samples.path)/sample.ts",
            ],
            "diff": stdlib.map {
                [makeDiff("\($0)/json/decoder.py", "\($0)/json/encoder.py"), makeDiff("\($0)/textwrap.py", "\($0)/shlex.py")].compactMap {
                    $0
                }
            } ?? [],
        ]
        return candidates.mapValues { $0.filter { FileManager.default.isReadableFile(atPath: $0) } }
    }()

    /// More of the disagreements when measuring on an outside corpus, to see what to fix.
    static let shownConfusions = ProcessInfo.processInfo.environment["QUIRE_AGREEMENT_CORPUS"] == nil ? 6 : 20

    static func files(under corpus: String) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for language in lexers.keys {
            let directory = "\(corpus)/\(language)"
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            result[language] = names.sorted().map { "\(directory)/\($0)" }
        }
        return result
    }

    static let lexers = [
        "python": "python", "bash": "bash", "json": "json", "yaml": "yaml", "toml": "toml", "sql": "sql",
        "c": "c", "cpp": "cpp", "swift": "swift", "rust": "rust", "javascript": "javascript",
        "typescript": "typescript", "diff": "diff",
    ]

    static func check(_ language: String) throws {
        var texts: [(path: String, text: String)] = []
        var total = 0
        for path in files[language] ?? [] where total < budget {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            var text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
            if text.utf8.count > budget - total { text = String(text.prefix(budget - total)) }
            if let cut = text.lastIndex(of: "\n") { text = String(text[...cut]) }
            texts.append((path, text))
            total += text.utf8.count
        }
        let oracle: [String] = try PygmentsOracle.categories(lexer: lexers[language]!, texts: texts.map(\.text))
        var agreed = 0
        var counted = 0
        var confusions: [String: (count: Int, example: String)] = [:]
        for ((path, text), expected) in zip(texts, oracle) {
            let ours = Self.categories(of: text, language: language)
            let scalars = Array(text.unicodeScalars)
            let expectedLetters = Array(expected.unicodeScalars)
            try #require(expectedLetters.count == scalars.count, "Pygments and quire see a different number of characters in \(path)")
            for index in scalars.indices where !CharacterSet.whitespacesAndNewlines.contains(scalars[index]) {
                counted += 1
                if ours[index] == expectedLetters[index] {
                    agreed += 1
                    continue
                }
                let key = "pygments \(expectedLetters[index]) / quire \(ours[index])"
                let start = max(0, index - 12)
                let end = min(scalars.count, index + 12)
                let example = String(String.UnicodeScalarView(scalars[start..<end])).replacingOccurrences(of: "\n", with: "⏎")
                confusions[key, default: (0, example)].count += 1
            }
        }
        let share = Double(agreed) / Double(max(counted, 1))
        let names = texts.map { URL(fileURLWithPath: $0.path).lastPathComponent }.joined(separator: ", ")
        print("pygments agreement \(language): \(String(format: "%.1f", share * 100))% of \(counted) characters (\(names))")
        for (key, value) in confusions.sorted(by: { $0.value.count > $1.value.count }).prefix(shownConfusions) {
            print("    \(value.count)× \(key)  e.g. «\(value.example)»")
        }
        #expect(share >= PygmentsAgreementTests.goal, "\(language): \(agreed) of \(counted) characters agree with Pygments")
    }

    /// One category letter per Unicode scalar, as the oracle script writes them.
    static func categories(of text: String, language: String) -> [Unicode.Scalar] {
        let bytes = Array(text.utf8)
        var perByte = [Unicode.Scalar](repeating: "t", count: bytes.count)
        for token in Highlighter.tokens(of: text, language: language) ?? [] {
            for index in token.range { perByte[index] = letter(token.kind) }
        }
        var result: [Unicode.Scalar] = []
        var index = 0
        for scalar in text.unicodeScalars {
            result.append(perByte[index])
            index += String(scalar).utf8.count
        }
        return result
    }

    static func letter(_ kind: TokenKind) -> Unicode.Scalar {
        switch kind {
        case .plain: "t"
        case .name, .type, .builtin, .function, .decorator, .key, .variable: "n"
        case .keyword, .constant, .section: "k"
        case .string: "s"
        case .number: "d"
        case .comment, .meta: "c"
        case .operator: "o"
        case .punctuation: "p"
        case .inserted: "i"
        case .deleted: "x"
        case .heading: "h"
        case .prompt: "$"
        }
    }

    static func glob(_ pattern: String) -> String? {
        var result = glob_t()
        defer { globfree(&result) }
        guard Foundation.glob(pattern, 0, nil, &result) == 0, result.gl_pathc > 0, let first = result.gl_pathv[Int(result.gl_pathc) - 1]
        else { return nil }
        return String(cString: first)
    }

    static func run(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static func pythonStandardLibrary() -> String? {
        run(["python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"])?
            .trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
    }

    /// `<toolchain>/usr/share`, found from the `swift` on PATH.
    static func swiftToolchainShare() -> String {
        let swift = run(["sh", "-c", "command -v swift"])?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let resolved = URL(fileURLWithPath: swift).resolvingSymlinksInPath()
        return resolved.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("share").path
    }

    /// `diff -u` of two real files, written to a temporary file.
    static func makeDiff(_ old: String, _ new: String) -> String? {
        guard let output = run(["diff", "-u", old, new]), !output.isEmpty else { return nil }
        let name = [old, new].map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }.joined(separator: "-to-")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("quire-highlight-\(name).diff")
        return (try? Data(output.utf8).write(to: file)).map { file.path }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

/// Runs Pygments over texts and returns one category letter per character.
enum PygmentsOracle {
    static let script = #"""
        import json, sys
        try:
            from pygments.lexers import get_lexer_by_name
            from pygments.token import Token, Keyword, Name, String, Literal, Number, Comment, Operator, Punctuation, Generic
        except ImportError:
            sys.exit(3)
        LETTERS = {Keyword: 'k', Operator.Word: 'k', Name: 'n', String: 's', Literal.Date: 'd', Number: 'd', Literal: 's',
                   Comment: 'c', Operator: 'o', Punctuation: 'p', Generic.Inserted: 'i', Generic.Deleted: 'x',
                   Generic.Heading: 'h', Generic.Subheading: 'h', Generic.Prompt: '$'}
        def letter(kind):
            while kind is not Token:
                if kind in LETTERS:
                    return LETTERS[kind]
                kind = kind.parent
            return 't'
        lexer = get_lexer_by_name(sys.argv[1], stripnl=False, ensurenl=False)
        out = []
        for path in sys.argv[2:]:
            text = open(path, encoding='utf-8', newline='').read()
            letters = ''.join(letter(kind) * len(value) for kind, value in lexer.get_tokens(text))
            out.append(letters[:len(text)])
        print(json.dumps(out))
        """#

    static func categories(lexer: String, texts: [String]) throws -> [String] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("quire-pygments-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String] = []
        for (index, text) in texts.enumerated() {
            let file = directory.appendingPathComponent("text\(index)")
            try Data(text.utf8).write(to: file)
            paths.append(file.path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, lexer] + paths
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        switch process.terminationStatus {
        case 0: return try JSONDecoder().decode([String].self, from: data)
        case 3: throw OracleMissing(description: "Pygments is missing: run scripts/install-deps --test (pip install pygments)")
        default: throw OracleMissing(description: "python3 failed (\(process.terminationStatus)): \(errorText)")
        }
    }

    struct OracleMissing: Error, CustomStringConvertible { var description: String }
}
