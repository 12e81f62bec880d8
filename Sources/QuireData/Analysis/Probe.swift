#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `probe`: ridge regression from one layer of a matrix to target columns,
/// fitted on a seeded training split and scored on the held-out rows, as
/// scikit-learn's Ridge(alpha, fit_intercept=True) does: centre X and y on the
/// training means, solve (XᵀX + αI)·W = Xᵀy with a symmetric solver.
enum Probe {
    struct Output {
        var testRows: [Int]
        var truths: [[Double]]  // per target, per test row
        var predictions: [[Double]]
        var r2: [Double]
        var rmse: [Double]
        var trainCount: Int
    }

    struct ProbeFailure: Error { var message: String }

    static func split(count: Int, testFraction: Double, seed: UInt64) -> (train: [Int], test: [Int]) {
        let order = SeededGenerator.permutation(count: count, seed: seed)
        let testCount = min(count - 1, max(1, Int((testFraction * Double(count)).rounded(.up))))
        return (Array(order[testCount...]).sorted(), Array(order[..<testCount]).sorted())
    }

    static func run(_ matrix: Matrix, layer: Int, targets: [[Double]], usable: [Int], alpha: Double, testFraction: Double, seed: UInt64)
        throws(ProbeFailure) -> Output
    {
        let d = matrix.columnCount
        let t = targets.count
        do { _ = try LinearAlgebraLibrary.load() } catch { throw ProbeFailure(message: "probe needs LAPACK: \(error)") }
        guard usable.count >= 3 else {
            throw ProbeFailure(message: "probe needs at least 3 rows with every target present; there are \(usable.count)")
        }
        let (trainPositions, testPositions) = split(count: usable.count, testFraction: testFraction, seed: seed)
        let train = trainPositions.map { usable[$0] }
        let test = testPositions.map { usable[$0] }

        var row = [Double](repeating: 0, count: d)
        func load(_ index: Int) {
            row.withUnsafeMutableBufferPointer { matrix.copyRowsAsDouble(layer: layer, rows: index..<index + 1, into: $0.baseAddress!) }
        }
        var xMean = [Double](repeating: 0, count: d)
        var yMean = [Double](repeating: 0, count: t)
        for index in train {
            load(index)
            for c in 0..<d { xMean[c] += row[c] }
            for j in 0..<t { yMean[j] += targets[j][index] }
        }
        let n = Double(train.count)
        xMean = xMean.map { $0 / n }
        yMean = yMean.map { $0 / n }

        // Gram matrix and cross products over centred training rows, in chunks.
        let chunk = 512
        var gram = [Double](repeating: 0, count: d * d)
        var cross = [Double](repeating: 0, count: d * t)
        var block = [Double](repeating: 0, count: chunk * d)
        var start = 0
        while start < train.count {
            let rows = min(chunk, train.count - start)
            for r in 0..<rows {
                load(train[start + r])
                let index = train[start + r]
                for c in 0..<d {
                    let centred = row[c] - xMean[c]
                    block[r * d + c] = centred
                    for j in 0..<t { cross[c * t + j] += centred * (targets[j][index] - yMean[j]) }
                }
            }
            block.withUnsafeBufferPointer { a in
                gram.withUnsafeMutableBufferPointer { c in
                    Double.syrk(columns: d, rows: rows, a: a.baseAddress!, beta: 1, c: c.baseAddress!)
                }
            }
            start += rows
        }
        for c in 0..<d { gram[c * d + c] += alpha }
        let status = Double.sysv(n: d, columns: t, a: &gram, b: &cross)
        guard status == 0 else {
            throw ProbeFailure(message: "the ridge system is singular (LAPACK info \(status))")
        }

        var truths = [[Double]](repeating: [], count: t)
        var predictions = [[Double]](repeating: [], count: t)
        for index in test {
            load(index)
            for j in 0..<t {
                var prediction = yMean[j]
                for c in 0..<d { prediction += (row[c] - xMean[c]) * cross[c * t + j] }
                predictions[j].append(prediction)
                truths[j].append(targets[j][index])
            }
        }
        var r2: [Double] = []
        var rmse: [Double] = []
        for j in 0..<t {
            let mean = truths[j].reduce(0, +) / Double(test.count)
            var residual = 0.0
            var spread = 0.0
            for (truth, prediction) in zip(truths[j], predictions[j]) {
                residual += (truth - prediction) * (truth - prediction)
                spread += (truth - mean) * (truth - mean)
            }
            // scikit-learn's r2_score: 1 for a perfect fit of a constant target, 0 otherwise.
            r2.append(spread > 0 ? 1 - residual / spread : (residual == 0 ? 1 : 0))
            rmse.append((residual / Double(test.count)).squareRoot())
        }
        return Output(testRows: test, truths: truths, predictions: predictions, r2: r2, rmse: rmse, trainCount: train.count)
    }
}
