import argon2 from 'argon2';

export const hashPassword = (password: string): Promise<string> =>
  argon2.hash(password, { type: argon2.argon2id });

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Verified against when the user doesn't exist, so a wrong username costs as long as a wrong password. */
export const DUMMY_HASH = await hashPassword('confab-timing-equaliser');
