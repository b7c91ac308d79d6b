import type { ConnectionState, PublicUser } from '@parley/shared';
import { call, parley } from '../api/parley.js';
import type { SliceCreator } from './types.js';

export interface SessionSlice {
  /** 'loading' until the first session.state answer. */
  phase: 'loading' | 'signed-out' | 'signed-in';
  connection: ConnectionState;
  me: PublicUser | null;
  serverUrl: string | null;
  rememberLogin: boolean;
  loadSession: () => Promise<void>;
  setConnection: (state: ConnectionState) => void;
  signedIn: (me: PublicUser, serverUrl: string) => void;
  signedOut: () => void;
  logout: () => Promise<void>;
}

export const createSessionSlice: SliceCreator<SessionSlice> = (set, get) => ({
  phase: 'loading',
  connection: 'signed-out',
  me: null,
  serverUrl: null,
  rememberLogin: true,
  loadSession: async () => {
    const s = await call(parley().session.state());
    set({
      phase: s.me ? 'signed-in' : 'signed-out',
      connection: s.connection,
      me: s.me,
      serverUrl: s.serverUrl,
      rememberLogin: s.rememberLogin,
    });
  },
  setConnection: (connection) => {
    set({ connection });
  },
  signedIn: (me, serverUrl) => {
    set({ phase: 'signed-in', me, serverUrl });
  },
  signedOut: () => {
    set({ phase: 'signed-out', me: null, connection: 'signed-out' });
    get().resetNavigation();
  },
  logout: async () => {
    await call(parley().session.logout());
    get().signedOut();
  },
});
