import { Limits } from '@parley/shared/limits';

export interface ProfileForm {
  displayName: string;
  bio: string;
}

export type ProfileErrors = Partial<Record<keyof ProfileForm, 'required' | 'tooLong'>>;

/** Characters as people count them (and the server does): code points, so 中 or 😀 is one. */
export function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** The server's rules for a profile: a trimmed display name of 1–64 characters, a bio of at most 500. */
export function validateProfile(form: ProfileForm): ProfileErrors {
  const errors: ProfileErrors = {};
  const name = form.displayName.trim();
  if (name === '') errors.displayName = 'required';
  else if (charCount(name) > Limits.displayNameMax) errors.displayName = 'tooLong';
  if (charCount(form.bio) > Limits.bioMax) errors.bio = 'tooLong';
  return errors;
}

/** Only what changed, trimmed as the server stores it; empty when nothing did. */
export function profilePatch(saved: ProfileForm, form: ProfileForm): { displayName?: string; bio?: string } {
  const patch: { displayName?: string; bio?: string } = {};
  if (form.displayName.trim() !== saved.displayName) patch.displayName = form.displayName.trim();
  if (form.bio !== saved.bio) patch.bio = form.bio;
  return patch;
}
