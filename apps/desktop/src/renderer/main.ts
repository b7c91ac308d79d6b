import type { ConnectionState, ConversationSummary, IpcResult } from '@parley/shared';
import { h } from './dom.js';
import { text } from './text.js';

/*
 * A deliberately small first screen: the connection state, sign-in, and the conversation list,
 * all from window.parley. The real chat UI (React) replaces it.
 */

const root = document.getElementById('app') ?? document.body;
let connection: ConnectionState = 'signed-out';
let error = '';

async function render(): Promise<void> {
  const state = await window.parley.session.state();
  if (state.ok) connection = state.data.connection;
  const signedIn = state.ok && state.data.me !== null;
  const header = h(
    'header',
    {},
    h('h1', {}, 'Parley'),
    h('span', { class: 'state', 'data-state': connection }, text.connection[connection]),
    signedIn ? h('button', { onclick: () => void signOut() }, text.signOut) : null,
  );
  const main = h('main', {}, h('p', { class: 'note' }, text.preview));
  if (state.ok && !state.data.rememberLogin) main.append(h('p', { class: 'warning' }, text.notRemembered));
  main.append(signedIn ? await conversationList() : signInForm(state.ok ? (state.data.serverUrl ?? '') : ''));
  root.replaceChildren(header, main);
}

async function conversationList(): Promise<HTMLElement> {
  const result = await window.parley.conversations.list();
  const list = result.ok ? result.data.conversations : [];
  if (list.length === 0) return h('p', { class: 'note' }, text.noConversations);
  return h(
    'section',
    {},
    h('h2', {}, text.conversations),
    h('ul', { class: 'conversations' }, ...list.map(conversationRow)),
  );
}

function conversationRow(c: ConversationSummary): HTMLElement {
  const last = c.lastMessage ? (c.lastMessage.content?.text ?? text.recalled) : '';
  return h(
    'li',
    {},
    h('div', { class: 'body' }, h('div', { class: 'title' }, c.title), h('div', { class: 'last' }, last)),
    c.unreadCount > 0 ? h('span', { class: 'unread' }, String(c.unreadCount)) : null,
  );
}

function signInForm(serverUrl: string): HTMLElement {
  const server = h('input', { placeholder: 'http://192.168.1.10:7400', value: serverUrl, required: true });
  const username = h('input', { placeholder: text.username, autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', placeholder: text.password, required: true });
  const submit = async (register: boolean) => {
    const credentials = { serverUrl: server.value, username: username.value, password: password.value };
    const result: IpcResult<unknown> = register
      ? await window.parley.session.register({ ...credentials, displayName: username.value })
      : await window.parley.session.login(credentials);
    error = result.ok ? '' : result.error.message;
    await render();
  };
  return h(
    'form',
    {
      onsubmit: (event) => {
        event.preventDefault();
        void submit(false);
      },
    },
    h('label', {}, text.server, server),
    h('label', {}, text.username, username),
    h('label', {}, text.password, password),
    error ? h('p', { class: 'error' }, error) : null,
    h('button', { class: 'primary', type: 'submit' }, text.signIn),
    h('button', { type: 'button', onclick: () => void submit(true) }, text.register),
  );
}

async function signOut(): Promise<void> {
  await window.parley.session.logout();
  await render();
}

const rerender = () => void render();
window.parley.on('connection', ({ state }) => {
  connection = state;
  rerender();
});
window.parley.on('conversations.changed', rerender);
window.parley.on('signed-out', rerender);
rerender();
