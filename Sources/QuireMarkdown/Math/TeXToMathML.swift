import QuireDiagnostics

/// TeX math (what KaTeX covers) to MathML Core, at build time, so formulas
/// need no script and survive in feeds. The TeX stays in an annotation for
/// copy and screen readers.
public enum TeXToMathML {
    public struct Failure: Error, Equatable {
        public var message: String
        /// Byte offset into the TeX source.
        public var offset: Int
        public var hint: String?
    }

    /// `tag` is an equation number shown on the right of display math (as
    /// `\tag{…}` does; a `\tag` in the TeX wins).
    public static func convert(_ tex: String, display: Bool, macros: TeXMacros = TeXMacros(), tag: String? = nil) throws(Failure) -> String
    {
        var definitions = macros
        return try convert(tex, display: display, definitions: &definitions, tag: tag)
    }

    /// As `convert`, keeping the macros the formula defines (`\newcommand`,
    /// `\def`) in `definitions` for the formulas after it.
    public static func convert(_ tex: String, display: Bool, definitions: inout TeXMacros, tag: String? = nil) throws(Failure) -> String {
        var parser = TeXParser(source: tex, display: display, macros: definitions)
        var body = try parser.parseFormula()
        definitions = parser.stream.macros
        if let label = parser.tag ?? tag.map({ "(\($0))" }), display {
            // The number sits in its own cell on the right, as KaTeX lays it out.
            body =
                "<mtable width=\"100%\" style=\"width: 100%\"><mtr><mtd width=\"50%\" style=\"width: 50%\"></mtd><mtd>\(body)</mtd>"
                + "<mtd width=\"50%\" style=\"width: 50%\"></mtd><mtd><mtext>\(HTMLText.escape(label))</mtext></mtd></mtr></mtable>"
        }
        let attributes = display ? " display=\"block\"" : ""
        return
            "<math\(attributes)><semantics><mrow>\(body)</mrow><annotation encoding=\"application/x-tex\">\(HTMLText.escape(tex))</annotation></semantics></math>"
    }
}
