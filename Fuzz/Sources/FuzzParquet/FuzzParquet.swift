import QuireData

/// Opens the bytes as a Parquet file and, when the footer is accepted and the
/// rows are few enough to read quickly, reads every column, so a length that
/// lies anywhere (footer, page header, encoding) shows up as a sanitizer
/// report rather than passing unnoticed.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParquet(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let file = try? ParquetTable.open(bytes: Array(UnsafeBufferPointer(start: data, count: size)), displayPath: "fuzz.parquet"),
        file.rowCount <= 1 << 16
    else { return 0 }
    var cells = 0
    for name in file.columnNames {
        guard let column = try? file.column(named: name) else { continue }
        cells += column.count
    }
    return cells < 0 ? 1 : 0
}
