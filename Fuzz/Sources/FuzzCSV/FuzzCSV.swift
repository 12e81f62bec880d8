import QuireData

/// CSV and TSV: the first byte picks the separator.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let separator: UInt8 = bytes.first.map { $0 & 1 == 0 ? UInt8(ascii: ",") : UInt8(ascii: "\t") } ?? UInt8(ascii: ",")
    if let table = try? DelimitedLoader.load(Array(bytes.dropFirst()), separator: separator, path: "fuzz.csv") {
        for column in table.columns where column.count != table.rowCount { fatalError("ragged table from the CSV loader") }
    }
    return 0
}
