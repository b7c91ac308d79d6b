import { Limits } from '@parley/shared/limits';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../common/Icon.js';
import { formatDuration } from '../files/format.js';
import type { VoiceRecording } from './voice-recording.js';

/** Recordings shorter than this are not worth a message (a slip of the mouse). */
export const voiceMinMs = 700;
const levelBars = 24;

/**
 * The composer while a voice message records: a red dot, the time, the microphone's live level,
 * Cancel and Send. Esc cancels. At Limits.voiceMaxMs the recording stops by itself and waits for
 * Send or Cancel.
 */
export function VoiceRecorder({
  recording,
  onSend,
  onCancel,
}: {
  recording: VoiceRecording;
  /** Finishes the recording and sends it. */
  onSend: () => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation('files');
  const [elapsed, setElapsed] = useState(0);
  const [levels, setLevels] = useState<number[]>(() => new Array<number>(levelBars).fill(0));
  const [full, setFull] = useState(false);
  const [busy, setBusy] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    cancel.current?.focus();
  }, []);

  // Esc cancels wherever focus is (the composer's input is gone while recording), before the
  // window's own Esc (which closes a side panel) sees it.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      onCancel();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onCancel]);

  useEffect(() => {
    let frame = 0;
    const tick = () => {
      const ms = recording.elapsedMs;
      setElapsed(ms);
      setLevels((l) => [...l.slice(1), recording.level()]);
      if (ms >= Limits.voiceMaxMs) {
        recording.stop();
        setFull(true);
        return;
      }
      frame = window.setTimeout(tick, 80);
    };
    tick();
    return () => clearTimeout(frame);
  }, [recording]);

  const finish = () => {
    if (busy) return;
    setBusy(true);
    void onSend().finally(() => setBusy(false));
  };

  return (
    <div className="recorder" role="group" aria-label={t('recorder.label')}>
      <span className={`recorder-dot${full ? ' recorder-dot-still' : ''}`} aria-hidden="true" />
      <span
        className="recorder-time"
        role="timer"
        aria-label={t('recorder.elapsed', { time: formatDuration(elapsed) })}
      >
        {formatDuration(elapsed)}
      </span>
      <span
        className="recorder-level"
        role="meter"
        aria-label={t('recorder.level')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round((levels.at(-1) ?? 0) * 100)}
      >
        {levels.map((level, i) => (
          <span
            key={i}
            className="recorder-bar"
            style={{ height: `${Math.max(10, Math.round(level * 100))}%` }}
          />
        ))}
      </span>
      <span className="recorder-hint">{full ? t('recorder.maxReached') : t('recorder.hint')}</span>
      <button ref={cancel} type="button" className="btn btn-secondary recorder-cancel" onClick={onCancel}>
        <Icon name="trash" size={16} />
        {t('recorder.cancel')}
      </button>
      <button
        type="button"
        className="btn recorder-send"
        disabled={busy || elapsed < voiceMinMs}
        onClick={finish}
      >
        {t('recorder.send')}
        <Icon name="send" size={16} />
      </button>
    </div>
  );
}
