import { type KeyboardEvent, type MouseEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { Icon } from '../common/Icon.js';
import { formatDuration } from './format.js';
import { barCountFor, resamplePeaks } from './waveform.js';

const speeds = [1, 1.5, 2] as const;
/** The voice message playing now: starting another one pauses it. */
let playingNow: HTMLAudioElement | null = null;

/**
 * A voice message: play / pause, its waveform (played part highlighted; click or arrow keys to
 * seek), where it is, and the speed (1×, 1.5×, 2×). `src` is null while there is nothing to play.
 */
export function VoicePlayer({
  src,
  durationMs,
  waveform,
  children,
}: {
  src: string | null;
  durationMs: number;
  waveform: readonly number[];
  children?: ReactNode;
}) {
  const { t } = useTranslation('files');
  const toast = useStore((s) => s.toast);
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [positionMs, setPositionMs] = useState(0);
  const [speed, setSpeed] = useState<(typeof speeds)[number]>(1);
  const bars = resamplePeaks(waveform, barCountFor(durationMs));
  const total = durationMs > 0 ? durationMs : 1;
  const played = Math.min(1, positionMs / total);

  useEffect(() => {
    const el = audio.current;
    return () => {
      el?.pause();
      if (playingNow === el) playingNow = null;
    };
  }, []);

  useEffect(() => {
    if (audio.current) audio.current.playbackRate = speed;
  }, [speed]);

  const toggle = () => {
    const el = audio.current;
    if (!el) return;
    if (!el.paused) {
      el.pause();
      return;
    }
    if (playingNow && playingNow !== el) playingNow.pause();
    playingNow = el;
    el.playbackRate = speed;
    el.play().catch(() => {
      // Offline and never played here: the cache has no copy yet.
      toast(t('voice.unavailable'), 'error');
    });
  };

  const seekTo = (fraction: number) => {
    const el = audio.current;
    if (!el) return;
    const ms = Math.max(0, Math.min(1, fraction)) * total;
    el.currentTime = ms / 1000;
    setPositionMs(ms);
  };

  const onWaveClick = (e: MouseEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    seekTo((e.clientX - r.left) / r.width);
  };
  const onWaveKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = 5000 / total;
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      e.stopPropagation();
      seekTo(played + (e.key === 'ArrowRight' ? step : -step));
    }
  };

  return (
    <div
      className="voice"
      aria-label={t('voice.label', { duration: formatDuration(durationMs) })}
      role="group"
    >
      <button
        type="button"
        className="voice-play"
        disabled={src === null}
        aria-label={playing ? t('voice.pause') : t('voice.play')}
        title={playing ? t('voice.pause') : t('voice.play')}
        onClick={toggle}
      >
        <Icon name={playing ? 'pause' : 'play'} size={16} filled={!playing} />
      </button>
      <div
        className="voice-wave"
        role="slider"
        tabIndex={src === null ? -1 : 0}
        aria-label={t('voice.position')}
        aria-valuemin={0}
        aria-valuemax={Math.round(durationMs / 1000)}
        aria-valuenow={Math.round(positionMs / 1000)}
        aria-valuetext={`${formatDuration(positionMs)} / ${formatDuration(durationMs)}`}
        onClick={src === null ? undefined : onWaveClick}
        onKeyDown={onWaveKey}
      >
        {bars.map((peak, i) => (
          <span
            key={i}
            className={`voice-bar${(i + 0.5) / bars.length <= played ? ' voice-bar-played' : ''}`}
            style={{ height: `${Math.max(18, Math.round((peak / 255) * 100))}%` }}
          />
        ))}
      </div>
      <span className="voice-time">
        {formatDuration(playing || positionMs > 0 ? positionMs : durationMs)}
      </span>
      <button
        type="button"
        className="voice-speed"
        disabled={src === null}
        aria-label={`${t('voice.speed')}: ${speed}×`}
        title={t('voice.speed')}
        onClick={() => setSpeed(speeds[(speeds.indexOf(speed) + 1) % speeds.length] ?? 1)}
      >
        {speed}×
      </button>
      {children}
      {src !== null && (
        <audio
          ref={audio}
          src={src}
          preload="none"
          onPlay={() => setPlaying(true)}
          onPause={() => setPlaying(false)}
          onTimeUpdate={(e) => setPositionMs(e.currentTarget.currentTime * 1000)}
          onEnded={(e) => {
            e.currentTarget.currentTime = 0;
            setPositionMs(0);
            setPlaying(false);
          }}
        />
      )}
    </div>
  );
}
