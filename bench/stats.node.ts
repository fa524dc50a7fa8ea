export interface Summary {
  median: number;
  p95: number;
  p99: number;
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95), p99: at(0.99) };
}

export function timeMs(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function sample(iterations: number, fn: (i: number) => void): number[] {
  for (let i = 0; i < Math.min(20, iterations); i++) fn(i); // warm statements and caches
  const out: number[] = [];
  for (let i = 0; i < iterations; i++) out.push(timeMs(() => fn(i)));
  return out;
}

const f = (ms: number) => (ms < 10 ? ms.toFixed(3) : ms.toFixed(1));

export function row(label: string, core: Summary, raw: Summary, target: string): string {
  const ratio = raw.p99 > 0 ? core.p99 / raw.p99 : Number.NaN;
  return `${label.padEnd(34)} core median ${f(core.median)} / p95 ${f(core.p95)} / p99 ${f(core.p99)} ms   raw median ${f(raw.median)} / p95 ${f(raw.p95)} / p99 ${f(raw.p99)} ms   p99 ×${ratio.toFixed(2)} of raw   target ${target}`;
}
