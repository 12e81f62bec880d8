import Foundation
import QuireDiagnostics
import Testing

@testable import QuireData

/// `.safetensors` files written by the safetensors package from numpy
/// arrays; quire's values are compared with what safetensors reads back.
@Suite struct SafetensorsTests {
    /// Writes argv[1] with one tensor per dtype quire reads (bfloat16 by its
    /// bits, numpy having no bfloat16) and prints {name: [dtype, shape, values]}
    /// as safetensors.numpy.load_file reads them.
    static let writeAndRead = #"""
        import json, sys
        import numpy as np
        from safetensors.numpy import save_file, load_file
        rng = np.random.default_rng(3)
        tensors = {
            "layers.0.attn.weight": rng.normal(size=(4, 3)).astype(np.float32),
            "layers.0.attn.bias": rng.normal(size=(3,)).astype(np.float16),
            "embed": rng.normal(size=(2, 3, 2)).astype(np.float64),
            "ids8": np.array([[-128, 0, 127]], dtype=np.int8),
            "ids16": np.array([-32768, 7, 32767], dtype=np.int16),
            "ids32": np.array([-2**31, 1, 2**31 - 1], dtype=np.int32),
            "ids64": np.array([-2**53, 5, 2**53], dtype=np.int64),
            "u8": np.array([0, 200, 255], dtype=np.uint8),
            "u16": np.array([0, 65535], dtype=np.uint16),
            "u32": np.array([0, 2**32 - 1], dtype=np.uint32),
            "u64": np.array([0, 2**53], dtype=np.uint64),
            "mask": np.array([[True, False], [False, True]]),
        }
        save_file(tensors, sys.argv[1], metadata={"format": "np"})
        back = load_file(sys.argv[1])
        # Numbers as repr text: Foundation's JSON reader may round the last bit.
        print(json.dumps({name: [str(array.dtype), list(array.shape), [repr(v) for v in array.astype(np.float64).ravel().tolist()]] for name, array in back.items()}))
        """#

    @Test func everyDtypeReadsAsSafetensorsReadsIt() throws {
        let site = try TestSite()
        let file = site.bundle.appendingPathComponent("model.safetensors")
        let oracle = try #require(try PythonOracle.run(Self.writeAndRead, arguments: [file.path]) as? [String: [Any]])
        let scope = try site.scope()
        #expect(oracle.count == 12)
        for (tensor, described) in oracle {
            let name = "model." + tensor
            #expect(scope.isMatrix(name), "\(name) is a matrix")
            let matrix = try scope.matrix(named: name, at: SourceLocation(path: "post.md"))
            let shape = (described[1] as? [NSNumber] ?? []).map(\.intValue)
            let values = (described[2] as? [String] ?? []).compactMap(Double.init)
            #expect(matrix.shape == shape, "\(name)")
            var mine: [Double] = []
            for layer in 0..<matrix.layerCount { mine += matrix.layerValues(layer) }
            #expect(mine == values, "\(name): \(mine) ≠ \(values)")
        }
    }

    @Test func bfloat16IsTheTopHalfOfAFloat32() throws {
        // Hand-made file: BF16 bits 0x3FC0 = 1.5, 0xC0A0 = -5, 0x7F80 = +inf (float32 0x3FC00000, 0xC0A00000, 0x7F800000).
        let header = #"{"w":{"dtype":"BF16","shape":[3],"data_offsets":[0,6]}}"#
        let bytes =
            littleEndianBytes([UInt64(header.utf8.count)]) + Array(header.utf8) + littleEndianBytes([UInt16(0x3FC0), 0xC0A0, 0x7F80])
        let matrix = try #require(try SafetensorsLoader.loadAll(bytes: bytes, displayPath: "m.safetensors")["w"])
        #expect(matrix.layerValues() == [1.5, -5, .infinity])
    }

    @Test func worksAsTheMatrixOfPCA() throws {
        let site = try TestSite()
        let file = site.bundle.appendingPathComponent("acts.safetensors")
        _ = try PythonOracle.run(
            #"""
            import sys
            import numpy as np
            from safetensors.numpy import save_file
            x = np.random.default_rng(0).normal(size=(50, 4)).astype(np.float32)
            x[:, 1] = 3 * x[:, 0]
            save_file({"block.1": x}, sys.argv[1])
            print("{}")
            """#, arguments: [file.path])
        let scope = try site.scope()
        let result = try Analysis.run(
            .pca(from: "acts.block.1", layer: nil, k: 2, center: true, rows: nil, solver: .exact),
            places: ArgumentPlaces(body: SourceLocation(path: "post.md")), scope: scope)
        #expect(result.table?.rowCount == 50)
        #expect(result.table?.columnNames.prefix(2) == ["pc1", "pc2"])
    }

    func headerError(_ header: String, data: [UInt8] = []) -> String {
        let bytes = littleEndianBytes([UInt64(header.utf8.count)]) + Array(header.utf8) + data
        do {
            _ = try SafetensorsLoader.loadAll(bytes: bytes, displayPath: "m.safetensors")
            return "no error"
        } catch {
            return error.diagnostics(orAt: SourceLocation(path: "?")).first?.message ?? "?"
        }
    }

    @Test func aHeaderThatDisagreesWithTheFileIsAnError() {
        #expect(
            headerError(#"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: [0, 0, 0]).contains("outside the 3 bytes of data")
        )
        #expect(
            headerError(#"{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, data: Array(repeating: 0, count: 8)).contains(
                "needs 12 bytes but has 8"))
        #expect(
            headerError(
                #"{"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]},"b":{"dtype":"U8","shape":[2],"data_offsets":[3,5]}}"#,
                data: Array(repeating: 0, count: 5)
            ).contains("gap before tensor 'b'"))
        #expect(
            headerError(
                #"{"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]},"b":{"dtype":"U8","shape":[2],"data_offsets":[1,3]}}"#,
                data: Array(repeating: 0, count: 3)
            ).contains("overlaps"))
        #expect(
            headerError(#"{"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]}}"#, data: Array(repeating: 0, count: 4)).contains(
                "cover 2 bytes but the file holds 4"))
        #expect(headerError(#"{"a":{"dtype":"U8","shape":[-1],"data_offsets":[0,0]}}"#).contains("shape"))
        #expect(headerError(#"{"a":{"dtype":"F8_E4M3","shape":[1],"data_offsets":[0,1]}}"#, data: [0]).contains("dtype F8_E4M3"))
        #expect(headerError(#"{"a":"#).contains("malformed"))
        #expect(headerError(#"[1]"#).contains("not a JSON object"))
        var lying = littleEndianBytes([UInt64(1) << 40])
        lying += Array("{}".utf8)
        do {
            _ = try SafetensorsLoader.loadAll(bytes: lying, displayPath: "m.safetensors")
            Issue.record("a header longer than the file loaded")
        } catch {
            #expect(error.diagnostics(orAt: SourceLocation(path: "?")).first?.message.contains("claims 1099511627776 bytes") == true)
        }
    }

    @Test func everyTruncationIsAnErrorNeverACrash() throws {
        let site = try TestSite()
        let file = site.bundle.appendingPathComponent("m.safetensors")
        _ = try PythonOracle.run(Self.writeAndRead, arguments: [file.path])
        let bytes = [UInt8](try Data(contentsOf: file))
        for cut in 0..<bytes.count {
            #expect(throws: (any Error).self, "cut at \(cut)") {
                _ = try SafetensorsLoader.loadAll(bytes: Array(bytes.prefix(cut)), displayPath: "m.safetensors")
            }
        }
    }
}
