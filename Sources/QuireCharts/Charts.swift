// The SVG chart engine: chart specs in, inline and standalone SVG out.
