import { describe, expect, it } from 'vitest';
import {
  charCount,
  profilePatch,
  validateProfile,
} from '../../src/renderer/components/settings/profile-form.js';

describe('validateProfile', () => {
  it('accepts a display name and a bio within the limits', () => {
    expect(validateProfile({ displayName: '王小明', bio: '' })).toEqual({});
  });

  it('requires a display name that is more than spaces', () => {
    expect(validateProfile({ displayName: '   ', bio: '' })).toEqual({ displayName: 'required' });
  });

  it('counts characters as code points: 64 Chinese characters or emoji fit, 65 do not', () => {
    expect(validateProfile({ displayName: '中'.repeat(64), bio: '' })).toEqual({});
    expect(validateProfile({ displayName: '😀'.repeat(64), bio: '' })).toEqual({});
    expect(validateProfile({ displayName: '中'.repeat(65), bio: '' })).toEqual({ displayName: 'tooLong' });
    expect(charCount('😀中a')).toBe(3);
  });

  it('limits the bio to 500 characters', () => {
    expect(validateProfile({ displayName: 'A', bio: '字'.repeat(500) })).toEqual({});
    expect(validateProfile({ displayName: 'A', bio: '字'.repeat(501) })).toEqual({ bio: 'tooLong' });
  });
});

describe('profilePatch', () => {
  const saved = { displayName: 'Ann', bio: 'Designer' };

  it('is empty when nothing changed, ignoring spaces around the name', () => {
    expect(profilePatch(saved, { displayName: ' Ann ', bio: 'Designer' })).toEqual({});
  });

  it('holds only the changed fields, the name trimmed', () => {
    expect(profilePatch(saved, { displayName: ' Anna ', bio: 'Designer' })).toEqual({ displayName: 'Anna' });
    expect(profilePatch(saved, { displayName: 'Ann', bio: '' })).toEqual({ bio: '' });
  });
});
