import "server-only";
import { createHash, randomInt } from "node:crypto";

/*
 * Ten one-time recovery codes, shown once. Each is 10 characters of Crockford's base32
 * (50 random bits), shown as "abcde-fghjk"; only its SHA-256 is stored (a random code
 * of that strength needs no slow hash, and it is also throttled like a password).
 */
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** The code as typed → its canonical form (case, spaces, dashes and look-alikes forgiven), or null. */
export function normaliseRecoveryCode(input: string): string | null {
  const value = input.toLowerCase().replace(/[\s-]/g, "").replace(/o/g, "0").replace(/[il]/g, "1");
  return /^[0-9a-hjkmnp-tv-z]{10}$/.test(value) ? value : null;
}

export function hashRecoveryCode(input: string): string | null {
  const code = normaliseRecoveryCode(input);
  return code ? createHash("sha256").update(`conduct-desk-recovery:${code}`, "utf8").digest("hex") : null;
}
