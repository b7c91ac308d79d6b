import { describe, expect, it } from 'vitest';
import { composerKeyAction } from '../../src/renderer/components/composer/keys.js';

const key = (
  k: string,
  mods: Partial<Record<'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey' | 'isComposing', boolean>> = {},
) => ({
  key: k,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  isComposing: false,
  ...mods,
});

describe('composerKeyAction', () => {
  it('by default: Enter sends, Shift+Enter and Ctrl+Enter make a new line', () => {
    expect(composerKeyAction(key('Enter'), false)).toBe('send');
    expect(composerKeyAction(key('Enter', { shiftKey: true }), false)).toBeNull();
    expect(composerKeyAction(key('Enter', { ctrlKey: true }), false)).toBe('newline');
  });

  it('with "send with Ctrl+Enter": Ctrl/Cmd+Enter sends, Enter makes a new line', () => {
    expect(composerKeyAction(key('Enter'), true)).toBeNull();
    expect(composerKeyAction(key('Enter', { ctrlKey: true }), true)).toBe('send');
    expect(composerKeyAction(key('Enter', { metaKey: true }), true)).toBe('send');
  });

  it('leaves Enter to the input method while it is composing (Chinese input)', () => {
    expect(composerKeyAction(key('Enter', { isComposing: true }), false)).toBeNull();
    expect(composerKeyAction(key('a'), false)).toBeNull();
  });
});
