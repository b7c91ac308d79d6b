import { describe, expect, it } from 'vitest';
import { hostNameProblem } from '../../src/renderer/components/hosting/host-name.js';

describe('the name a hosted server starts with', () => {
  it('is one line of 1 to 64 characters, spaces around it ignored', () => {
    expect(hostNameProblem('Design Team')).toBeNull();
    expect(hostNameProblem('  研发部  ')).toBeNull();
    expect(hostNameProblem('x'.repeat(64))).toBeNull();
    expect(hostNameProblem('')).toBe('required');
    expect(hostNameProblem('   ')).toBe('required');
    expect(hostNameProblem('x'.repeat(65))).toBe('tooLong');
    expect(hostNameProblem('Team\nRoom')).toBe('control');
  });

  it('counts as the server does (UTF-16 units), so what passes here is never refused there', () => {
    // 33 emoji are 66 UTF-16 units: over the server config's 64.
    expect(hostNameProblem('🎉'.repeat(32))).toBeNull();
    expect(hostNameProblem('🎉'.repeat(33))).toBe('tooLong');
  });
});
