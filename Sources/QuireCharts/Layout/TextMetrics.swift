/// Estimated widths of text in the page's font, to lay out labels without
/// measuring: ems per character class of a typical proportional sans-serif.
enum TextMetrics {
    static let fontSize = 11.0

    static func width(_ text: String, size: Double = fontSize) -> Double {
        var ems = 0.0
        for character in text {
            switch character {
            case "i", "l", "j", "!", "|", ".", ",", ":", ";", "'", "I", "(", ")", "[", "]", " ": ems += 0.3
            case "f", "t", "r", "1", "-": ems += 0.4
            case "m", "w", "M", "W", "%", "@", "—": ems += 0.88
            case "A"..."Z": ems += 0.66
            case "0"..."9", "−": ems += 0.56
            default: ems += character.isASCII ? 0.53 : 0.9
            }
        }
        return ems * size
    }
}
