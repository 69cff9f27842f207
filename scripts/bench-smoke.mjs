// npm test's "bench" step: npm run bench end to end on a small PGlite community (seed, audit
// verify, SQL floors, next start, list, history, export with its memory check), so that the
// benchmark keeps working. Its figures at this size mean nothing and go to a temporary file;
// bench/RESULTS.md is left alone. Needs the production build of the "build" step.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "conduct-bench-smoke-"));
const results = path.join(dir, "RESULTS.md");
const env = { ...process.env, BENCH_SCALE: "300", BENCH_REQUESTS: "3", BENCH_VERIFY_RUNS: "1", BENCH_EXPORT_RUNS: "1" };
Object.assign(env, { BENCH_DIR: dir, BENCH_RESULTS: results });
delete env.BENCH_DATABASE_URL;
let status = 1;
try {
  status = spawnSync("npm", ["run", "bench"], { stdio: ["ignore", "inherit", "inherit"], env }).status ?? 1;
  const table = status === 0 ? fs.readFileSync(results, "utf8") : "";
  const missing = ["audit verify", "cases list", "member history", "export"].filter((op) => !table.includes(`| ${op}`));
  if (status === 0 && missing.length) {
    console.error(`bench: the results table lacks ${missing.join(", ")}`);
    status = 1;
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(status);
