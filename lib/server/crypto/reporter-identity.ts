// No "server-only" here: the database opener encrypts rows written before encryption, outside Next too.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import type { DataKeys } from "./data-keys.ts";

/*
 * A case's reporter at rest: who they are (a member's id, or a contact's name and email) is
 * encrypted with AES-256-GCM under the current data key, as
 *
 *   v1.<key id>.<iv>.<ciphertext>.<tag>        (base64url parts)
 *
 * authenticated together with the case's id, so a ciphertext moved to another case, or altered,
 * does not decrypt. The key id says which key of the keyring opens it, so keys can rotate. A
 * reporter who is a member also gets a blind index: HMAC-SHA-256 of their member id under a key
 * of its own (derived from the same data key), so "the cases this member reported" is an
 * equality lookup without any clear link from the case to the member.
 */

export const REPORTER_FORMAT = "v1";

/** What is encrypted: a member's id, or an outside contact's name and email. */
export type ReporterIdentity = { memberId?: string; name?: string; contact?: string };

export type EncryptedReporter = { reporterEncrypted: string; reporterBlindIndex: string | null };

/** Why a reporter cannot be read: its key is not in the keyring, or the ciphertext was altered (or moved). */
export class ReporterUnreadableError extends Error {
  override name = "ReporterUnreadableError";
  constructor(
    readonly reason: "missing_key" | "damaged",
    readonly keyId: string | null,
  ) {
    super(
      reason === "missing_key"
        ? `This reporter was encrypted under key ${keyId}, which is not configured`
        : "This reporter's ciphertext does not match its case: it was altered or moved",
    );
  }
}

const b64 = (buf: Buffer) => buf.toString("base64url");
const aad = (keyId: string, caseId: string) =>
  Buffer.from(`conduct-desk case reporter ${REPORTER_FORMAT} ${keyId} ${caseId.toLowerCase()}`);

/** The blind index of a member id under one key (the current one unless told). */
export function reporterBlindIndex(keys: DataKeys, memberId: string, keyId = keys.current.id): string {
  const key = keys.byId.get(keyId);
  if (!key) throw new ReporterUnreadableError("missing_key", keyId);
  return b64(createHmac("sha256", key.blindIndex).update(`member ${memberId.toLowerCase()}`).digest());
}

/** Every blind index the member may be stored under: one per key of the keyring (rows move to the current key during a rotation). */
export function reporterBlindIndexes(keys: DataKeys, memberId: string): string[] {
  return [...keys.byId.keys()].map((id) => reporterBlindIndex(keys, memberId, id));
}

/** Encrypts a case's reporter under the current key, with the blind index when the reporter is a member. */
export function encryptReporter(keys: DataKeys, caseId: string, identity: ReporterIdentity): EncryptedReporter {
  const key = keys.current;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.encryption, iv);
  cipher.setAAD(aad(key.id, caseId));
  const plain: ReporterIdentity = {};
  if (identity.memberId) plain.memberId = identity.memberId.toLowerCase();
  if (identity.name != null) plain.name = identity.name;
  if (identity.contact != null) plain.contact = identity.contact;
  const body = Buffer.concat([cipher.update(JSON.stringify(plain), "utf8"), cipher.final()]);
  return {
    reporterEncrypted: [REPORTER_FORMAT, key.id, b64(iv), b64(body), b64(cipher.getAuthTag())].join("."),
    reporterBlindIndex: plain.memberId ? reporterBlindIndex(keys, plain.memberId) : null,
  };
}

/** The key id a ciphertext names (null when it is not one this version wrote). */
export function reporterKeyId(encrypted: string): string | null {
  const parts = encrypted.split(".");
  return parts.length === 5 && parts[0] === REPORTER_FORMAT ? parts[1]! : null;
}

/** Decrypts a case's reporter; throws ReporterUnreadableError when its key is missing or it does not belong to this case. */
export function decryptReporter(keys: DataKeys, caseId: string, encrypted: string): ReporterIdentity {
  const parts = encrypted.split(".");
  if (parts.length !== 5 || parts[0] !== REPORTER_FORMAT) throw new ReporterUnreadableError("damaged", null);
  const [, keyId, iv, body, tag] = parts as [string, string, string, string, string];
  const key = keys.byId.get(keyId);
  if (!key) throw new ReporterUnreadableError("missing_key", keyId);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.encryption, Buffer.from(iv, "base64url"), { authTagLength: 16 });
    decipher.setAAD(aad(keyId, caseId));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    const plain = Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
    const value = JSON.parse(plain) as ReporterIdentity;
    return {
      ...(typeof value.memberId === "string" ? { memberId: value.memberId } : {}),
      ...(typeof value.name === "string" ? { name: value.name } : {}),
      ...(typeof value.contact === "string" ? { contact: value.contact } : {}),
    };
  } catch {
    throw new ReporterUnreadableError("damaged", keyId);
  }
}
