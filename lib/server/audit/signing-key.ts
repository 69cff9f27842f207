import "server-only";
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { readDatabaseConfig } from "../db/config.ts";
import { keysDirFor, readOrCreateKeyFile } from "../keys/key-files.ts";

export type AuditSigner = {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The raw 32-byte Ed25519 public key, base64: what to keep elsewhere to check checkpoints. */
  publicKeyBase64: string;
  /** SHA-256 of the raw public key, first 16 bytes, hex. */
  keyId: string;
  /** Where the key came from, for messages (never the key). */
  source: string;
};

export class SigningKeyError extends Error {
  override name = "SigningKeyError";
}

const KEY_FILE = "audit-signing-key.pem";

function rawPublicKey(publicKey: KeyObject): Buffer {
  // An Ed25519 SPKI DER is a 12-byte prefix and the 32-byte key.
  return publicKey.export({ format: "der", type: "spki" }).subarray(-32);
}

export function signerFrom(privateKey: KeyObject, source: string): AuditSigner {
  if (privateKey.asymmetricKeyType !== "ed25519") throw new SigningKeyError(`The audit signing key (${source}) is not an Ed25519 key`);
  const publicKey = createPublicKey(privateKey);
  const raw = rawPublicKey(publicKey);
  return {
    privateKey,
    publicKey,
    publicKeyBase64: raw.toString("base64"),
    keyId: createHash("sha256").update(raw).digest("hex").slice(0, 32),
    source,
  };
}

/** A public key given as its raw 32 bytes in base64 (as the Audit page shows it), for checking only. */
export function publicKeyFromBase64(text: string): KeyObject {
  const raw = Buffer.from(text.trim(), "base64");
  if (raw.length !== 32) throw new SigningKeyError("A public key is 32 bytes in base64 (as the Audit page and audit:head show it)");
  return createPublicKey({ key: Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), raw]), format: "der", type: "spki" });
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash("sha256").update(rawPublicKey(publicKey)).digest("hex").slice(0, 32);
}

function parsePrivateKey(text: string, source: string): KeyObject {
  try {
    const trimmed = text.trim();
    return trimmed.includes("BEGIN")
      ? createPrivateKey(trimmed)
      : createPrivateKey({ key: Buffer.from(trimmed, "base64"), format: "der", type: "pkcs8" });
  } catch {
    throw new SigningKeyError(
      `The audit signing key (${source}) is not a readable Ed25519 private key: give a PEM, or the base64 of its PKCS#8 DER (openssl genpkey -algorithm ed25519)`,
    );
  }
}

const cache = globalThis as unknown as {
  conductAuditSigner?: { key: string; signer: AuditSigner };
  conductAuditSignerOverride?: AuditSigner;
};

/**
 * The key that signs audit checkpoints, kept outside the database: `AUDIT_SIGNING_KEY` (PEM or
 * base64 PKCS#8 of an Ed25519 private key; every instance of a deployment needs the same one),
 * else a key file in the keys directory (created on first start, beside the embedded data
 * directory, never inside it). An in-memory database gets a key for the life of the process.
 */
export function auditSigner(env: Record<string, string | undefined> = process.env): AuditSigner {
  if (cache.conductAuditSignerOverride) return cache.conductAuditSignerOverride;
  const fromEnv = env.AUDIT_SIGNING_KEY?.trim();
  const config = readDatabaseConfig(env);
  const dir = fromEnv ? null : keysDirFor(config, env);
  const cacheKey = fromEnv ? `env:${fromEnv}` : dir ? `dir:${dir}` : "memory";
  if (cache.conductAuditSigner?.key === cacheKey) return cache.conductAuditSigner.signer;
  let signer: AuditSigner;
  if (fromEnv) signer = signerFrom(parsePrivateKey(fromEnv, "AUDIT_SIGNING_KEY"), "AUDIT_SIGNING_KEY");
  else if (dir) {
    const { text, created, file } = readOrCreateKeyFile(dir, KEY_FILE, () =>
      generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    );
    if (created) console.log(`[audit] created the checkpoint signing key ${file}: back it up, and keep it out of database backups`);
    signer = signerFrom(parsePrivateKey(text, file), file);
  } else signer = signerFrom(generateKeyPairSync("ed25519").privateKey, "a key held in memory (in-memory database)");
  cache.conductAuditSigner = { key: cacheKey, signer };
  return signer;
}

/** For tests: sign with this key from now on (undefined: back to the configured one). */
export function setAuditSigner(signer: AuditSigner | undefined): void {
  cache.conductAuditSignerOverride = signer;
}
