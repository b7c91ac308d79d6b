import { describe, expect, it } from 'vitest';
import {
  barCountFor,
  peaksFromLevels,
  peaksFromSamples,
  resamplePeaks,
} from '../../src/renderer/components/files/waveform.js';

describe('waveform peaks of a recording', () => {
  it('take the loudest sample of each slice, scaled so the loudest slice is 255', () => {
    const samples = new Float32Array([0, 0.1, -0.2, 0.05, 0.4, -0.1, 0, 0]);
    expect(peaksFromSamples(samples, 4)).toEqual([64, 128, 255, 0]);
  });

  it('give as many peaks as asked, within 0–255, for any length of audio', () => {
    const samples = new Float32Array(48_000 * 3).map((_, i) => Math.sin(i / 10) * (i / 144_000));
    const peaks = peaksFromSamples(samples, 64);
    expect(peaks).toHaveLength(64);
    expect(Math.max(...peaks)).toBe(255);
    expect(peaks.every((p) => Number.isInteger(p) && p >= 0 && p <= 255)).toBe(true);
    // Louder towards the end, as the samples are.
    expect(peaks[63]).toBeGreaterThan(peaks[5] ?? 255);
    // Fewer samples than peaks still gives every peak.
    expect(peaksFromSamples(new Float32Array([0.5, 1]), 4)).toEqual([128, 128, 255, 255]);
  });

  it('stay flat for silence and for nothing', () => {
    expect(peaksFromSamples(new Float32Array(100), 5)).toEqual([0, 0, 0, 0, 0]);
    expect(peaksFromSamples(new Float32Array(0), 3)).toEqual([0, 0, 0]);
    expect(peaksFromSamples(new Float32Array(10), 0)).toEqual([]);
  });

  it('can come from levels sampled while recording', () => {
    expect(peaksFromLevels([0.1, 0.3, 0.2, 0.6, 0, 0], 3)).toEqual([128, 255, 0]);
    expect(peaksFromLevels([], 2)).toEqual([0, 0]);
  });
});

describe('drawing stored peaks', () => {
  it('keeps the highest peak of each slice when there are fewer bars', () => {
    expect(resamplePeaks([10, 200, 30, 40, 255, 0], 3)).toEqual([200, 40, 255]);
  });

  it('repeats peaks when there are more bars, and draws nothing stored as flat', () => {
    expect(resamplePeaks([10, 200], 4)).toEqual([10, 10, 200, 200]);
    expect(resamplePeaks([], 3)).toEqual([0, 0, 0]);
  });

  it('makes longer messages longer, within bounds', () => {
    expect(barCountFor(1000)).toBe(16);
    expect(barCountFor(10_000)).toBe(26);
    expect(barCountFor(10 * 60_000)).toBe(40);
  });
});
