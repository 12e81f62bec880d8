/// Text written into YAML that quire generates (front matter of new and
/// imported posts, a new site's quire.yaml): one double-quoted scalar that
/// reads back as the same text, whatever it holds.
package enum YAMLQuoting {
    package static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": continue
            default:
                if scalar.value < 0x20 { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
