import QuireData

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if let table = try? JSONLoader.loadArray(Array(UnsafeBufferPointer(start: data, count: size)), path: "fuzz.json") {
        for column in table.columns where column.count != table.rowCount { fatalError("ragged table from the JSON loader") }
    }
    return 0
}
