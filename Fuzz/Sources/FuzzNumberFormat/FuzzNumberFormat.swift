import QuireData

/// The first 8 bytes are the value, the rest the d3-format specifier.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNumberFormat(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 8 else { return 0 }
    var bits: UInt64 = 0
    for i in 0..<8 { bits |= UInt64(data[i]) << (8 * UInt64(i)) }
    let specifier = String(decoding: UnsafeBufferPointer(start: data + 8, count: size - 8), as: UTF8.self)
    if let format = try? NumberFormat(specifier) {
        _ = format.format(Double(bitPattern: bits))
    }
    return 0
}
