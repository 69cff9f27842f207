import "server-only";
import { hkdfSync } from "node:crypto";

/*
 * Keys derived from NEXTAUTH_SECRET (HKDF-SHA256, one label per use), so a deployment has
 * one secret to keep. Changing NEXTAUTH_SECRET makes stored TOTP secrets unreadable (their
 * owners enrol again) and starts the keyed hashes of the security log afresh.
 */
const DEVELOPMENT_SECRET = "conduct-desk-development-secret-not-for-production";

function rootSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET;
  if (secret) return secret;
  // The server refuses to start in production without it (lib/server/db/start.ts).
  if (process.env.NODE_ENV === "production") throw new Error("NEXTAUTH_SECRET is not set");
  return DEVELOPMENT_SECRET;
}

const cache = new Map<string, Buffer>();

/** A 256-bit key for one purpose, e.g. "totp-secret-v1". */
export function derivedKey(purpose: string): Buffer {
  const root = rootSecret();
  const cacheKey = `${purpose}\u0000${root}`;
  let key = cache.get(cacheKey);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", root, "conduct-desk", purpose, 32));
    cache.set(cacheKey, key);
  }
  return key;
}
