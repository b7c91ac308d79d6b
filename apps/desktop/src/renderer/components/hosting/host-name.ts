import { Limits } from '@parley/shared/limits';

export type HostNameProblem = 'required' | 'tooLong' | 'control';

/**
 * What is wrong with a server name typed to start hosting, if anything: the main process refuses
 * the same (one line, at most 64 characters as the server's config counts them).
 */
export function hostNameProblem(name: string): HostNameProblem | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'required';
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) return 'control';
  if (trimmed.length > Limits.serverNameMax) return 'tooLong';
  return null;
}
