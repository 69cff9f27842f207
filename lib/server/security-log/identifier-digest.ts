import "server-only";
import { createHmac } from "node:crypto";
import { derivedKey } from "../server-keys.ts";

/**
 * What the security log and the throttle keep of an identifier someone typed: an HMAC-SHA256
 * under a key derived from NEXTAUTH_SECRET, truncated to 128 bits. It groups repeated
 * attempts on the same text (an attack on one address shows as one digest), yet gives back
 * nothing of the text itself, not even a prefix: a password pasted into the email field is
 * not kept. An unkeyed hash would be reversible by hashing a list of emails or common
 * passwords; a truncated form (first letters) would keep part of a pasted password.
 */
export function identifierDigest(identifier: string): string {
  return createHmac("sha256", derivedKey("sign-in-identifier-v1"))
    .update(normaliseIdentifier(identifier), "utf8")
    .digest("hex")
    .slice(0, 32);
}

/** The email as sign-in compares it: trimmed, NFKC, lower-cased. */
export function normaliseIdentifier(identifier: string): string {
  return identifier.trim().normalize("NFKC").toLowerCase();
}
