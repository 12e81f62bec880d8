import QuireData

/// Reads the bytes as a TensorBoard event file: the TFRecord framing (both
/// checksums), the Event protobuf and the scalar tensors. Seeds carry valid
/// checksums, so mutations explore both the framing and, where a mutation
/// happens to keep a checksum, the decoder.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTFRecord(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    // Loaded or refused, either is fine; only a crash, hang or sanitizer report is a bug.
    _ = try? TensorBoardLoader.load(bytes: Array(UnsafeBufferPointer(start: data, count: size)), displayPath: "fuzz.tfevents")
    return 0
}
