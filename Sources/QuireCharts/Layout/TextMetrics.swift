/// Estimated widths of text in the page's font, to lay out labels without
/// measuring: ems per character class, on the wide side of common sans-serifs
/// (DejaVu Sans, Verdana) so that estimates err towards more room.
enum TextMetrics {
    static let fontSize = 11.0
    /// Bold text runs about a tenth wider than regular in common faces.
    static let boldFactor = 1.12

    static func width(_ text: String, size: Double = fontSize) -> Double {
        var ems = 0.0
        for character in text {
            switch character {
            case "i", "l", "j", "!", "|", ".", ",", ":", ";", "'", "I", "(", ")", "[", "]", " ": ems += 0.3
            case "f", "t", "r", "-": ems += 0.42
            case "m", "w", "M", "W", "%", "@", "—": ems += 0.92
            case "A"..."Z": ems += 0.7
            case "0"..."9", "−": ems += 0.63
            default: ems += character.isASCII ? 0.6 : 0.9
            }
        }
        return ems * size
    }
}
