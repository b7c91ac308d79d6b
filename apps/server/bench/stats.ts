import type { Percentiles } from './ipc.js';

/** A growable list of latency samples (ms) with exact percentiles. */
export class Samples {
  private data = new Float64Array(4096);
  private size = 0;

  add(value: number): void {
    if (this.size === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.size++] = value;
  }

  get count(): number {
    return this.size;
  }

  percentiles(): Percentiles {
    if (this.size === 0) return { count: 0, p50: Number.NaN, p99: Number.NaN, max: Number.NaN };
    const sorted = this.data.slice(0, this.size).sort();
    const at = (q: number): number => sorted[Math.min(this.size - 1, Math.ceil(q * this.size) - 1)]!;
    return { count: this.size, p50: at(0.5), p99: at(0.99), max: sorted[this.size - 1]! };
  }
}
