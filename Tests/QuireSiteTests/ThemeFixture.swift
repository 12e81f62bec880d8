import Foundation

@testable import QuireTemplates

/// A theme of `templates` (by name below `templates/`, without `.mustache`)
/// over the built-in one, in a new temporary site folder that the caller removes.
func themeFixture(_ templates: [String: String], named name: String) throws -> (theme: Theme, folder: URL) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
    for (template, text) in templates {
        let file = folder.appendingPathComponent("templates/\(template).mustache")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }
    return (try Theme(directory: folder.appendingPathComponent("templates"), displayRoot: folder), folder)
}
