import QuireDiagnostics
import QuireYAML

/// A setting's text with where it was written, for settings checked later
/// (a bibliography file is looked for when a post renders).
public struct LocatedText: Sendable, Hashable {
    public var text: String
    public var location: SourceLocation

    public init(_ text: String, at location: SourceLocation) {
        self.text = text
        self.location = location
    }

    /// The string at `key`, or nil when the key is absent.
    package init?(_ yaml: YAMLMapping, _ key: String) throws {
        guard let text = try yaml.string(key) else { return nil }
        self.init(text, at: yaml.node(key).map(yaml.location(of:)) ?? yaml.keyLocation(key))
    }
}
