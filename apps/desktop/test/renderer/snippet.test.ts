import { describe, expect, it } from 'vitest';
import { snippetParts } from '../../src/renderer/components/chats/snippet.js';

const render = (parts: { text: string; hit: boolean }[]) =>
  parts.map((p) => (p.hit ? `[${p.text}]` : p.text)).join('');

describe('snippetParts', () => {
  it('marks the matched ranges', () => {
    expect(render(snippetParts('the quarterly report is ready', [{ start: 4, end: 13 }]))).toBe(
      'the [quarterly] report is ready',
    );
    expect(
      render(
        snippetParts('会议改到明天下午', [
          { start: 0, end: 2 },
          { start: 4, end: 6 },
        ]),
      ),
    ).toBe('[会议]改到[明天]下午');
  });

  it('shows the text around a match deep in a long message, with ellipses', () => {
    const text = `${'a'.repeat(200)} needle ${'b'.repeat(200)}`;
    const out = render(snippetParts(text, [{ start: 201, end: 207 }], 60, 10));
    expect(out.startsWith('…')).toBe(true);
    expect(out.endsWith('…')).toBe(true);
    expect(out).toContain('[needle]');
    expect(out.length).toBeLessThanOrEqual(60 + 4);
  });

  it('puts the window at the end when the match is near it', () => {
    const text = `${'x'.repeat(100)} end`;
    expect(render(snippetParts(text, [{ start: 101, end: 104 }], 20, 5))).toBe(`…${'x'.repeat(16)} [end]`);
  });

  it('keeps the message on one line and never cuts an emoji in two', () => {
    expect(render(snippetParts('line one\n\nline two', [{ start: 10, end: 14 }]))).toBe(
      'line one [line] two',
    );
    const text = `${'😀'.repeat(30)}hit`;
    const parts = snippetParts(text, [{ start: 60, end: 63 }], 20, 5);
    expect(parts.map((p) => p.text).join('')).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('ignores ranges outside the text', () => {
    expect(render(snippetParts('short', [{ start: 3, end: 99 }]))).toBe('short');
  });
});
