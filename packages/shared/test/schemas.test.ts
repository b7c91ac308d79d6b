import { describe, expect, it } from 'vitest';
import {
  codePointLength,
  ErrorCodes,
  httpStatusOf,
  Limits,
  parseWith,
  RegisterBody,
  rpc,
  rpcMethods,
  SendMessageRequest,
  SyncConversationRequest,
} from '../src/index.js';

const uuid = () => crypto.randomUUID();

describe('the protocol schemas', () => {
  it('counts text in code points, so emoji and CJK count as one character', () => {
    expect(codePointLength('你好👋')).toBe(3);
    const send = (text: string) =>
      parseWith(SendMessageRequest, {
        conversationId: uuid(),
        clientMsgId: uuid(),
        content: { kind: 'text', text },
      });
    expect(send('😀'.repeat(Limits.textMax)).ok).toBe(true);
    expect(send('😀'.repeat(Limits.textMax + 1)).ok).toBe(false);
    expect(send('   ').ok).toBe(false);
  });

  it('refuses unknown message kinds and unknown fields with VALIDATION_FAILED and paths', () => {
    const r = parseWith(SendMessageRequest, {
      conversationId: uuid(),
      clientMsgId: uuid(),
      content: { kind: 'hologram', text: 'x' },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION_FAILED');
      expect(r.error.issues?.[0]?.path).toBe('content.kind');
    }
    const extra = parseWith(RegisterBody, {
      username: 'abc',
      displayName: 'A',
      password: '12345678',
      admin: true,
    });
    expect(extra.ok).toBe(false);
  });

  it('trims display names and refuses control characters', () => {
    const ok = parseWith(RegisterBody, { username: 'abc', displayName: '  王 小明  ', password: '12345678' });
    expect(ok.ok && ok.value.displayName).toBe('王 小明');
    expect(
      parseWith(RegisterBody, { username: 'abc', displayName: 'a\u0000b', password: '12345678' }).ok,
    ).toBe(false);
    expect(parseWith(RegisterBody, { username: 'a b', displayName: 'x', password: '12345678' }).ok).toBe(
      false,
    );
    expect(parseWith(RegisterBody, { username: 'abc', displayName: 'x', password: 'short' }).ok).toBe(false);
  });

  it('asks for afterSeq or beforeSeq, not both', () => {
    const id = uuid();
    expect(parseWith(SyncConversationRequest, { conversationId: id, afterSeq: 1, beforeSeq: 5 }).ok).toBe(
      false,
    );
    expect(parseWith(SyncConversationRequest, { conversationId: id, afterSeq: 1 }).ok).toBe(true);
    expect(parseWith(SyncConversationRequest, { conversationId: id, afterSeq: -1 }).ok).toBe(false);
  });

  it('has a request and response schema for every method, and an HTTP status for every code', () => {
    expect(rpcMethods.length).toBeGreaterThan(30);
    for (const m of rpcMethods) {
      expect(rpc[m].request.safeParse(42).success).toBe(false);
    }
    for (const code of ErrorCodes) expect(httpStatusOf[code]).toBeGreaterThanOrEqual(400);
  });
});
