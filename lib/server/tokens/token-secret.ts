import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** Every secret starts with this, so a leaked token is recognisable (and secret scanners can match it). */
export const TOKEN_PREFIX = "cd_";
/** How much of the secret lists show, to tell tokens apart. */
const DISPLAY_LENGTH = TOKEN_PREFIX.length + 6;

/** A new secret: 32 random bytes, base64url, behind the prefix. Shown once, never stored. */
export function newTokenSecret(): { secret: string; prefix: string; hash: string } {
  const secret = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { secret, prefix: secret.slice(0, DISPLAY_LENGTH), hash: hashTokenSecret(secret) };
}

/** Only this SHA-256 is stored: a 256-bit random secret needs no slow hash. */
export function hashTokenSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}
