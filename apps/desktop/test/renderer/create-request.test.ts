import { describe, expect, it } from 'vitest';
import { createRequestFor } from '../../src/renderer/components/groups/create-request.js';

describe('createRequestFor: one clientRequestId per group the user means to create', () => {
  let n = 0;
  const newId = () => `id-${++n}`;

  it('keeps the id for a retry of the same group, members in any order', () => {
    const first = createRequestFor(null, 'Launch 发布', ['u1', 'u2'], newId);
    expect(createRequestFor(first, 'Launch 发布', ['u1', 'u2'], newId)).toBe(first);
    expect(createRequestFor(first, 'Launch 发布', ['u2', 'u1'], newId).id).toBe(first.id);
  });

  it('makes a new id once the name or the members changed', () => {
    const first = createRequestFor(null, 'Launch', ['u1'], newId);
    const renamed = createRequestFor(first, 'Launch 2', ['u1'], newId);
    expect(renamed.id).not.toBe(first.id);
    const more = createRequestFor(renamed, 'Launch 2', ['u1', 'u3'], newId);
    expect(more.id).not.toBe(renamed.id);
    expect(new Set([first.id, renamed.id, more.id]).size).toBe(3);
  });
});
