/// Copies of a few bytes — a highlighted token, a span's tag, an entity —
/// done with a pair of possibly overlapping loads and stores. `memmove`, which
/// `UnsafeMutablePointer.update(from:count:)` calls, costs more than such a
/// copy itself; escaping and highlighting make one for every few bytes.
package enum ByteCopy {
    @inlinable @inline(__always)
    package static func copy(_ source: UnsafePointer<UInt8>, to destination: UnsafeMutablePointer<UInt8>, count: Int) {
        let from = UnsafeRawPointer(source)
        let to = UnsafeMutableRawPointer(destination)
        switch count {
        case 0:
            return
        case 1...3:
            destination[0] = source[0]
            destination[count / 2] = source[count / 2]
            destination[count - 1] = source[count - 1]
        case 4...7:
            let head = from.loadUnaligned(as: UInt32.self)
            let tail = from.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
            to.storeBytes(of: head, as: UInt32.self)
            to.storeBytes(of: tail, toByteOffset: count - 4, as: UInt32.self)
        case 8...16:
            let head = from.loadUnaligned(as: UInt64.self)
            let tail = from.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            to.storeBytes(of: head, as: UInt64.self)
            to.storeBytes(of: tail, toByteOffset: count - 8, as: UInt64.self)
        case 17...32:
            let first = from.loadUnaligned(as: (UInt64, UInt64).self)
            let last = from.loadUnaligned(fromByteOffset: count - 16, as: (UInt64, UInt64).self)
            to.storeBytes(of: first.0, as: UInt64.self)
            to.storeBytes(of: first.1, toByteOffset: 8, as: UInt64.self)
            to.storeBytes(of: last.0, toByteOffset: count - 16, as: UInt64.self)
            to.storeBytes(of: last.1, toByteOffset: count - 8, as: UInt64.self)
        default:
            destination.update(from: source, count: count)
        }
    }
}
