import CPCRE2

/// A regular expression on PCRE2 with limits, for SQL's regexp(): a pattern
/// like `^(a+)+$` backtracks exponentially, and Swift's Regex cannot be
/// stopped, so one row could hang a build. PCRE2 gives up after `matchLimit`
/// backtracking steps or `depthLimit` nested ones, and says so.
final class BoundedRegex {
    /// About 0.1 s of backtracking at most per value; ordinary patterns need
    /// a few hundred steps per value.
    static let matchLimit: UInt32 = 1_000_000
    static let depthLimit: UInt32 = 10_000
    /// Kilobytes of backtracking memory per match.
    static let heapLimit: UInt32 = 20_000

    enum Failure: Error {
        case invalid(String)
        case limit
        case unavailable(RuntimeLibrary.Unavailable)
    }

    private let pcre2: PCRE2Library
    private let code: OpaquePointer
    private let context: OpaquePointer
    private let matchData: OpaquePointer

    init(_ pattern: String) throws(Failure) {
        let pcre2 = try PCRE2Library.shared.mapError(Failure.unavailable).get()
        var errorCode: Int32 = 0
        var errorOffset = 0
        let bytes = Array(pattern.utf8)
        guard
            let compiled = bytes.withUnsafeBufferPointer({ buffer in
                pcre2.compile(buffer.baseAddress, buffer.count, PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &errorCode, &errorOffset, nil)
            })
        else {
            var message = [UInt8](repeating: 0, count: 256)
            let length = pcre2.errorMessage(errorCode, &message, message.count)
            throw .invalid(length > 0 ? String(decoding: message[..<Int(length)], as: UTF8.self) : "error \(errorCode)")
        }
        guard let context = pcre2.matchContextCreate(nil) else {
            pcre2.codeFree(compiled)
            throw .invalid("out of memory")
        }
        guard let matchData = pcre2.matchDataCreate(compiled, nil) else {
            pcre2.matchContextFree(context)
            pcre2.codeFree(compiled)
            throw .invalid("out of memory")
        }
        _ = pcre2.setMatchLimit(context, Self.matchLimit)
        _ = pcre2.setDepthLimit(context, Self.depthLimit)
        _ = pcre2.setHeapLimit(context, Self.heapLimit)
        self.pcre2 = pcre2
        self.code = compiled
        self.context = context
        self.matchData = matchData
    }

    deinit {
        pcre2.matchDataFree(matchData)
        pcre2.matchContextFree(context)
        pcre2.codeFree(code)
    }

    func matches(_ subject: [UInt8]) throws(Failure) -> Bool {
        try match(subject, from: 0) != nil
    }

    /// Non-overlapping matches, left to right; an empty match moves on one
    /// character, as Swift's `matches(of:)` did.
    func count(in subject: [UInt8]) throws(Failure) -> Int {
        var found = 0
        var start = 0
        while start <= subject.count, let (lower, upper) = try match(subject, from: start) {
            found += 1
            if upper > lower {
                start = upper
            } else {
                start = upper + 1
                // Step over the rest of a multi-byte character.
                while start < subject.count, subject[start] & 0xC0 == 0x80 { start += 1 }
            }
        }
        return found
    }

    private func match(_ subject: [UInt8], from start: Int) throws(Failure) -> (Int, Int)? {
        let result = subject.withUnsafeBufferPointer { buffer in
            // A zero-length array may have no base address; PCRE2 needs one.
            pcre2.match(code, buffer.baseAddress ?? UnsafePointer(bitPattern: 1), buffer.count, start, 0, matchData, context)
        }
        if result == PCRE2_ERROR_NOMATCH { return nil }
        if result == PCRE2_ERROR_MATCHLIMIT || result == PCRE2_ERROR_DEPTHLIMIT || result == PCRE2_ERROR_HEAPLIMIT { throw .limit }
        guard result > 0, let vector = pcre2.ovector(matchData) else { return nil }
        return (Int(vector[0]), Int(vector[1]))
    }
}
