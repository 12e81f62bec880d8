import Foundation
import Testing

/// The helix writeup must recover what tools/helix_data.py planted, read from
/// the built site's own chart data (so the figures a reader sees are what is
/// checked).
///
/// Expected R² comes from the generator's model, not from a previous run: the
/// helix puts A·sin 2πφ on a direction v that is orthogonal to the topic and
/// drift directions, plus isotropic noise σ. The best linear read-out of
/// sin 2πφ (variance ½) therefore has R² = (A²/2) / (A²/2 + σ²); cos alike.
/// A linear probe of the sawtooth φ itself can at best use the first harmonic:
/// R² = 6/π² times that.
@Suite struct FlagshipHelixTests {
    struct Planted: Decodable {
        let layer: Int
        let helixAmplitude: Double
        let noiseSd: Double
        let helixFrequency: Int
        let helixComponentA: Int
        let helixComponentB: Int
        let driftComponent: Int
        let bestLayer: Int
    }

    static func planted() throws -> [Planted] {
        let url = SiteFixture.repositoryRoot.appendingPathComponent("content/posts/helix-turn-structure/planted.json")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode([Planted].self, from: Data(contentsOf: url))
    }

    static func charts() async throws -> [BuiltChart] {
        let site = await FlagshipSite.shared.build()
        try #require(site.errors.isEmpty, "the example site does not build: \(site.errors)")
        return try BuiltChart.all(inPost: "helix-turn-structure", of: site.output)
    }

    static func chart(_ title: String, in charts: [BuiltChart]) throws -> BuiltChart {
        try #require(charts.first { $0.title.hasPrefix(title) }, "no chart titled '\(title)…'; found \(charts.map(\.title))")
    }

    /// (layer label, probe) → R², from the grouped-bar chart's CSV.
    static func scores(_ chart: BuiltChart) throws -> [String: Double] {
        let layers = try #require(chart.column("layer"))
        let probes = try #require(chart.column("probe"))
        let r2 = try #require(chart.numbers("r2"))
        var scores: [String: Double] = [:]
        for i in layers.indices { scores["\(layers[i])/\(probes[i])"] = r2[i] }
        return scores
    }

    @Test func probesReachTheR2ThePlantedHelixAllows() async throws {
        let planted = try Self.planted()
        let scores = try Self.scores(try Self.chart("Probe R² by layer", in: try await Self.charts()))
        #expect(scores.count == planted.count * 3)
        for layer in planted {
            let signal = layer.helixAmplitude * layer.helixAmplitude / 2
            let trigonometric = signal / (signal + layer.noiseSd * layer.noiseSd)
            let linear = 6 / (Double.pi * Double.pi) * trigonometric
            let trig = try #require(scores["layer \(layer.layer)/trigonometric"])
            let line = try #require(scores["layer \(layer.layer)/linear"])
            #expect(abs(trig - trigonometric) < 0.03, "layer \(layer.layer): trigonometric R² \(trig), planted \(trigonometric)")
            #expect(abs(line - linear) < 0.05, "layer \(layer.layer): linear R² \(line), planted \(linear)")
            #expect(trig > line, "layer \(layer.layer): the trigonometric probe must beat the linear one")
        }
    }

    @Test func theScrambledControlShowsNoSignal() async throws {
        let planted = try Self.planted()
        let scores = try Self.scores(try Self.chart("Probe R² by layer", in: try await Self.charts()))
        for layer in planted {
            let control = try #require(scores["layer \(layer.layer)/trigonometric, scrambled"])
            // 16 features, ~16k training rows: chance R² on held-out rows is about 0 ± 0.01.
            #expect(abs(control) < 0.02, "layer \(layer.layer): control R² \(control)")
        }
    }

    @Test func coherencePeaksAtTheRoundFrequencyInThePlantedComponents() async throws {
        let planted = try Self.planted()
        let best = try #require(planted.first { $0.layer == $0.bestLayer })
        let chart = try Self.chart("Phase coherence", in: try await Self.charts())
        let signals = try #require(chart.column("signal"))
        let frequencies = try #require(chart.numbers("frequency"))
        let coherence = try #require(chart.numbers("coherence"))
        #expect(signals.count == 8 * 8)
        let helix: Set = ["pc\(best.helixComponentA)", "pc\(best.helixComponentB)"]
        let drift = "pc\(best.driftComponent)"
        for i in signals.indices {
            let frequency = Int(frequencies[i])
            if helix.contains(signals[i]), frequency == best.helixFrequency {
                #expect(coherence[i] > 0.95, "\(signals[i]) at the round frequency: \(coherence[i])")
            } else if signals[i] == drift {
                // A ramp has the same Fourier phase in every conversation at every
                // frequency, strongest at the lowest.
                if frequency == 1 { #expect(coherence[i] > 0.9, "drift \(drift) at frequency 1: \(coherence[i])") }
            } else if !helix.contains(signals[i]) {
                // Topic and noise components: near 1/√50 ≈ 0.14, never coherent.
                #expect(coherence[i] < 0.5, "\(signals[i]) at frequency \(frequency): \(coherence[i])")
            }
        }
    }

    @Test func theChosenPairIsThePlantedPair() async throws {
        let planted = try Self.planted()
        let best = try #require(planted.first { $0.layer == $0.bestLayer })
        let chart = try Self.chart("Coherence-weighted angle dissimilarity", in: try await Self.charts())
        let first = try #require(chart.column("first"))
        let second = try #require(chart.column("second"))
        let score = try #require(chart.numbers("score"))
        #expect(first.count == 64, "an 8 × 8 grid of component pairs")
        let top = try #require(first.indices.filter { first[$0] != second[$0] }.max { score[$0] < score[$1] })
        #expect(Set([first[top], second[top]]) == ["pc\(best.helixComponentA)", "pc\(best.helixComponentB)"])

        // The prose names the same pair, from the same query.
        let site = await FlagshipSite.shared.build()
        let html = try String(contentsOf: site.output.appendingPathComponent("posts/helix-turn-structure/index.html"), encoding: .utf8)
        #expect(html.contains("<strong>pc\(best.helixComponentA) and pc\(best.helixComponentB)</strong>"))
    }
}
