import Foundation
import QuireDiagnostics
import Testing

@testable import QuireData

@Suite struct LoaderTests {
    let at = SourceLocation(path: "post.md")

    @Test func csvInfersTypesPerColumnAndReadsQuotes() throws {
        let site = try TestSite()
        try site.write("check-ins.csv", "step,loss,note,flag\r\n1,0.5,\"a, b\",x\r\n2,,\"say \"\"hi\"\"\",\r\n3,1e-3,\"two\nlines\",y\r\n")
        let table = try site.scope().table(named: "check_ins", at: at)
        #expect(table.rowCount == 3)
        #expect(table.column(named: "step")?.values == .integer([1, 2, 3]))
        #expect(table.column(named: "loss")?.values == .real([0.5, nil, 0.001]))
        #expect(table.column(named: "note")?.values == .text(["a, b", "say \"hi\"", "two\nlines"]))
        #expect(table.column(named: "flag")?.values == .text(["x", nil, "y"]))
    }

    @Test func tsvAndMixedNumberColumns() throws {
        let site = try TestSite()
        try site.write("t.tsv", "a\tb\n 1\tx\n2.5 \t3\n")
        let table = try site.scope().table(named: "t", at: at)
        #expect(table.column(named: "a")?.values == .real([1, 2.5]))
        #expect(table.column(named: "b")?.values == .text(["x", "3"]))
    }

    @Test func jsonFlattensNestedKeysAndFillsMissingWithNull() throws {
        let site = try TestSite()
        try site.write("runs.json", #"[{"id": 1, "cfg": {"lr": 0.1, "opt": {"name": "adam"}}, "tags": ["a", "b"]}, {"id": 2, "ok": true}]"#)
        let table = try site.scope().table(named: "runs", at: at)
        #expect(table.columnNames == ["id", "cfg.lr", "cfg.opt.name", "tags", "ok"])
        #expect(table.column(named: "cfg.lr")?.values == .real([0.1, nil]))
        #expect(table.column(named: "cfg.opt.name")?.values == .text(["adam", nil]))
        #expect(table.column(named: "tags")?.values == .text([#"["a","b"]"#, nil]))
        #expect(table.column(named: "ok")?.values == .boolean([nil, true]))
    }

    @Test func jsonlReadsOneObjectPerLine() throws {
        let site = try TestSite()
        try site.write("log.jsonl", "{\"step\": 1, \"text\": \"caf\\u00e9 \\ud83d\\ude00\"}\n\n{\"step\": 2, \"text\": null}\n")
        let table = try site.scope().table(named: "log", at: at)
        #expect(table.column(named: "step")?.values == .integer([1, 2]))
        #expect(table.column(named: "text")?.values == .text(["café 😀", nil]))
    }

    @Test func sqliteFileTablesAreEachInScope() throws {
        let site = try TestSite()
        let path = site.bundle.appendingPathComponent("store.db").path
        do {
            let database = try SQLiteDatabase.openForWriting(path: path)
            try database.execute("CREATE TABLE Runs(id INTEGER, name TEXT); INSERT INTO Runs VALUES (1, 'a'), (2, NULL);")
        }
        let scope = try site.scope()
        #expect(scope.names == ["runs", "store.runs"])
        let table = try scope.table(named: "runs", at: at)
        #expect(table.column(named: "name")?.values == .text(["a", nil]))
        #expect(try scope.table(named: "store.runs", at: at) == table)
    }

    @Test func filesAreReadOnlyWhenUsed() throws {
        let site = try TestSite()
        try site.write("broken.csv", "a,b\n1\n")
        try site.write("junk.npy", Data("garbage".utf8))
        try site.write("good.csv", "a\n1\n")
        let scope = try site.scope()
        #expect(scope.names == ["broken", "good", "junk"])
        #expect(try scope.table(named: "good", at: at).rowCount == 1)
    }

    @Test func bundleShadowsSiteDataAndNamesAreNormalised() throws {
        let site = try TestSite()
        try site.write("Check-Ins.csv", "a\n1\n", in: site.siteData)
        try site.write("check_ins.csv", "a\n2\n")
        try site.write("other.csv", "b\n3\n", in: site.siteData)
        let scope = try site.scope()
        #expect(scope.names == ["check_ins", "other"])
        #expect(try scope.table(named: "check_ins", at: at).column(named: "a")?.values == .integer([2]))
    }

    // Reference values from numpy 2.4.6, run once by hand:
    //   a = np.arange(24, dtype='<f4').reshape(2, 3, 4)
    //   np.asfortranarray(a).tobytes(order='F')[:16] → elements 0, 12, 4, 16 (a[0,0,0], a[1,0,0], a[0,1,0], a[1,1,0])
    //   a[1, 2, 3] == 23.0; a[0, 1, 2] == 6.0
    @Test func npyFortranOrder3D() throws {
        let site = try TestSite()
        var fortran: [Float] = []
        for k in 0..<4 { for j in 0..<3 { for i in 0..<2 { fortran.append(Float(i * 12 + j * 4 + k)) } } }
        try site.write("acts.npy", npyBytes(descr: "<f4", shape: [2, 3, 4], fortran: true, payload: floatBytes(fortran)))
        let matrix = try site.scope().matrix(named: "acts", at: at)
        #expect(matrix.shape == [2, 3, 4])
        #expect(matrix.value(layer: 1, row: 2, column: 3) == 23)
        #expect(matrix.value(layer: 0, row: 1, column: 2) == 6)
        #expect(matrix.layerValues(1) == (12..<24).map(Double.init))
    }

    @Test func npyEveryDtype() throws {
        let site = try TestSite()
        // float16: 1.0 = 0x3C00, -2.0 = 0xC000, 0.5 = 0x3800 (np.array([1,-2,.5], '<f2').view('<u2'))
        try site.write("h.npy", npyBytes(descr: "<f2", shape: [3], payload: littleEndianBytes([UInt16(0x3C00), 0xC000, 0x3800])))
        try site.write("f8.npy", npyBytes(descr: "<f8", shape: [2], payload: doubleBytes([1.5, -2])))
        try site.write("i1.npy", npyBytes(descr: "|i1", shape: [2], payload: [0xFF, 0x7F]))
        try site.write("u1.npy", npyBytes(descr: "|u1", shape: [2], payload: [0xFF, 0x01]))
        try site.write("i2.npy", npyBytes(descr: "<i2", shape: [1], payload: littleEndianBytes([Int16(-300)])))
        try site.write("u2.npy", npyBytes(descr: "<u2", shape: [1], payload: littleEndianBytes([UInt16(60000)])))
        try site.write("i4.npy", npyBytes(descr: "<i4", shape: [1], payload: littleEndianBytes([Int32(-70000)])))
        try site.write("u4.npy", npyBytes(descr: "<u4", shape: [1], payload: littleEndianBytes([UInt32(4_000_000_000)])))
        try site.write("i8.npy", npyBytes(descr: "<i8", shape: [1], payload: littleEndianBytes([Int64(-5_000_000_000)])))
        try site.write("u8.npy", npyBytes(descr: "<u8", shape: [1], payload: littleEndianBytes([UInt64(9_000_000_000)])))
        try site.write("b.npy", npyBytes(descr: "|b1", shape: [2], payload: [0, 1]))
        try site.write("be.npy", npyBytes(descr: ">i4", shape: [1], payload: [0, 0, 1, 2]))
        let scope = try site.scope()
        func values(_ name: String) throws -> [Double] { try scope.matrix(named: name, at: at).layerValues() }
        #expect(try values("h") == [1, -2, 0.5])
        #expect(try values("f8") == [1.5, -2])
        #expect(try values("i1") == [-1, 127])
        #expect(try values("u1") == [255, 1])
        #expect(try values("i2") == [-300])
        #expect(try values("u2") == [60000])
        #expect(try values("i4") == [-70000])
        #expect(try values("u4") == [4_000_000_000])
        #expect(try values("i8") == [-5_000_000_000])
        #expect(try values("u8") == [9_000_000_000])
        #expect(try values("b") == [0, 1])
        #expect(try values("be") == [258])
        #expect(try scope.table(named: "f8", at: at).column(named: "value")?.values == .real([1.5, -2]))
    }

    @Test func halfPrecisionSpecialValues() {
        #expect(Matrix.halfToFloat(0x7C00) == .infinity)
        #expect(Matrix.halfToFloat(0x0001) == Float(sign: .plus, exponent: -24, significand: 1))
        #expect(Matrix.halfToFloat(0x7E00).isNaN)
        #expect(Matrix.halfToFloat(0x8000) == 0)
    }
}
