import QuireData

/// Parses a safetensors header and reads every tensor it accepts, so a header
/// that lies about the data would show up as an out-of-bounds read.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafetensors(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard
        let tensors = try? SafetensorsLoader.loadAll(
            bytes: Array(UnsafeBufferPointer(start: data, count: size)), displayPath: "fuzz.safetensors")
    else { return 0 }
    var sum = 0.0
    for matrix in tensors.values where matrix.elementCount <= 1 << 20 {
        for layer in 0..<matrix.layerCount {
            for value in matrix.layerValues(layer) where value.isFinite { sum += value }
        }
    }
    return sum.isNaN ? 1 : 0
}
