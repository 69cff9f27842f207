import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const resolve = {
  alias: {
    "server-only": path.join(root, "tests/support/empty.ts"),
    "@": root,
  },
};

export default defineConfig({
  resolve,
  test: {
    projects: [
      {
        resolve,
        // Property tests run thousands of cases: a loaded machine needs more than the default 5 s.
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node", testTimeout: 30_000 },
      },
      {
        resolve,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // PGlite and argon2 are CPU-heavy: two files at a time suit a 2-core machine.
          maxWorkers: 2,
          // Keys the app creates for itself (the checkpoint signing key) go to a temporary directory, not ./data.
          // Reporters are encrypted under a key outside the database: PostgreSQL needs one configured
          // (the embedded database makes a key file itself; the tests of that unset this).
          env: {
            KEYS_DIR: path.join(os.tmpdir(), "conduct-desk-test-keys"),
            DATA_ENCRYPTION_KEY: process.env.DATA_ENCRYPTION_KEY || randomBytes(32).toString("base64"),
          },
        },
      },
    ],
  },
});
