/** The most bars a voice message carries (Limits.waveformPeaksMax). */
export const peaksPerRecording = 64;

/**
 * A recording's waveform: `count` peaks of 0–255, each the loudest sample of its slice of the audio,
 * scaled so the loudest slice reaches 255 (quiet recordings still show a shape). Silence stays 0.
 */
export function peaksFromSamples(samples: Float32Array, count: number): number[] {
  if (count <= 0) return [];
  const raw = new Array<number>(count).fill(0);
  if (samples.length === 0) return raw;
  for (let i = 0; i < count; i++) {
    const from = Math.floor((i * samples.length) / count);
    const to = Math.max(from + 1, Math.floor(((i + 1) * samples.length) / count));
    let peak = 0;
    for (let j = from; j < to && j < samples.length; j++) {
      const v = Math.abs(samples[j] ?? 0);
      if (v > peak) peak = v;
    }
    raw[i] = peak;
  }
  return normalise(raw);
}

/**
 * Levels sampled while recording (any scale) turned into `count` peaks of 0–255: each peak the
 * highest level in its slice, normalised as above. Used when the recording cannot be decoded.
 */
export function peaksFromLevels(levels: readonly number[], count: number): number[] {
  if (count <= 0) return [];
  if (levels.length === 0) return new Array<number>(count).fill(0);
  const raw: number[] = [];
  for (let i = 0; i < count; i++) {
    const from = Math.floor((i * levels.length) / count);
    const to = Math.max(from + 1, Math.floor(((i + 1) * levels.length) / count));
    raw.push(Math.max(...levels.slice(from, to).map((v) => Math.max(0, v))));
  }
  return normalise(raw);
}

function normalise(raw: number[]): number[] {
  const top = Math.max(...raw);
  if (top <= 0) return raw.map(() => 0);
  return raw.map((v) => Math.round((v / top) * 255));
}

/**
 * Stored peaks redrawn as `count` bars (more or fewer than stored): each bar the highest peak of
 * its slice when shrinking, the nearest peak when stretching. Missing peaks draw as flat bars.
 */
export function resamplePeaks(peaks: readonly number[], count: number): number[] {
  if (count <= 0) return [];
  if (peaks.length === 0) return new Array<number>(count).fill(0);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const from = Math.floor((i * peaks.length) / count);
    const to = Math.max(from + 1, Math.floor(((i + 1) * peaks.length) / count));
    out.push(Math.max(...peaks.slice(from, to)));
  }
  return out;
}

/** How many bars a voice message shows: longer recordings make a longer bubble, within bounds. */
export function barCountFor(durationMs: number): number {
  const seconds = durationMs / 1000;
  return Math.round(Math.min(40, Math.max(16, 14 + seconds * 1.2)));
}
