import { describe, expect, it } from 'vitest';
import { textParts } from '../../src/renderer/components/message/text-parts.js';

describe('textParts', () => {
  it('keeps plain text as one part', () => {
    expect(textParts('hello <b>there</b>')).toEqual([{ kind: 'text', text: 'hello <b>there</b>' }]);
  });

  it('finds http, https, mailto and bare www. links, leaving sentence punctuation outside', () => {
    expect(textParts('see https://example.com/a?b=1, or www.parley.chat.')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: ', or ' },
      { kind: 'link', text: 'www.parley.chat', href: 'https://www.parley.chat' },
      { kind: 'text', text: '.' },
    ]);
    expect(textParts('mail mailto:a@b.org now')[1]).toEqual({
      kind: 'link',
      text: 'mailto:a@b.org',
      href: 'mailto:a@b.org',
    });
  });

  it('keeps a closing parenthesis that belongs to the link, drops one that closes the sentence', () => {
    expect(textParts('(https://en.wikipedia.org/wiki/Foo_(bar))')).toEqual([
      { kind: 'text', text: '(' },
      {
        kind: 'link',
        text: 'https://en.wikipedia.org/wiki/Foo_(bar)',
        href: 'https://en.wikipedia.org/wiki/Foo_(bar)',
      },
      { kind: 'text', text: ')' },
    ]);
  });

  it('stops a link at Chinese punctuation and finds it right after Chinese text', () => {
    expect(textParts('看这个http://a.cn/x，好用')).toEqual([
      { kind: 'text', text: '看这个' },
      { kind: 'link', text: 'http://a.cn/x', href: 'http://a.cn/x' },
      { kind: 'text', text: '，好用' },
    ]);
  });

  it('ignores schemes that are not offered and bare schemes', () => {
    expect(textParts('javascript:alert(1) ftp://x http:// www.').every((p) => p.kind === 'text')).toBe(true);
  });

  it('marks the mentioned names, mine and @all as mentions of me', () => {
    const parts = textParts('@Ann and @Ann Lee, @张三你好 @all @allen', {
      mentions: [
        { userId: 'u1', name: 'Ann' },
        { userId: 'u2', name: 'Ann Lee' },
        { userId: 'me', name: '张三' },
      ],
      mentionsAll: true,
      meId: 'me',
    });
    expect(parts).toEqual([
      { kind: 'mention', text: '@Ann', userId: 'u1', me: false },
      { kind: 'text', text: ' and ' },
      { kind: 'mention', text: '@Ann Lee', userId: 'u2', me: false },
      { kind: 'text', text: ', ' },
      { kind: 'mention', text: '@张三', userId: 'me', me: true },
      { kind: 'text', text: '你好 ' },
      { kind: 'mention', text: '@all', userId: null, me: true },
      { kind: 'text', text: ' @allen' },
    ]);
  });

  it('does not treat @names of people who were not mentioned, or inside links, as mentions', () => {
    expect(textParts('@Bob hi')).toEqual([{ kind: 'text', text: '@Bob hi' }]);
    const parts = textParts('https://x.org/@Ann', { mentions: [{ userId: 'u1', name: 'Ann' }] });
    expect(parts).toEqual([{ kind: 'link', text: 'https://x.org/@Ann', href: 'https://x.org/@Ann' }]);
  });
});
