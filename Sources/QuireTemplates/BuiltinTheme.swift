import Foundation

/// The default theme, compiled into quire from the repository's `templates/`
/// (by `scripts/embed-theme`), so a site needs no `templates/` of its own.
package enum BuiltinTheme {
    /// How messages name a built-in file: `(built-in theme)/post.mustache:12:3`.
    static let displayFolder = "(built-in theme)"

    /// Every file, by its path below `templates/` (`partials/header.mustache`,
    /// `static/quire.css`), in path order.
    public static let files: [(path: String, bytes: Data)] = encodedFiles.map { file in
        // The generator writes only valid base64; an empty file is an empty string.
        (file.path, Data(base64Encoded: file.base64, options: .ignoreUnknownCharacters) ?? Data())
    }

    /// Writes the theme into `folder` (`quire new theme`), refusing to
    /// replace any file already there. Returns the paths written, below `folder`.
    package static func copy(into folder: URL) throws -> [String] {
        let existing = files.map(\.path).filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
        guard existing.isEmpty else { throw ThemeCopyRefused(existing: existing) }
        for file in files {
            let target = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.bytes.write(to: target, options: .withoutOverwriting)
        }
        return files.map(\.path)
    }
}

/// `quire new theme` found files it would have replaced.
package struct ThemeCopyRefused: Error, Sendable {
    package let existing: [String]
}
