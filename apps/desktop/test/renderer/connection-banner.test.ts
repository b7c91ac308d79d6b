import type { ConnectionState } from '@parley/shared';
import { describe, expect, it } from 'vitest';
import { type Banner, nextBanner } from '../../src/renderer/components/chats/connection-banner-state.js';

const run = (events: (ConnectionState | 'slow' | 'settled')[], from: Banner = 'none'): Banner[] => {
  const seen: Banner[] = [];
  let b = from;
  for (const e of events) {
    b = nextBanner(b, e === 'slow' || e === 'settled' ? { type: e } : { type: 'connection', state: e });
    seen.push(b);
  }
  return seen;
};

describe('nextBanner', () => {
  it('stays quiet when the first connection succeeds', () => {
    expect(run(['connecting', 'online'])).toEqual(['connecting', 'none']);
  });

  it('says offline, keeps saying it through reconnect attempts, then back online, then nothing', () => {
    expect(run(['online', 'offline', 'connecting', 'offline', 'connecting', 'online', 'settled'])).toEqual([
      'none',
      'offline',
      'offline',
      'offline',
      'offline',
      'back-online',
      'none',
    ]);
  });

  it('counts a connection that takes too long as offline', () => {
    expect(run(['online', 'connecting', 'slow', 'online'])).toEqual([
      'none',
      'connecting',
      'offline',
      'back-online',
    ]);
  });

  it('does not announce "back online" after a short blip nobody was told about', () => {
    expect(run(['online', 'connecting', 'online'])).toEqual(['none', 'connecting', 'none']);
  });

  it('warns about a changed key until the link is back (after re-trust), whatever the timers do', () => {
    expect(
      run(['online', 'connecting', 'untrusted', 'slow', 'settled', 'untrusted', 'connecting', 'online']),
    ).toEqual([
      'none',
      'connecting',
      'untrusted',
      'untrusted',
      'untrusted',
      'untrusted',
      'connecting',
      'none',
    ]);
    expect(run(['untrusted', 'signed-out'])).toEqual(['untrusted', 'none']);
  });

  it('ignores late timers and clears on sign-out', () => {
    expect(run(['slow', 'settled'])).toEqual(['none', 'none']);
    expect(run(['offline', 'signed-out'])).toEqual(['offline', 'none']);
  });
});
