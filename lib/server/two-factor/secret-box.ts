import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { derivedKey } from "../server-keys.ts";

/*
 * TOTP secrets at rest: AES-256-GCM under a key derived from NEXTAUTH_SECRET, a random
 * 96-bit nonce per secret, the user id as associated data (a sealed secret copied onto
 * another account does not open). Stored as "v1.<nonce>.<tag>.<ciphertext>", base64url.
 */
const VERSION = "v1";

export function sealSecret(plain: string, userId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derivedKey("totp-secret-v1"), iv);
  cipher.setAAD(Buffer.from(userId, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

/** The secret, or null when it cannot be opened (another NEXTAUTH_SECRET, another user, tampered). */
export function openSecret(sealed: string | null | undefined, userId: string): string | null {
  if (!sealed) return null;
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", derivedKey("totp-secret-v1"), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(userId, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
