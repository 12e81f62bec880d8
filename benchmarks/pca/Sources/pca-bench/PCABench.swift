import Foundation
import QuireData

/// pca-bench ARRAY.npy [K [LAYER]]: quire's PCA of one layer (or every layer),
/// as `analysis op: pca` runs it.
@main
struct PCABench {
    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count >= 2 else {
            print("usage: pca-bench ARRAY.npy [K [LAYER]]")
            exit(2)
        }
        let k = arguments.count > 2 ? Int(arguments[2]) ?? 10 : 10
        let matrix = try NPYLoader.load(path: arguments[1], displayPath: arguments[1])
        let layers = arguments.count > 3 ? [Int(arguments[3]) ?? 0] : Array(0..<matrix.layerCount)
        let start = Date()
        for layer in layers {
            let layerStart = Date()
            let result = try Analysis.principalComponents(of: matrix, layer: layer, k: k)
            let ratio = String(format: "%.6f", result.ratios.first ?? 0)
            print("quire layer \(layer): top ratio \(ratio) in \(String(format: "%.2f", Date().timeIntervalSince(layerStart))) s")
        }
        print("quire total \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
    }
}
