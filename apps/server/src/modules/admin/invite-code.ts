import { randomInt } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 3;
const GROUP_LENGTH = 4;

/** A new code, 60 random bits, shown as XXXX-XXXX-XXXX. */
export function newInviteCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = '';
    for (let i = 0; i < GROUP_LENGTH; i++) group += ALPHABET.charAt(randomInt(ALPHABET.length));
    groups.push(group);
  }
  return groups.join('-');
}

/** A code as typed (any case, spaces or dashes, I/L for 1, O for 0) in the form it is stored. */
export function normaliseInviteCode(typed: string): string {
  const plain = typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (plain.length !== GROUPS * GROUP_LENGTH) return plain;
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) groups.push(plain.slice(g * GROUP_LENGTH, (g + 1) * GROUP_LENGTH));
  return groups.join('-');
}
