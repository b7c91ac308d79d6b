import { Limits } from '@parley/shared/limits';
import { peaksFromLevels, peaksFromSamples, peaksPerRecording } from '../files/waveform.js';

/** What a finished recording hands to files.send. */
export interface Recorded {
  data: Uint8Array<ArrayBuffer>;
  /** The container's type without codecs, as the server expects it for a voice message. */
  type: string;
  durationMs: number;
  waveform: number[];
}

/** Why recording could not start: no permission, no microphone, or something else. */
export class RecordingError extends Error {
  constructor(
    readonly reason: 'denied' | 'no-device' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'RecordingError';
  }
}

const preferredType = 'audio/webm;codecs=opus';

/**
 * One voice recording from the microphone (MediaRecorder, Opus in WebM): a live level while it
 * runs, and at the end the bytes, the duration and the waveform peaks (decoded from the recording,
 * or from the levels sampled on the way when it cannot be decoded).
 */
export class VoiceRecording {
  private readonly chunks: Blob[] = [];
  private readonly levels: number[] = [];
  private readonly startedAt = performance.now();
  private stoppedAt: number | null = null;
  private readonly samples: Float32Array<ArrayBuffer>;
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly stopped: Promise<void>;

  private constructor(
    private readonly stream: MediaStream,
    private readonly recorder: MediaRecorder,
    private readonly audio: AudioContext,
    private readonly analyser: AnalyserNode,
  ) {
    this.samples = new Float32Array(analyser.fftSize);
    recorder.addEventListener('dataavailable', (e) => {
      if (e.data.size > 0) this.chunks.push(e.data);
    });
    this.stopped = new Promise((resolve) =>
      recorder.addEventListener('stop', () => resolve(), { once: true }),
    );
    this.timer = setInterval(() => this.levels.push(this.level()), 50);
    recorder.start(250);
  }

  /** Asks for the microphone and starts recording. */
  static async start(): Promise<VoiceRecording> {
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (err) {
      const name = err instanceof DOMException ? err.name : '';
      const message = err instanceof Error ? err.message : String(err);
      if (name === 'NotAllowedError' || name === 'SecurityError') throw new RecordingError('denied', message);
      if (name === 'NotFoundError' || name === 'OverconstrainedError')
        throw new RecordingError('no-device', message);
      throw new RecordingError('failed', message);
    }
    try {
      const mimeType = MediaRecorder.isTypeSupported(preferredType) ? preferredType : '';
      const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : {});
      const audio = new AudioContext();
      const analyser = audio.createAnalyser();
      analyser.fftSize = 1024;
      audio.createMediaStreamSource(stream).connect(analyser);
      return new VoiceRecording(stream, recorder, audio, analyser);
    } catch (err) {
      for (const track of stream.getTracks()) track.stop();
      throw new RecordingError('failed', err instanceof Error ? err.message : String(err));
    }
  }

  /** How long it has been recording (frozen once stopped). */
  get elapsedMs(): number {
    return Math.round((this.stoppedAt ?? performance.now()) - this.startedAt);
  }

  /** The microphone's level now, 0–1 (RMS of the last few milliseconds, lifted so speech fills it). */
  level(): number {
    if (this.stoppedAt !== null) return 0;
    this.analyser.getFloatTimeDomainData(this.samples);
    let sum = 0;
    for (const v of this.samples) sum += v * v;
    return Math.min(1, Math.sqrt(sum / this.samples.length) * 4);
  }

  /** Stops recording (the time limit, or the user); the result is ready with `finish`. */
  stop(): void {
    if (this.stoppedAt !== null) return;
    this.stoppedAt = performance.now();
    clearInterval(this.timer);
    if (this.recorder.state !== 'inactive') this.recorder.stop();
    for (const track of this.stream.getTracks()) track.stop();
  }

  /** Stops and hands over the recording. */
  async finish(): Promise<Recorded> {
    this.stop();
    await this.stopped;
    const type = (this.recorder.mimeType || 'audio/webm').split(';')[0] ?? 'audio/webm';
    const blob = new Blob(this.chunks, { type });
    const bytes = await blob.arrayBuffer();
    const durationMs = Math.min(Limits.voiceMaxMs, this.elapsedMs);
    const waveform = await this.decodePeaks(bytes.slice(0)).catch(() =>
      peaksFromLevels(this.levels, peaksPerRecording),
    );
    await this.audio.close().catch(() => undefined);
    return { data: new Uint8Array(bytes), type, durationMs, waveform };
  }

  /** Throws everything away. */
  cancel(): void {
    this.stop();
    void this.audio.close().catch(() => undefined);
  }

  private async decodePeaks(bytes: ArrayBuffer): Promise<number[]> {
    const decoded = await this.audio.decodeAudioData(bytes);
    return peaksFromSamples(decoded.getChannelData(0), peaksPerRecording);
  }
}
