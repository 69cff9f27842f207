// A child of npm run bench: runs one decision summaries export (CSV, internal mode or --full) in this
// process, through the app's own export function, and prints what it cost in memory as JSON.
// The bench starts it with a small V8 heap (--max-old-space-size): an export that held its rows
// would die of "heap out of memory" there, so finishing shows that its memory does not grow
// with the rows; the peaks show how much it uses.
//   node --max-old-space-size=64 --import tsx/esm --conditions=react-server bench/export-memory.ts [--to YYYY-MM-DD]
import { openAppDatabase } from "../lib/server/db.ts";
import { exportDecisionSummaries } from "../lib/server/exports/export-decision-summaries.ts";
import { parseArgs } from "../scripts/cli.ts";

const { flags } = parseArgs(process.argv.slice(2));
const to = flags.get("to");
// --full: the admin's full export, which decrypts every row's reporter.
const mode = flags.has("full") ? "full" : "internal";
const db = await openAppDatabase();
const admin = await db.prisma.user.findFirstOrThrow({ where: { email: "admin@example.org", active: true } });
const actor = { id: admin.id, name: admin.name, role: admin.role, memberId: admin.memberId };

const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const idle = process.memoryUsage();
let peakRss = idle.rss;
let peakHeap = idle.heapUsed;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};
// A timer and after every chunk: with PGlite the queries run in this thread and timers may not fire.
const sampler = setInterval(sample, 5);
const t0 = performance.now();
const out = await exportDecisionSummaries({
  actor,
  input: {
    format: "csv",
    mode,
    ...(mode === "full" ? { reason: "npm run bench: the cost of decrypting every reporter" } : {}),
    ...(typeof to === "string" ? { to } : {}),
  },
});
const reader = out.stream.getReader();
let bytes = 0;
for (;;) {
  const { done, value } = await reader.read();
  if (done) break;
  bytes += value.byteLength;
  sample();
}
const ms = performance.now() - t0;
clearInterval(sampler);
gc?.();
const after = process.memoryUsage();
await db.close();
const MB = 1024 * 1024;
console.log(
  JSON.stringify({
    rows: out.rows,
    bytes,
    ms,
    idleRssMb: idle.rss / MB,
    peakRssMb: peakRss / MB,
    idleHeapMb: idle.heapUsed / MB,
    peakHeapMb: peakHeap / MB,
    afterHeapMb: after.heapUsed / MB,
  }),
);
