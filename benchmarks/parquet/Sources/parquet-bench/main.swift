import Foundation
import QuireData

// parquet-bench FILE.parquet [COLUMN...]: reads the named columns (all when
// none are named) the way a directive's table is loaded, and prints the rows
// and the sum of each numeric column so the values are really used.
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: parquet-bench FILE.parquet [COLUMN...]\n".utf8))
    exit(2)
}
do {
    let file = try ParquetTable.open(path: arguments[1], displayPath: arguments[1])
    let wanted = arguments.count > 2 ? Set(arguments.dropFirst(2)) : nil
    let table = try file.table(columns: wanted)
    var sums: [String] = []
    for column in table.columns where column.type.isNumeric {
        sums.append("\(column.name)=\(column.doubles.reduce(0) { $0 + ($1 ?? 0) })")
    }
    print("rows \(table.rowCount), columns \(table.columns.count): \(sums.joined(separator: " "))")
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
