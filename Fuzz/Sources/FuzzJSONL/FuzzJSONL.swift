import QuireData

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONL(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if let table = try? JSONLoader.loadLines(Array(UnsafeBufferPointer(start: data, count: size)), path: "fuzz.jsonl") {
        for column in table.columns where column.count != table.rowCount { fatalError("ragged table from the JSONL loader") }
    }
    return 0
}
