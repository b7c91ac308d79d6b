import { randomInt } from 'node:crypto';

/** Lower case without look-alikes (no i, l, o, 0, 1), so it can be read out or copied by hand. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A password an administrator hands over once, ~59 random bits, shown as xxxx-xxxx-xxxx. */
export function temporaryPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 3; g++) {
    let group = '';
    for (let i = 0; i < 4; i++) group += ALPHABET.charAt(randomInt(ALPHABET.length));
    groups.push(group);
  }
  return groups.join('-');
}
