import Foundation
import QuireDiagnostics
import Testing

@testable import QuireData

/// Reference values: numpy 2.4.6 / scikit-learn, run once by hand. The script
/// (abridged) sits beside each test; its printed output is the expectation.
@Suite struct AnalysisTests: AnalysisRunning {

    func close(_ a: [Double?], _ b: [Double], relative: Double = 1e-9) -> Bool {
        a.count == b.count
            && zip(a, b).allSatisfy { x, y in
                guard let x else { return y.isNaN }
                return abs(x - y) <= relative * max(1, abs(y))
            }
    }

    /// v = [sin(1.7 i)·10 + 0.3 i for i in range(12)]
    func seriesSite() throws -> (TestSite, DataScope) {
        let site = try TestSite()
        var csv = "step,v,run\n"
        // Rows written in reverse so `order` has to sort them.
        for i in (0..<12).reversed() { csv += "\(i),\(sin(Double(i) * 1.7) * 10 + Double(i) * 0.3),a\n" }
        try site.write("series.csv", csv)
        return (site, try site.scope())
    }

    func columnInStepOrder(_ table: Table, _ name: String) -> [Double?] {
        let steps = table.column(named: "step")?.doubles ?? []
        let values = table.column(named: name)?.doubles ?? []
        return steps.indices.sorted { (steps[$0] ?? 0) < (steps[$1] ?? 0) }.map { values[$0] }
    }

    // np.array([v[max(0,i-3):i+1].mean() for i in range(12)]), .std(ddof=1), np.median
    @Test func rollingMatchesNumpy() throws {
        let (site, scope) = try seriesSite()
        defer { _ = site }
        let mean = try run(.rolling(from: "series", columns: ["v"], order: "step", window: 4, function: "mean", by: []), scope).table
        #expect(
            close(
                columnInStepOrder(try #require(mean), "v_mean"),
                [
                    0, 5.108324052262343, 2.753745694752125, -0.02422743475523736, 1.511055943091283, 1.3281116985188368,
                    0.5172777346020592, 1.5864716598288071, 2.7990928191235263, 2.0947264703913344, 1.7409194596762982, 3.213764675733384,
                ]))
        let std = try run(.rolling(from: "series", columns: ["v"], order: "step", window: 4, function: "std", by: []), scope).table
        #expect(
            close(
                columnInStepOrder(try #require(std), "v_std"),
                [
                    .nan, 7.224261155706094, 6.536596388632889, 7.704107155601187, 8.299447966007513, 8.047836747197575, 8.631175730389666,
                    7.332423225981994, 8.624061817253677, 7.987553068895187, 8.437002250293512, 7.549340691694594,
                ]))
        let median = try run(.rolling(from: "series", columns: ["v"], order: "step", window: 4, function: "median", by: []), scope).table
        #expect(
            close(
                columnInStepOrder(try #require(median), "v_median"),
                [
                    0, 5.108324052262343, 0, -0.9777055101341561, 2.092861245558885, 2.092861245558885, 0.47119331772532913,
                    1.0298811945078743, 2.701750001932285, 1.2930173044679014, 1.2930173044679014, 4.238707736582074,
                ]))
    }

    // TensorBoard: last = last·w + (1−w)·x; n += 1; smoothed = last / (1 − wⁿ), w = 0.6
    @Test func ewmMatchesTensorBoard() throws {
        let (site, scope) = try seriesSite()
        defer { _ = site }
        let table = try #require(try run(.ewm(from: "series", columns: ["v"], order: "step", weight: 0.6, by: ["run"]), scope).table)
        #expect(
            close(
                columnInStepOrder(table, "v_ewm"),
                [
                    0, 6.38540506532793, 2.129886654309439, -2.68998167178742, 1.1403077032878324, 4.641483951503407, 0.5920329077905951,
                    -1.3092631775301982, 3.661179967912924, 4.870985504721654, 0.26027380902211916, 0.8815205009818327,
                ]))
    }

    // np.histogram(v, bins=5) → [3 2 2 2 3], edges [-8.358146823277325, -4.4881938289088685, -0.618240834540412, 3.2517121598280436, 7.121665154196501, 10.991618148564958]
    @Test func binMatchesNumpyHistogram() throws {
        let (site, scope) = try seriesSite()
        defer { _ = site }
        let table = try #require(try run(.bin(from: "series", column: "v", bins: 5, width: nil, by: []), scope).table)
        #expect(table.column(named: "count")?.values == .integer([3, 2, 2, 2, 3]))
        #expect(
            close(
                table.column(named: "bin_start")?.doubles ?? [],
                [-8.358146823277325, -4.4881938289088685, -0.618240834540412, 3.2517121598280436, 7.121665154196501]))
        #expect(
            close(
                table.column(named: "bin_end")?.doubles ?? [],
                [-4.4881938289088685, -0.618240834540412, 3.2517121598280436, 7.121665154196501, 10.991618148564958]))
        let widths = try #require(try run(.bin(from: "series", column: "v", bins: nil, width: 5, by: ["run"]), scope).table)
        #expect(widths.column(named: "bin_start")?.doubles.first == -10)
        #expect(widths.column(named: "count")?.doubles.compactMap { $0 }.reduce(0, +) == 12)
        #expect(widths.column(named: "run")?.values[0] == .text("a"))
    }

    /// X[i][j] = sin(0.37 i (j+1)) + 0.1 j i / 40 + cos(0.11 i j), 40 × 5, float64.
    func pcaSite() throws -> (TestSite, DataScope) {
        let site = try TestSite()
        var values: [Double] = []
        for i in 0..<40 {
            for j in 0..<5 {
                let (x, y) = (Double(i), Double(j))
                values.append(sin(x * 0.37 * (y + 1)) + 0.1 * y * x / 40 + cos(x * y * 0.11))
            }
        }
        try site.write("acts.npy", npyBytes(descr: "<f8", shape: [40, 5], payload: doubleBytes(values)))
        try site.write("tokens.csv", "token\n" + (0..<40).map { "t\($0)\n" }.joined())
        return (site, try site.scope())
    }

    // PCA(n_components=3).fit(X): explained_variance_ [1.4221347243864693, 1.0697115738129075, 1.01253768632362],
    // explained_variance_ratio_ [0.3005673916881622, 0.22608295268107842, 0.21399928301135615],
    // transform(X)[0] = [0.13726800727405125, 1.5561604362848669, 0.8395928523740994] (up to each component's sign)
    @Test func pcaMatchesScikitLearn() throws {
        let (site, scope) = try pcaSite()
        defer { _ = site }
        let result = try run(.pca(from: "acts", layer: nil, k: 3, center: true, rows: "tokens", solver: .exact), scope)
        let variance = try #require(result.extras.first { $0.suffix == "variance" }?.table)
        #expect(
            close(
                variance.column(named: "variance")?.doubles ?? [], [1.4221347243864693, 1.0697115738129075, 1.01253768632362],
                relative: 1e-9))
        #expect(
            close(
                variance.column(named: "ratio")?.doubles ?? [], [0.3005673916881622, 0.22608295268107842, 0.21399928301135615],
                relative: 1e-9))
        let table = try #require(result.table)
        #expect(table.columnNames == ["pc1", "pc2", "pc3", "token"])
        let first = [0.13726800727405125, 1.5561604362848669, 0.8395928523740994]
        let second = [0.4402233659373614, 3.0965982260631653, 1.4532629183497219]
        for c in 0..<3 {
            let scores = table.column(named: "pc\(c + 1)")?.doubles ?? []
            let sign: Double = (scores[0] ?? 0) * first[c] < 0 ? -1 : 1
            #expect(abs(sign * (scores[0] ?? 0) - first[c]) < 1e-9)
            #expect(abs(sign * (scores[1] ?? 0) - second[c]) < 1e-9)
        }
    }

    // components_[0] = [0.47091967989445954, 0.2700560765521074, -0.2314407117765419, 0.6292656594072094, -0.5057314479331501]
    @Test func pcaComponentsAgreeUpToSign() throws {
        let (site, scope) = try pcaSite()
        defer { _ = site }
        let matrix = try scope.matrix(named: "acts", at: at)
        let output = try PCA.run(matrix, layer: 0, k: 1, center: true)
        let reference = [0.47091967989445954, 0.2700560765521074, -0.2314407117765419, 0.6292656594072094, -0.5057314479331501]
        let sign: Double = output.components[0][0] * reference[0] < 0 ? -1 : 1
        #expect(close(output.components[0].map { sign * $0 }, reference, relative: 1e-9))
    }

    @Test func pcaOnFloat32LayerOf3DArray() throws {
        let site = try TestSite()
        var values: [Float] = []
        for layer in 0..<2 {
            for i in 0..<40 {
                for j in 0..<5 {
                    let (x, y) = (Double(i), Double(j))
                    values.append(Float(layer == 1 ? sin(x * 0.37 * (y + 1)) + 0.1 * y * x / 40 + cos(x * y * 0.11) : 0))
                }
            }
        }
        try site.write("acts3.npy", npyBytes(descr: "<f4", shape: [2, 40, 5], payload: floatBytes(values)))
        let result = try run(.pca(from: "acts3", layer: 1, k: 3, center: true, rows: nil, solver: .exact), try site.scope())
        let ratio = try #require(result.extras.first?.table.column(named: "ratio")?.doubles)
        // float32 input: agreement to float precision.
        #expect(close(ratio, [0.3005673916881622, 0.22608295268107842, 0.21399928301135615], relative: 1e-5))
    }

    // SplitMix64 permutation, same code in Python: perm(10, 7) = [9, 5, 8, 6, 1, 2, 4, 7, 0, 3]
    /// BLAS is opened at first use, so a machine without it fails at the
    /// directive, saying what to install, instead of at start-up.
    @Test func missingBLASLibrarySaysWhatToInstall() {
        let result = LinearAlgebraLibrary.open(blasName: "libquire-no-such-blas.so.0", lapackeName: LinearAlgebraLibrary.lapackeName)
        guard case .failure(let why) = result else {
            Issue.record("a missing library opened")
            return
        }
        #expect(why.description.contains("libquire-no-such-blas.so.0"))
        #expect(why.description.contains("libopenblas-dev"))
        #expect(throws: Never.self) { try LinearAlgebraLibrary.load() }
    }

    @Test func seededPermutationIsTheDocumentedOne() {
        #expect(SeededGenerator.permutation(count: 10, seed: 7) == [9, 5, 8, 6, 1, 2, 4, 7, 0, 3])
    }

    /// P[i][j] = sin(0.7 i + 1.3 j) + 0.5 cos(0.3 i j), 60 × 4; y = 2 P0 − P1 + 0.5 P3 + 1;
    /// noise_i = (sin(12.9898 i)·43758.5453) mod 1.
    // Test rows (seed 42, ceil(0.2·60) = 12): [0, 5, 7, 8, 12, 14, 15, 27, 35, 36, 40, 53]
    // Ridge(alpha=1e-3).fit(P[train], t[train]): y → r2 0.9999999897787664, rmse 0.0001266523014247136, pred[0] 0.4423724480405635
    //                                            noise → r2 -0.43629762992762555, rmse 0.3512059393279056, pred[0] 0.6430671212273065
    @Test func probeMatchesScikitLearnRidge() throws {
        let site = try TestSite()
        var values: [Double] = []
        var csv = "i,y,noise\n"
        for i in 0..<60 {
            let row = (0..<4).map { j in sin(0.7 * Double(i) + 1.3 * Double(j)) + 0.5 * cos(0.3 * Double(i) * Double(j)) }
            values += row
            let noise = (sin(Double(i) * 12.9898) * 43758.5453).truncatingRemainder(dividingBy: 1)
            csv += "\(i),\(2 * row[0] - row[1] + 0.5 * row[3] + 1),\(noise < 0 ? noise + 1 : noise)\n"
        }
        try site.write("p.npy", npyBytes(descr: "<f8", shape: [60, 4], payload: doubleBytes(values)))
        try site.write("labels.csv", csv)
        let result = try run(
            .probe(from: "p", layer: nil, rows: "labels", targets: ["y", "noise"], alpha: 1e-3, testFraction: 0.2, seed: 42),
            try site.scope())
        let table = try #require(result.table)
        #expect(table.column(named: "i")?.values == .integer([0, 5, 7, 8, 12, 14, 15, 27, 35, 36, 40, 53]))
        #expect(close([table.column(named: "pred_y")?.doubles.first ?? nil], [0.4423724480405635], relative: 1e-7))
        #expect(close([table.column(named: "pred_noise")?.doubles.first ?? nil], [0.6430671212273065], relative: 1e-7))
        let score = try #require(result.extras.first { $0.suffix == "score" }?.table)
        #expect(close(score.column(named: "r2")?.doubles ?? [], [0.9999999897787664, -0.43629762992762555], relative: 1e-6))
        #expect(close(score.column(named: "rmse")?.doubles ?? [], [0.0001266523014247136, 0.3512059393279056], relative: 1e-4))
        #expect(score.column(named: "n_train")?.values == .integer([48, 48]))
    }

    /// 10 groups × positions k/50; locked: cos(2π p + 0.7); noise: (sin(78.233 (50 g + k))·43758.5453) mod 1.
    /// numpy: xs = np.interp(np.arange(64)/64, pos, val); c = np.fft.fft(xs)[f]; mean of c/|c| over groups.
    // locked f=1 → coherence 1.0, angle 0.6997042235367577
    // noise f=1..3 → (0.2033461942135886, -1.4950815451066777), (0.24830987768157392, 1.2349569529881117), (0.5552517083601349, -0.005339419483755437)
    @Test func fourierMatchesNumpy() throws {
        let site = try TestSite()
        var csv = "g,pos,locked,noise\n"
        for g in 0..<10 {
            for k in 0..<50 {
                let p = Double(k) / 50
                let raw = (sin(Double(g * 50 + k) * 78.233) * 43758.5453).truncatingRemainder(dividingBy: 1)
                csv += "\(g),\(p),\(cos(2 * Double.pi * p + 0.7)),\(raw < 0 ? raw + 1 : raw)\n"
            }
        }
        try site.write("waves.csv", csv)
        let table = try #require(
            try run(
                .fourier(from: "waves", group: "g", position: "pos", columns: ["locked", "noise"], samples: 64, frequencies: [1, 2, 3]),
                try site.scope()
            ).table
        )
        let coherence = table.column(named: "coherence")?.doubles ?? []
        let angle = table.column(named: "angle")?.doubles ?? []
        #expect(table.column(named: "signal")?.values == .text(["locked", "locked", "locked", "noise", "noise", "noise"]))
        #expect(close([coherence[0], angle[0]], [1.0, 0.6997042235367577]))
        #expect(close(Array(coherence[3...]), [0.2033461942135886, 0.24830987768157392, 0.5552517083601349], relative: 1e-6))
        #expect(close(Array(angle[3...]), [-1.4950815451066777, 1.2349569529881117, -0.005339419483755437], relative: 1e-6))
    }

    @Test func shuffleIsASeededPermutation() throws {
        let (site, scope) = try seriesSite()
        defer { _ = site }
        let a = try #require(try run(.shuffle(from: "series", seed: 3), scope).table)
        let b = try #require(try run(.shuffle(from: "series", seed: 3), scope).table)
        let c = try #require(try run(.shuffle(from: "series", seed: 4), scope).table)
        #expect(a == b)
        #expect(a != c)
        #expect(Set(a.column(named: "step")?.doubles.compactMap { $0 } ?? []) == Set((0..<12).map(Double.init)))
    }

    /// What only the data can tell is located at the argument that named it.
    @Test func dataProblemsAreLocatedAtTheirArgument() throws {
        let (site, scope) = try seriesSite()
        defer { _ = site }
        var places = places(["op", "from", "columns", "window"])
        places.items["columns"] = ["vv": at.advanced(lines: 2, column: 11)]
        let column = firstProblem(
            .rolling(from: "series", columns: ["vv"], order: nil, window: 3, function: "mean", by: []), scope, places: places)
        #expect(column?.message == "no column 'vv' in table 'series'")
        #expect(column?.hint == "did you mean 'v'?")
        #expect(column?.location == SourceLocation(path: at.path, line: 22, column: 11))
        let width = firstProblem(
            .bin(from: "series", column: "v", bins: nil, width: 0.0000001, by: []), scope,
            places: self.places(["op", "from", "column", "width"]))
        #expect(width?.message.contains("more than") == true)
        #expect(width?.location.line == 23)
        let text = firstProblem(.pca(from: "series", layer: nil, k: 9, center: true, rows: nil, solver: .exact), scope)
        #expect(text?.message.contains("column 'run' is not numeric") == true)
    }
}
