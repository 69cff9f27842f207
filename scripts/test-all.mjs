// npm test — every check, in order, stopping at the first failure:
//   typecheck, lint, unit, integration, db-check, build, e2e, bench (a small run of npm run bench)
// TEST_STEPS=build,e2e npm test   runs only the named steps (still in this order).
// Prints a summary table; the very last line is "N passed, N failed" (read by CI tooling).
import { spawn } from "node:child_process";

const STEPS = [
  { name: "typecheck", command: "npm", args: ["run", "typecheck"] },
  { name: "lint", command: "npm", args: ["run", "lint"] },
  { name: "unit", command: "npm", args: ["run", "test:unit"] },
  { name: "integration", command: "npm", args: ["run", "test:integration"] },
  { name: "db-check", command: "npm", args: ["run", "db:check"] },
  { name: "build", command: "npx", args: ["next", "build"] },
  { name: "e2e", command: "npm", args: ["run", "test:e2e"] },
  { name: "bench", command: "node", args: ["scripts/bench-smoke.mjs"] },
];

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };

function selectSteps() {
  const wanted = (process.env.TEST_STEPS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (wanted.length === 0) return STEPS;
  const unknown = wanted.filter((name) => !STEPS.some((step) => step.name === name));
  if (unknown.length > 0) {
    console.error(`TEST_STEPS: unknown step(s) ${unknown.join(", ")}; known: ${STEPS.map((s) => s.name).join(", ")}`);
    console.log("0 passed, 1 failed");
    process.exit(2);
  }
  return STEPS.filter((step) => wanted.includes(step.name));
}

let current; // the running child, to pass on a stop signal
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    if (current) current.kill(signal);
    else process.exit(130);
  });
}

function run(step) {
  return new Promise((resolve) => {
    const child = spawn(step.command, step.args, { stdio: ["ignore", "inherit", "inherit"], env });
    current = child;
    child.on("error", (error) => {
      console.error(`${step.name}: ${error.message}`);
      resolve({ code: 1 });
    });
    child.on("close", (code, signal) => {
      current = undefined;
      resolve({ code: code ?? 1, signal });
    });
  });
}

const steps = selectSteps();
const results = [];
let failed = false;
const startedAll = performance.now();
for (const step of steps) {
  if (failed) {
    results.push({ name: step.name, seconds: undefined, result: "skipped" });
    continue;
  }
  const display = [step.command, ...step.args].join(" ");
  console.log(`\n━━━ ${step.name}: ${display}`);
  const started = performance.now();
  const { code, signal } = await run(step);
  const seconds = (performance.now() - started) / 1000;
  const ok = code === 0 && !signal;
  results.push({ name: step.name, seconds, result: ok ? "passed" : `FAILED (${signal ?? `exit ${code}`})` });
  if (!ok) failed = true;
}

const passed = results.filter((r) => r.result === "passed").length;
const failedCount = results.filter((r) => r.result.startsWith("FAILED")).length;
const width = Math.max(4, ...results.map((r) => r.name.length));
const total = (performance.now() - startedAll) / 1000;
console.log("\nSummary");
console.log(`${"step".padEnd(width)}  ${"seconds".padStart(8)}  result`);
console.log(`${"-".repeat(width)}  ${"-".repeat(8)}  ------`);
for (const r of results) {
  console.log(`${r.name.padEnd(width)}  ${(r.seconds === undefined ? "-" : r.seconds.toFixed(1)).padStart(8)}  ${r.result}`);
}
console.log(`${"total".padEnd(width)}  ${total.toFixed(1).padStart(8)}`);
console.log(`${passed} passed, ${failedCount} failed`);
process.exitCode = failedCount > 0 ? 1 : 0;
