// Types for a chart's data, written for quire's highlighter test.
import { readFile } from "node:fs/promises";

export type Mark = "line" | "bar" | "point" | "area";

export interface Series {
  name: string;
  values: number[];
  color?: string;
  readonly dashed: boolean;
}

export interface ChartSpec {
  title: string;
  mark: Mark;
  series: Series[];
  yScale?: "linear" | "log";
}

export enum Status {
  Pending,
  Built = 2,
  Failed,
}

type Extent = [min: number, max: number];

function extentOf(values: readonly number[]): Extent | undefined {
  if (values.length === 0) return undefined;
  let low = Infinity;
  let high = -Infinity;
  for (const value of values) {
    if (Number.isNaN(value)) continue;
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  return [low, high];
}

export class Chart<T extends Series = Series> {
  private readonly series: T[] = [];
  protected status: Status = Status.Pending;
  static count = 0;

  constructor(public readonly spec: ChartSpec) {
    Chart.count += 1;
  }

  add(series: T): this {
    this.series.push(series);
    return this;
  }

  get extent(): Extent {
    const all = this.series.flatMap((s) => s.values);
    return extentOf(all) ?? [0, 1];
  }

  describe(): string {
    const [low, high] = this.extent;
    const names = this.series.map(({ name }) => name).join(", ");
    return `${this.spec.title}: ${names} from ${low.toFixed(2)} to ${high.toFixed(2)}`;
  }
}

export async function loadSpec(path: string): Promise<ChartSpec> {
  const text = await readFile(path, "utf8");
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== "object" || parsed === null) {
    throw new TypeError(`${path}: not an object`);
  }
  const spec = parsed as Partial<ChartSpec>;
  return {
    title: spec.title ?? "Untitled",
    mark: spec.mark ?? "line",
    series: spec.series ?? [],
  };
}

const isFinite = (n: number): n is number => Number.isFinite(n) && !/^-?0x/i.test(String(n));
export const ratio = 0.75 * 2 / 3;
export default Chart;
