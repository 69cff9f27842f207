import "server-only";
import fs from "node:fs";
import path from "node:path";
import type { DatabaseConfig } from "../db/config.ts";

/**
 * Where the app keeps the keys it creates itself: never inside the database (nor inside the
 * embedded database's directory, which a backup of it copies). `KEYS_DIR`, or beside the
 * embedded data directory (`./data/pglite` → `./data/keys`), or `./data/keys` for PostgreSQL. An
 * in-memory database (tests) has none: its keys live in memory.
 */
export function keysDirFor(config: DatabaseConfig, env: Record<string, string | undefined> = process.env): string | null {
  if (env.KEYS_DIR?.trim()) return path.resolve(/*turbopackIgnore: true*/ env.KEYS_DIR.trim());
  if (config.kind === "pglite") return config.dataDir.startsWith("memory://") ? null : path.join(path.dirname(config.dataDir), "keys");
  return path.resolve(/*turbopackIgnore: true*/ "./data/keys");
}

/** Reads a key file, or creates it with `make()` (mode 0600, in a 0700 directory) when it does not exist. */
export function readOrCreateKeyFile(dir: string, name: string, make: () => string): { text: string; created: boolean; file: string } {
  const file = path.join(dir, name);
  try {
    return { text: fs.readFileSync(file, "utf8"), created: false, file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const text = make();
  try {
    // "wx": of two processes starting at once, one writes and the other reads what it wrote.
    fs.writeFileSync(file, text, { mode: 0o600, flag: "wx" });
    return { text, created: true, file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return { text: fs.readFileSync(file, "utf8"), created: false, file };
    throw error;
  }
}
