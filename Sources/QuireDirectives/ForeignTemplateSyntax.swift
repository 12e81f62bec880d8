import QuireDiagnostics

/// `{{ site.baseurl }}`, `{{ x | relative_url }}`, `{{< figure >}}`, `{{% … %}}`:
/// another generator's template syntax in a post, told apart from a
/// mistyped inline value so the error can say where it comes from.
enum ForeignTemplateSyntax {
    static let liquidFilters: Set<String> = [
        "relative_url", "absolute_url", "date", "date_to_string", "date_to_xmlschema", "date_to_rfc822", "date_to_long_string",
        "prepend", "append", "escape", "escape_once", "uri_escape", "url_encode", "xml_escape", "cgi_escape", "jsonify",
        "markdownify", "slugify", "strip_html", "strip_newlines", "newline_to_br", "truncate", "truncatewords", "number_of_words",
        "upcase", "downcase", "capitalize", "replace", "remove", "split", "join", "where", "sort", "default", "size", "plus", "minus",
        "times", "divided_by", "smartify", "absolute", "lstrip", "rstrip", "strip", "normalize_whitespace",
    ]

    /// The generator whose syntax `expression` (the text between `{{` and `}}`) looks like, if any.
    static func generator(of expression: String, tableNames: @autoclosure () -> [String]) -> String? {
        if let first = expression.first, first == "<" || first == "%" { return "Hugo shortcode" }
        let stages = expression.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        for stage in stages.dropFirst() {
            let word = stage.prefix { $0.isLetter || $0 == "_" }
            if liquidFilters.contains(String(word)) { return "Liquid (Jekyll)" }
        }
        let head = stages.first ?? ""
        for object in ["site.", "page.", "post.", "include.", "layout.", "paginator.", "'", "\""] where head.hasPrefix(object) {
            if !tableNames().contains(String(head.prefix { $0 != "." })) { return "Liquid (Jekyll)" }
        }
        return nil
    }

    static func diagnostic(_ expression: String, at location: SourceLocation, tableNames: @autoclosure () -> [String]) -> Diagnostic? {
        guard let generator = generator(of: expression, tableNames: tableNames()) else { return nil }
        let command = generator.hasPrefix("Hugo") ? "quire import hugo" : "quire import jekyll"
        return .error(
            at: location, "'{{\(expression)}}' is \(generator) syntax, not a quire inline value",
            hint: "run `\(command) OLD-SITE NEW-SITE` to translate a whole blog, or write \\{{ to show the braces as text")
    }
}
