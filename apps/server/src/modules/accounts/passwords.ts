import argon2 from 'argon2';

/** argon2id, with the memory cost from the config (64 MiB by default). */
export function hashPassword(password: string, memoryKiB: number): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, memoryCost: memoryKiB, timeCost: 3, parallelism: 1 });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal usernames. */
let dummy: Promise<string> | undefined;
export function dummyHash(memoryKiB: number): Promise<string> {
  dummy ??= hashPassword('parley-dummy-password', memoryKiB);
  return dummy;
}
