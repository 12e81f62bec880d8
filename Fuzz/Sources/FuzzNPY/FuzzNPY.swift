import QuireData

/// Parses the header and, when it is accepted, reads every element, so a
/// header that lies about the data would show up as an out-of-bounds read.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNPY(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let matrix = try? NPYLoader.load(bytes: Array(UnsafeBufferPointer(start: data, count: size)), displayPath: "fuzz.npy") else {
        return 0
    }
    guard matrix.elementCount <= 1 << 20 else { return 0 }
    var sum = 0.0
    for layer in 0..<matrix.layerCount {
        for value in matrix.layerValues(layer) where value.isFinite { sum += value }
    }
    return sum.isNaN ? 1 : 0
}
