// TOTP (RFC 6238) with otplib; replay-protected by remembering the last accepted time step.
import { generateSecret, generateURI, verify, generate } from 'otplib';

export const newTotpSecret = () => generateSecret();
export const totpUri = (secret: string, account: string, issuer: string) =>
  generateURI({ issuer, label: account, secret });
export const totpCode = (secret: string) => generate({ secret });

/** Returns the accepted time step, or null. */
export async function checkTotp(secret: string, code: string, afterTimeStep?: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  try {
    const r = await verify({ secret, token: code, epochTolerance: 30, ...(afterTimeStep ? { afterTimeStep } : {}) });
    return r.valid ? (r as unknown as { timeStep: number }).timeStep : null;
  } catch {
    return null;
  }
}
