import Foundation
import QuireData

/// pca-bench ARRAY.npy [K [LAYER [SOLVER]]]: quire's PCA of one layer (or every
/// layer), as `analysis op: pca` runs it with `solver:` exact (the default),
/// randomized or auto. Prints each layer's explained-variance ratios.
@main
struct PCABench {
    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count >= 2 else {
            print("usage: pca-bench ARRAY.npy [K [LAYER [exact|randomized|auto]]]")
            exit(2)
        }
        let k = arguments.count > 2 ? Int(arguments[2]) ?? 10 : 10
        let matrix = try NPYLoader.load(path: arguments[1], displayPath: arguments[1])
        let layers = arguments.count > 3 && arguments[3] != "all" ? [Int(arguments[3]) ?? 0] : Array(0..<matrix.layerCount)
        let solver = arguments.count > 4 ? arguments[4] : "exact"
        let start = Date()
        for layer in layers {
            let layerStart = Date()
            let result = try Analysis.principalComponents(of: matrix, layer: layer, k: k, solver: solver)
            let ratios = result.ratios.map { String(format: "%.9f", $0) }.joined(separator: ",")
            print("quire-\(solver) layer \(layer): ratios \(ratios) in \(String(format: "%.2f", Date().timeIntervalSince(layerStart))) s")
        }
        print("quire-\(solver) total \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
    }
}
