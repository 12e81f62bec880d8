import Foundation
import Testing

@testable import QuireSite

/// Figure sizes read from image headers, against files Pillow writes and
/// Pillow's own reading of them (the oracle, run here only).
@Suite struct ImageSizeTests {
    /// Writes one image per format and size, and prints what Pillow reads back.
    static let script = #"""
        import json, sys, os
        try:
            from PIL import Image
        except ImportError:
            sys.exit(3)
        folder = sys.argv[1]
        exif = Image.Exif()
        exif[0x010F] = "quire test camera"  # an APP1 segment before the frame header
        cases = [
            ("a.png", "PNG", (641, 397), {}, "RGB"),
            ("b.jpg", "JPEG", (1203, 77), {"quality": 80}, "RGB"),
            ("c.jpg", "JPEG", (320, 240), {"progressive": True, "exif": exif}, "RGB"),
            ("d.gif", "GIF", (33, 1000), {}, "P"),
            ("e.webp", "WEBP", (501, 203), {"lossless": False}, "RGB"),
            ("f.webp", "WEBP", (16383, 2), {"lossless": True}, "RGB"),
            ("g.webp", "WEBP", (77, 91), {"lossless": False}, "RGBA"),
        ]
        out = {}
        for name, fmt, size, options, mode in cases:
            path = os.path.join(folder, name)
            Image.new(mode, size).save(path, fmt, **options)
            with Image.open(path) as image:
                out[name] = list(image.size)
        print(json.dumps(out))
        """#

    @Test func rasterFormatsAgreeWithPillow() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quire-images-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try ProcessResult.run("python3", ["-c", Self.script, folder.path])
        try #require(result.status != 3, "Pillow is missing: run scripts/install-deps --test (pip install pillow)")
        try #require(result.status == 0, "python3 failed: \(result.stderr)")
        let expected = try JSONDecoder().decode([String: [Int]].self, from: Data(result.stdout.utf8))
        #expect(expected.count == 7)
        for (name, size) in expected.sorted(by: { $0.key < $1.key }) {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            let read = ImageSize.read(data)
            #expect(read == ImageSize.Size(width: size[0], height: size[1]), "\(name)")
        }
        // Which WebP chunk each file starts with, so all three readers ran.
        let chunks = try ["e.webp", "f.webp", "g.webp"].map { name -> String in
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            return String(decoding: data[12..<16], as: UTF8.self)
        }
        #expect(Set(chunks) == ["VP8 ", "VP8L", "VP8X"])
    }

    @Test func svgSizeFromAttributesOrViewBox() {
        let sized =
            #"<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="320px" height='200' viewBox="0 0 10 10"><rect/></svg>"#
        #expect(ImageSize.read(Data(sized.utf8)) == .init(width: 320, height: 200))
        let boxed = #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640.4 400" width="100%"><rect/></svg>"#
        #expect(ImageSize.read(Data(boxed.utf8)) == .init(width: 640, height: 400))
        let neither = #"<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>"#
        #expect(ImageSize.read(Data(neither.utf8)) == nil)
    }

    @Test func truncatedOrForeignFilesHaveNoSize() {
        #expect(ImageSize.read(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0])) == nil)
        #expect(ImageSize.read(Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10])) == nil)
        #expect(ImageSize.read(Data("not an image".utf8)) == nil)
        #expect(ImageSize.read(Data()) == nil)
    }
}
