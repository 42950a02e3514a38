// Passwords: argon2id (OWASP parameters), length 12–128, common and breached passwords refused (offline list of ~49k).
import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

const OPTS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

let common: Set<string> | null = null;
const commonList = () => (common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase())));

/** Returns the message key of the first rule the password breaks, or null. */
export function passwordProblem(pw: string, context: string[] = []): string | null {
  const len = [...pw].length;
  if (len < PASSWORD_MIN) return 'password.tooShort';
  if (len > PASSWORD_MAX) return 'password.tooLong';
  const lower = pw.toLowerCase();
  if (commonList().has(lower)) return 'password.common';
  if (/^(.)\1+$/.test(pw)) return 'password.common';
  for (const c of context) if (c && c.length >= 4 && lower.includes(c.toLowerCase())) return 'password.personal';
  return null;
}

export const hashPassword = (pw: string) => hash(pw, OPTS);

// A hash of a random password, verified against when the account is unknown so both paths cost the same.
let dummy: Promise<string> | null = null;
export async function verifyPassword(stored: string | null | undefined, pw: string): Promise<boolean> {
  if (!stored && !dummy) dummy = hash(`not-a-real-password-${Math.random()}`, OPTS);
  const h = stored ?? (await dummy!);
  try {
    const ok = await verify(h, pw);
    return !!stored && ok;
  } catch {
    return false;
  }
}
