import type { ConnectionState, Me, ServerInfo } from '@parley/shared';
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
  me: Me | null;
  /**
   * A login the server accepted only on condition of a new password (an administrator reset it):
   * the sign-in screen asks for one, then setNewPassword signs in.
   */
  passwordChange: { serverUrl: string; username: string } | null;
  /** The signed-in server's name, announcement and registration policy, as last heard. */
  serverInfo: ServerInfo | null;
  /** The announcement the user closed (it shows again when it changes). */
  dismissedAnnouncement: string | null;
  serverUrl: string | null;
  rememberLogin: boolean;
  /** Why the app signed me out (the core's reason, e.g. 'revoked'); null after my own log out. */
  signedOutReason: string | null;
  loadSession: () => Promise<void>;
  setConnection: (state: ConnectionState) => void;
  /** Signs in on `serverUrl` (a checked, normalised address); throws the refusal as an IpcError. */
  login: (serverUrl: string, credentials: Credentials) => Promise<void>;
  register: (
    serverUrl: string,
    account: Credentials & { displayName: string; inviteCode?: string },
  ) => Promise<void>;
  /** Finishes a login that waits for a new password. */
  setNewPassword: (newPassword: string) => Promise<void>;
  /** Gives up such a login: back to the login form. */
  cancelPasswordChange: () => Promise<void>;
  signedIn: (me: Me, serverUrl: string) => void;
  /** `reason`: the core's, when it signed me out (not when I logged out myself). */
  signedOut: (reason?: string) => void;
  logout: () => Promise<void>;
  /** My profile as the server stored it after an edit. */
  meUpdated: (me: Me) => void;
  /** My profile (and whether I administer the server) again, after my profile events. */
  refreshMe: () => Promise<void>;
  loadServerInfo: () => Promise<void>;
  serverInfoChanged: (info: ServerInfo) => void;
  dismissAnnouncement: () => void;
}

export const createSessionSlice: SliceCreator<SessionSlice> = (set, get) => ({
  phase: 'loading',
  connection: 'signed-out',
  me: null,
  passwordChange: null,
  serverInfo: null,
  dismissedAnnouncement: null,
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
      // Signed out while no window listened (at startup, say): still say why.
      ...(s.me ? {} : { signedOutReason: s.signedOutReason }),
    });
    if (s.me) void get().loadServerInfo();
  },
  setConnection: (connection) => {
    set({ connection });
  },
  login: async (serverUrl, credentials) => {
    const { me, passwordChangeRequired } = await call(parley().session.login({ serverUrl, ...credentials }));
    if (passwordChangeRequired) set({ passwordChange: { serverUrl, username: me.username } });
    else get().signedIn(me, serverUrl);
  },
  setNewPassword: async (newPassword) => {
    const pending = get().passwordChange;
    if (!pending) return;
    const { me } = await call(parley().session.setNewPassword({ newPassword }));
    get().signedIn(me, pending.serverUrl);
  },
  cancelPasswordChange: async () => {
    set({ passwordChange: null });
    await call(parley().session.logout()).catch(() => undefined);
  },
  register: async (serverUrl, account) => {
    const { me } = await call(parley().session.register({ serverUrl, ...account }));
    get().signedIn(me, serverUrl);
  },
  signedIn: (me, serverUrl) => {
    set({ phase: 'signed-in', me, serverUrl, signedOutReason: null, passwordChange: null });
    void get().loadServerInfo();
  },
  signedOut: (reason) => {
    set({
      phase: 'signed-out',
      signedOutReason: reason ?? null,
      me: null,
      serverInfo: null,
      connection: 'signed-out',
      // Nothing of the previous account stays on screen for the next one.
      conversations: [],
      conversationsLoaded: false,
      attachments: {},
      transfers: {},
      downloaded: {},
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
  refreshMe: async () => {
    const { me } = await call(parley().session.state());
    if (me && get().phase === 'signed-in') set({ me });
  },
  loadServerInfo: async () => {
    const { info } = await call(parley().server.info());
    if (info) set({ serverInfo: info });
  },
  serverInfoChanged: (serverInfo) => {
    set({ serverInfo });
  },
  dismissAnnouncement: () => {
    set((s) => ({ dismissedAnnouncement: s.serverInfo?.announcement ?? null }));
  },
});
