/// Reads one flat column of one row group: its pages in order, an optional
/// dictionary page first, then data pages (v1 or v2) whose definition levels
/// place the nulls.
struct ParquetColumnReader {
    let file: UnsafeRawBufferPointer
    /// Where the column chunks may lie: after the leading magic, before the footer.
    let dataRange: Range<Int>
    let element: ParquetSchemaElement
    let physical: ParquetPhysicalType
    let conversion: ParquetConversion
    let isOptional: Bool

    /// Appends the chunk's values to `column`.
    func read(_ chunk: ParquetColumnMetadata, rowCount: Int, into column: inout ParquetColumnBuilder) throws {
        guard chunk.type == physical.rawValue else { throw ParquetError("a column chunk's type does not match the schema") }
        guard chunk.valueCount == Int64(rowCount) else {
            throw ParquetError("a column chunk holds \(chunk.valueCount) values for \(rowCount) rows")
        }
        var start = Int(clamping: chunk.dataPageOffset)
        if let dictionary = chunk.dictionaryPageOffset, dictionary > 0, dictionary < chunk.dataPageOffset {
            start = Int(dictionary)
        }
        let (end, overflow) = start.addingReportingOverflow(Int(clamping: chunk.totalCompressedSize))
        guard !overflow, start >= dataRange.lowerBound, end <= dataRange.upperBound else {
            throw ParquetError("a column chunk (bytes \(start)–\(end)) lies outside the file's data", at: start)
        }
        var position = start
        var dictionary: ParquetValues?
        var valuesRead = 0
        while valuesRead < rowCount {
            guard position < end else {
                throw ParquetError("a column chunk ends after \(valuesRead) of its \(rowCount) values", at: position)
            }
            let pageStart = position
            var headerReader = ThriftCompactReader(UnsafeRawBufferPointer(rebasing: file[position..<end]), fileOffset: position)
            let header = try headerReader.pageHeader()
            position += headerReader.position
            guard Int(header.compressedSize) <= end - position else {
                throw ParquetError("a page of \(header.compressedSize) bytes runs past its column chunk", at: pageStart)
            }
            let body = UnsafeRawBufferPointer(rebasing: file[position..<position + Int(header.compressedSize)])
            position += Int(header.compressedSize)
            do {
                switch ParquetPageHeader.Kind(rawValue: header.type) {
                case .dictionaryPage:
                    guard dictionary == nil else { throw ParquetError("a column chunk has a second dictionary page") }
                    dictionary = try readDictionary(header, body: body, codec: chunk.codec)
                case .dataPage, .dataPageV2:
                    guard header.valueCount >= 0, Int(header.valueCount) <= rowCount - valuesRead else {
                        throw ParquetError("a data page claims \(header.valueCount) values where \(rowCount - valuesRead) remain")
                    }
                    try readDataPage(header, body: body, codec: chunk.codec, dictionary: dictionary, into: &column)
                    valuesRead += Int(header.valueCount)
                case .indexPage:
                    continue
                case nil:
                    throw ParquetError("unknown page type \(header.type)")
                }
            } catch var error as ParquetError {
                if error.offset == nil, error.isInTheFile { error.offset = pageStart }
                throw error
            }
        }
    }

    private func readDictionary(_ header: ParquetPageHeader, body: UnsafeRawBufferPointer, codec: Int32) throws -> ParquetValues {
        let encoding = ParquetEncoding(rawValue: header.encoding)
        guard encoding == .plain || encoding == .plainDictionary else {
            throw ParquetError("a dictionary page is encoded as \(ParquetEncoding.name(header.encoding)), not PLAIN")
        }
        guard header.valueCount >= 0 else { throw ParquetError("a dictionary page has a negative size") }
        let owned = try ParquetCompression.decompress(body, codec: codec, uncompressedSize: Int(header.uncompressedSize))
        return try withBytes(owned, or: body) { bytes in
            var cursor = ByteCursor(bytes)
            return try decodeValues(&cursor, encoding: .plain, count: Int(header.valueCount), dictionary: nil)
        }
    }

    private func readDataPage(
        _ header: ParquetPageHeader, body: UnsafeRawBufferPointer, codec: Int32,
        dictionary: ParquetValues?, into column: inout ParquetColumnBuilder
    ) throws {
        let count = Int(header.valueCount)
        let encoding = header.encoding
        if header.type == ParquetPageHeader.Kind.dataPage.rawValue {
            let owned = try ParquetCompression.decompress(body, codec: codec, uncompressedSize: Int(header.uncompressedSize))
            try withBytes(owned, or: body) { bytes in
                var cursor = ByteCursor(bytes)
                var levels: [Bool]?
                if isOptional {
                    guard header.definitionLevelEncoding == ParquetEncoding.rle.rawValue else {
                        throw ParquetError(
                            "definition levels encoded as \(ParquetEncoding.name(header.definitionLevelEncoding)) are not supported")
                    }
                    var levelBytes = ByteCursor(try cursor.take(Int(try cursor.uint32())))
                    levels = try definedFlags(&levelBytes, count: count)
                }
                try appendPage(&cursor, encoding: encoding, count: count, defined: levels, dictionary: dictionary, into: &column)
            }
        } else {
            let repetitionLength = Int(header.repetitionLevelsLength)
            let definitionLength = Int(header.definitionLevelsLength)
            guard repetitionLength >= 0, definitionLength >= 0, repetitionLength + definitionLength <= body.count else {
                throw ParquetError("a page's level sections are longer than the page")
            }
            var levels: [Bool]?
            if isOptional {
                var levelBytes = ByteCursor(UnsafeRawBufferPointer(rebasing: body[repetitionLength..<repetitionLength + definitionLength]))
                levels = try definedFlags(&levelBytes, count: count)
            }
            let data = UnsafeRawBufferPointer(rebasing: body[(repetitionLength + definitionLength)...])
            let dataSize = Int(header.uncompressedSize) - repetitionLength - definitionLength
            let owned = header.isCompressed ? try ParquetCompression.decompress(data, codec: codec, uncompressedSize: dataSize) : nil
            try withBytes(owned, or: data) { bytes in
                var cursor = ByteCursor(bytes)
                try appendPage(&cursor, encoding: encoding, count: count, defined: levels, dictionary: dictionary, into: &column)
            }
        }
    }

    /// A flat optional column's definition levels: 1 is a value, 0 a null.
    private func definedFlags(_ cursor: inout ByteCursor, count: Int) throws -> [Bool] {
        var flags: [Bool] = []
        flags.reserveCapacity(count)
        try ParquetEncodings.decodeHybrid(&cursor, bitWidth: 1, count: count) { level, times in
            guard level <= 1 else { throw ParquetError("a definition level of \(level) in a flat column") }
            flags.append(contentsOf: repeatElement(level == 1, count: times))
        }
        return flags
    }

    private func appendPage(
        _ cursor: inout ByteCursor, encoding: Int32, count: Int, defined: [Bool]?,
        dictionary: ParquetValues?, into column: inout ParquetColumnBuilder
    ) throws {
        let present = defined.map { flags in flags.reduce(0) { $0 + ($1 ? 1 : 0) } } ?? count
        let values = try decodeValues(
            &cursor, encoding: ParquetEncoding(rawValue: encoding), count: present, dictionary: dictionary,
            rawEncoding: encoding)
        guard values.count == present else {
            throw ParquetError("a page holds \(values.count) values where its levels call for \(present)")
        }
        column.append(values, defined: defined)
    }

    private func decodeValues(
        _ cursor: inout ByteCursor, encoding: ParquetEncoding?, count: Int, dictionary: ParquetValues?,
        rawEncoding: Int32 = 0
    ) throws -> ParquetValues {
        switch encoding {
        case .plain?:
            return try plainValues(&cursor, count: count)
        case .plainDictionary?, .rleDictionary?:
            guard let dictionary else { throw ParquetError("a dictionary-encoded page comes without a dictionary page") }
            let bitWidth = Int(try cursor.byte())
            let indices = try ParquetEncodings.hybridValues(&cursor, bitWidth: bitWidth, count: count)
            return try dictionary.gather(indices)
        case .rle? where physical == .boolean:
            var bits = ByteCursor(try cursor.take(Int(try cursor.uint32())))
            let values = try ParquetEncodings.hybridValues(&bits, bitWidth: 1, count: count)
            return .integers(values.map { Int64($0 & 1) })
        case .deltaBinaryPacked? where physical == .int32 || physical == .int64:
            var raw = try ParquetEncodings.deltaBinaryPacked(&cursor, maxCount: count)
            if physical == .int32 { raw = raw.map { Int64(Int32(truncatingIfNeeded: $0)) } }
            return try conversion.fromIntegers(raw)
        case .deltaLengthByteArray? where physical == .byteArray, .deltaByteArray? where physical == .byteArray:
            return try byteArrayValues(&cursor, encoding: encoding!, count: count)
        case .byteStreamSplit? where [.float, .double, .int32, .int64].contains(physical):
            let width = physical == .float || physical == .int32 ? 4 : 8
            guard count <= cursor.remaining / width else { throw ParquetError("a page claims \(count) values, more than its bytes hold") }
            let streams = try cursor.take(count * width)
            var joined = [UInt8](repeating: 0, count: count * width)
            for index in 0..<count {
                for stream in 0..<width { joined[index * width + stream] = streams[stream * count + index] }
            }
            return try joined.withUnsafeBytes { bytes in
                var plain = ByteCursor(bytes)
                return try plainValues(&plain, count: count)
            }
        default:
            throw ParquetError("\(physical) values encoded as \(ParquetEncoding.name(rawEncoding)) are not supported")
        }
    }

    private func plainValues(_ cursor: inout ByteCursor, count: Int) throws -> ParquetValues {
        func fixed(_ width: Int) throws -> UnsafeRawBufferPointer {
            guard count <= cursor.remaining / width else { throw ParquetError("a page claims \(count) values, more than its bytes hold") }
            return try cursor.take(count * width)
        }
        switch physical {
        case .boolean:
            guard count <= cursor.remaining * 8 else { throw ParquetError("a page claims \(count) booleans, more than its bytes hold") }
            let bits = try cursor.take((count + 7) / 8)
            return .integers((0..<count).map { Int64(bits[$0 >> 3] >> UInt8($0 & 7) & 1) })
        case .int32:
            let bytes = try fixed(4)
            return try conversion.fromIntegers(
                (0..<count).map { Int64(Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self))) })
        case .int64:
            let bytes = try fixed(8)
            return try conversion.fromIntegers(
                (0..<count).map { Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: $0 * 8, as: Int64.self)) })
        case .float:
            let bytes = try fixed(4)
            return .reals(
                (0..<count).map {
                    Double(Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))))
                })
        case .double:
            let bytes = try fixed(8)
            return .reals(
                (0..<count).map { Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) })
        case .int96:
            let bytes = try fixed(12)
            return .texts((0..<count).map { ParquetConversion.int96Text(UnsafeRawBufferPointer(rebasing: bytes[$0 * 12..<$0 * 12 + 12])) })
        case .byteArray:
            return try byteArrayValues(&cursor, encoding: .plain, count: count)
        case .fixedLengthByteArray:
            let width = Int(element.typeLength ?? 0)
            guard width > 0 else { throw ParquetError("a fixed-length byte array column has no length") }
            let bytes = try fixed(width)
            let slices = (0..<count).map { UnsafeRawBufferPointer(rebasing: bytes[$0 * width..<($0 + 1) * width]) }
            if conversion.kind == .real { return .reals(slices.map(conversion.real)) }
            return .texts(slices.map(conversion.text))
        }
    }

    private func byteArrayValues(_ cursor: inout ByteCursor, encoding: ParquetEncoding, count: Int) throws -> ParquetValues {
        if conversion.kind == .real {
            var reals: [Double] = []
            try ParquetEncodings.byteArrays(&cursor, encoding: encoding, count: count) { reals.append(conversion.real($0)) }
            return .reals(reals)
        }
        var texts: [String] = []
        try ParquetEncodings.byteArrays(&cursor, encoding: encoding, count: count) { texts.append(conversion.text($0)) }
        return .texts(texts)
    }

    private func withBytes<Result>(
        _ owned: [UInt8]?, or fallback: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> Result
    ) throws -> Result {
        guard let owned else { return try body(fallback) }
        return try owned.withUnsafeBytes(body)
    }
}

/// A column's cells as pages add them: values placed at their definition
/// levels, nulls elsewhere.
struct ParquetColumnBuilder {
    private(set) var integers: [Int64?] = []
    private(set) var reals: [Double?] = []
    private(set) var texts: [String?] = []

    /// Room for the whole column at once, so growing it never holds two copies.
    mutating func reserve(_ count: Int, kind: ColumnType) {
        switch kind {
        case .integer, .boolean: integers.reserveCapacity(count)
        case .real: reals.reserveCapacity(count)
        case .text: texts.reserveCapacity(count)
        }
    }

    mutating func append(_ values: ParquetValues, defined: [Bool]?) {
        switch values {
        case .integers(let list): Self.place(list, defined, into: &integers)
        case .reals(let list): Self.place(list, defined, into: &reals)
        case .texts(let list): Self.place(list, defined, into: &texts)
        }
    }

    private static func place<Element>(_ values: [Element], _ defined: [Bool]?, into target: inout [Element?]) {
        guard let defined else {
            target.append(contentsOf: values.lazy.map { Optional($0) })
            return
        }
        var next = 0
        for isDefined in defined {
            if isDefined {
                target.append(values[next])
                next += 1
            } else {
                target.append(nil)
            }
        }
    }

    func values(as kind: ColumnType) -> ColumnValues {
        switch kind {
        case .integer, .boolean: .integer(integers)
        case .real: .real(reals)
        case .text: .text(texts)
        }
    }
}
