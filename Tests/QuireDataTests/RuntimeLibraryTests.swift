import Testing

@testable import QuireData

/// Libraries opened on first use (RuntimeLibrary): a machine without one fails
/// at the directive that needs it, naming what to install.
@Suite struct RuntimeLibraryTests {
    @Test func aMissingLibraryNamesItselfAndWhatToInstall() {
        let result = RuntimeLibrary.open("libquire-no-such-codec.so.1", install: "Debian's libquire-codec1")
        guard case .failure(let why) = result else {
            Issue.record("a missing library opened")
            return
        }
        #expect(why.description.hasPrefix("cannot open libquire-no-such-codec.so.1 ("))
        #expect(why.description.hasSuffix("); install Debian's libquire-codec1"))
    }

    @Test func aMissingFunctionNamesTheLibrary() throws {
        let zlib = try RuntimeLibrary.open("libz.so.1", install: "zlib1g").get()
        let error = #expect(throws: RuntimeLibrary.Unavailable.self) {
            _ = try zlib.function("quire_no_such_function", as: (@convention(c) () -> Void).self)
        }
        #expect(error?.description == "quire_no_such_function is missing from libz.so.1")
    }

    /// On this machine (scripts/install-deps) every optional library opens.
    @Test func everyOptionalLibraryOpensHere() throws {
        _ = try SnappyLibrary.shared.get()
        _ = try ZstdLibrary.shared.get()
        _ = try ZlibLibrary.shared.get()
        _ = try PCRE2Library.shared.get()
        _ = try LinearAlgebraLibrary.load()
    }

    /// A Parquet column whose codec's library is missing says which codec and
    /// what to install, not that the file is corrupt.
    @Test func aParquetPageWithoutItsCodecLibrarySaysWhatToInstall() {
        let missing = RuntimeLibrary.open("libquire-no-such-snappy.so.1", install: "Debian's libsnappy1v5")
            .map { _ in 0 }
        let error = #expect(throws: ParquetError.self) {
            try ParquetCompression.library(missing, for: ParquetCodec.snappy.rawValue)
        }
        let message = error?.message ?? ""
        #expect(message.hasPrefix("the column is compressed with snappy, but cannot open libquire-no-such-snappy.so.1 ("))
        #expect(message.hasSuffix("); install Debian's libsnappy1v5"))
        // Not the file's fault: no byte offset is added to the message.
        #expect(error?.isInTheFile == false)
    }
}
