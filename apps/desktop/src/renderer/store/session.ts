import type { ConnectionState, PublicUser } from '@parley/shared';
import { call, parley } from '../api/parley.js';
import type { SliceCreator } from './types.js';

export interface Credentials {
  username: string;
  password: string;
}

export interface SessionSlice {
  /** 'loading' until the first session.state answer. */
  phase: 'loading' | 'signed-out' | 'signed-in';
  connection: ConnectionState;
  me: PublicUser | null;
  serverUrl: string | null;
  rememberLogin: boolean;
  /** Why the app signed me out (the core's reason, e.g. 'revoked'); null after my own log out. */
  signedOutReason: string | null;
  loadSession: () => Promise<void>;
  setConnection: (state: ConnectionState) => void;
  /** Signs in on `serverUrl` (a checked, normalised address); throws the refusal as an IpcError. */
  login: (serverUrl: string, credentials: Credentials) => Promise<void>;
  register: (serverUrl: string, account: Credentials & { displayName: string }) => Promise<void>;
  signedIn: (me: PublicUser, serverUrl: string) => void;
  /** `reason`: the core's, when it signed me out (not when I logged out myself). */
  signedOut: (reason?: string) => void;
  logout: () => Promise<void>;
  /** My profile as the server stored it after an edit. */
  meUpdated: (me: PublicUser) => void;
}

export const createSessionSlice: SliceCreator<SessionSlice> = (set, get) => ({
  phase: 'loading',
  connection: 'signed-out',
  me: null,
  serverUrl: null,
  rememberLogin: true,
  signedOutReason: null,
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
  login: async (serverUrl, credentials) => {
    const { me } = await call(parley().session.login({ serverUrl, ...credentials }));
    get().signedIn(me, serverUrl);
  },
  register: async (serverUrl, account) => {
    const { me } = await call(parley().session.register({ serverUrl, ...account }));
    get().signedIn(me, serverUrl);
  },
  signedIn: (me, serverUrl) => {
    set({ phase: 'signed-in', me, serverUrl, signedOutReason: null });
  },
  signedOut: (reason) => {
    set({
      phase: 'signed-out',
      signedOutReason: reason ?? null,
      me: null,
      connection: 'signed-out',
      // Nothing of the previous account stays on screen for the next one.
      conversations: [],
      conversationsLoaded: false,
    });
    get().clearSearch();
    get().resetPeople();
    get().resetNavigation();
  },
  logout: async () => {
    await call(parley().session.logout());
    get().signedOut();
  },
  meUpdated: (me) => {
    set({ me });
  },
});
