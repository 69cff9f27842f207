// No "server-only" here: the database opener loads the keys for CLI scripts and tests outside Next too.
import { createHash, hkdfSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DatabaseSetupError } from "../db/config.ts";

/*
 * The data encryption key: what reporters are encrypted under, kept outside the database
 * (DATA_ENCRYPTION_KEY, or for the embedded database a key file in the keys directory,
 * lib/server/keys/key-files.ts: beside its data directory, never inside it).
 * A key is 32 random bytes, written as base64. Two keys are derived from it with HKDF-SHA-256,
 * one per purpose: AES-256-GCM for the reporter's identity, HMAC-SHA-256 for the blind index.
 * A keyring holds one or more keys: the first encrypts, every one decrypts (during a rotation).
 */

export const DATA_KEY_BYTES = 32;
export const DATA_KEY_ENV = "DATA_ENCRYPTION_KEY";
export const DATA_KEY_FILE_NAME = "data-encryption.key";

export type DataKey = {
  /** 16 hex characters naming the key in every ciphertext it wrote (a hash of it: it tells nothing of the key). */
  id: string;
  encryption: Buffer;
  blindIndex: Buffer;
  /** The key as configured (base64), to write it back into a key file during a rotation. */
  text: string;
};

export type DataKeys = {
  /** The key new ciphertexts are written under. */
  current: DataKey;
  /** Every key that decrypts, by id: the current one first. */
  byId: ReadonlyMap<string, DataKey>;
  /** Where the keys came from, for messages: never the keys themselves. */
  source: string;
  /** The key file the keys were read from, when they were. */
  file: string | null;
};

const derive = (raw: Buffer, purpose: string) => Buffer.from(hkdfSync("sha256", raw, Buffer.alloc(0), `conduct-desk ${purpose}`, 32));

export function dataKeyFromBytes(raw: Buffer): DataKey {
  if (raw.length !== DATA_KEY_BYTES) throw new Error(`A data key is ${DATA_KEY_BYTES} bytes`);
  return {
    id: createHash("sha256").update("conduct-desk data key id\0").update(raw).digest("hex").slice(0, 16),
    encryption: derive(raw, "reporter identity aes-256-gcm"),
    blindIndex: derive(raw, "reporter blind index hmac-sha-256"),
    text: raw.toString("base64"),
  };
}

/** A new random key, as base64 (what DATA_ENCRYPTION_KEY and the key file hold). */
export function generateDataKeyText(): string {
  return randomBytes(DATA_KEY_BYTES).toString("base64");
}

export function keyringOf(keys: DataKey[], source: string, file: string | null = null): DataKeys {
  if (keys.length === 0) throw new DatabaseSetupError(`${source} holds no key`);
  const byId = new Map<string, DataKey>();
  for (const key of keys) if (!byId.has(key.id)) byId.set(key.id, key);
  return { current: keys[0]!, byId, source, file };
}

/**
 * Reads keys written as base64, separated by commas, spaces or new lines; lines starting with
 * "#" are comments. A malformed key stops the app, naming where it is (never its value).
 */
export function parseDataKeys(text: string, source: string, file: string | null = null): DataKeys {
  const words = text
    .split("\n")
    .filter((line) => !line.trim().startsWith("#"))
    .join("\n")
    .split(/[\s,]+/)
    .filter((w) => w.length > 0);
  if (words.length === 0) {
    throw new DatabaseSetupError(`${source} holds no key: it needs the base64 of ${DATA_KEY_BYTES} random bytes (openssl rand -base64 32)`);
  }
  const keys = words.map((word, i) => {
    const raw = /^[A-Za-z0-9+/_-]+={0,2}$/.test(word) ? Buffer.from(word, "base64") : Buffer.alloc(0);
    if (raw.length !== DATA_KEY_BYTES) {
      const which = words.length > 1 ? `key ${i + 1} of ${source}` : source;
      throw new DatabaseSetupError(
        `${which} is not the base64 of ${DATA_KEY_BYTES} bytes (it decodes to ${raw.length}): make one with openssl rand -base64 32`,
      );
    }
    return dataKeyFromBytes(raw);
  });
  return keyringOf(keys, source, file);
}

const KEY_FILE_HEADER = [
  "# Conduct Desk data encryption key: reporters are encrypted under it. Without it no reporter can be read.",
  "# Back it up, apart from the database backups (README, Backups and keys). The first key encrypts; any other",
  "# is an older key that npm run keys:rotate is still moving reporters away from.",
].join("\n");

/** What a new key file holds: the header, then the keys (the first encrypts). */
export function dataKeyFileText(keys: DataKey[]): string {
  return `${KEY_FILE_HEADER}\n${keys.map((k) => k.text).join("\n")}\n`;
}

/** Writes the key file atomically (a temporary file renamed over it), readable by its owner only. */
export function writeDataKeyFile(file: string, keys: DataKey[]): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}`);
  fs.writeFileSync(temp, dataKeyFileText(keys), { mode: 0o600, flag: "wx" });
  fs.renameSync(temp, file);
}

/** The key file's keys, or null when there is no file. Looser permissions are tightened to 0600, with a warning. */
export function readDataKeyFile(file: string, warn: (line: string) => void = () => {}): DataKeys | null {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return null;
    throw new DatabaseSetupError(`Cannot read the data encryption key file ${file} (${code ?? "error"}): fix its permissions`);
  }
  const mode = fs.statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    try {
      fs.chmodSync(file, 0o600);
      warn(`the data encryption key file ${file} was readable by others (mode ${mode.toString(8)}): set to 0600`);
    } catch {
      warn(`the data encryption key file ${file} is readable by others (mode ${mode.toString(8)}): chmod 600 it`);
    }
  }
  return parseDataKeys(text, `the key file ${file}`, file);
}
