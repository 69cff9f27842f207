// npm run bench [-- --reuse]
// Measures the app at community scale against the floor of each operation, in the same run:
// the audit chain verify, the decision summaries CSV export (time and server memory), the
// cases list (filtered, a page far from the start) and a member's history by handle.
//
// It builds nothing: run `npx next build` first. It seeds a scale database (BENCH_SCALE cases,
// default 100000) in a temporary PGlite directory (BENCH_DIR; --reuse keeps an earlier one),
// or into BENCH_DATABASE_URL (an empty PostgreSQL database; --reuse if already seeded), then
// starts `next start` on a spare port against it. PGlite has one process per data directory,
// so with PGlite the in-process phases (verify, SQL floors) run before the server starts.
// Not part of `npm test`: these are measurements, never pass/fail tests.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { eventsPerQueryFor, verifyChain } from "../lib/server/audit/verify-chain.ts";
import { generateDataKeyText } from "../lib/server/crypto/data-keys.ts";
import { openAppDatabase, setAppDatabase } from "../lib/server/db.ts";
import { PGLITE_OPTIONS } from "../lib/server/db/open.ts";
import { acquirePgliteLock } from "../lib/server/db/pglite-lock.ts";
import { createApiToken } from "../lib/server/tokens/create-api-token.ts";
import { parseArgs } from "../scripts/cli.ts";

const root = path.resolve(import.meta.dirname, "..");
const { flags } = parseArgs(process.argv.slice(2));
const SCALE = Number(process.env.BENCH_SCALE || 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS || 200);
const WARMUP = 20;
const VERIFY_RUNS = Number(process.env.BENCH_VERIFY_RUNS || 3);
const EXPORT_RUNS = Number(process.env.BENCH_EXPORT_RUNS || 5);
const PG_URL = process.env.BENCH_DATABASE_URL?.trim() || undefined;
const DATA_DIR = path.resolve(process.env.BENCH_DIR || path.join(os.tmpdir(), `conduct-bench-${SCALE}`), "pglite");
// PostgreSQL has no key file: without DATA_ENCRYPTION_KEY, the bench keeps one of its own beside its PGlite directory.
const PG_KEY_FILE = path.join(path.dirname(DATA_DIR), "postgres-data-encryption.key");
const REUSE = flags.has("reuse");
const TOKENS = 40; // the API allows 120 requests a minute per token: the load rotates over several
const PASSWORD = "demo-password";
const ADMIN = "admin@example.org";

type Stats = { p50: number; p95: number; n: number };
type Row = { operation: string; app: Stats; floor: Stats; floorLabel: string; target: number; extra?: string };
type Query = (sql: string, params?: unknown[]) => Promise<unknown[]>;

function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
  return { p50: at(0.5), p95: at(0.95), n: s.length };
}
const sum = (a: Stats, b: Stats): Stats => ({ p50: a.p50 + b.p50, p95: a.p95 + b.p95, n: Math.min(a.n, b.n) });
const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(1)} ms`);

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await fn();
  return [performance.now() - t0, value];
}

async function repeat(n: number, fn: (i: number) => Promise<unknown>, warmup = WARMUP): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) samples.push((await time(() => fn(i)))[0]);
  return stats(samples);
}

function log(line: string) {
  console.error(`[bench] ${line}`);
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

// --- Setup -------------------------------------------------------------------------------------

if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) fail("No production build: run npx next build first");
if (!Number.isInteger(SCALE) || SCALE < 10) fail("BENCH_SCALE must be a whole number ≥ 10");

const dbEnv: Record<string, string | undefined> = PG_URL
  ? { DATABASE_URL: PG_URL, PGLITE_DATA_DIR: undefined }
  : { DATABASE_URL: undefined, PGLITE_DATA_DIR: DATA_DIR };
const childEnv = (extra: Record<string, string> = {}) => {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1", ...extra };
  for (const [k, v] of Object.entries(dbEnv)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
};
for (const [k, v] of Object.entries(dbEnv)) {
  if (v === undefined) delete process.env[k];
  else process.env[k] = v;
}
if (PG_URL && !process.env.DATA_ENCRYPTION_KEY?.trim()) {
  if (!REUSE || !fs.existsSync(PG_KEY_FILE)) {
    fs.mkdirSync(path.dirname(PG_KEY_FILE), { recursive: true });
    fs.writeFileSync(PG_KEY_FILE, generateDataKeyText(), { mode: 0o600 });
  }
  process.env.DATA_ENCRYPTION_KEY = fs.readFileSync(PG_KEY_FILE, "utf8").trim();
}

const seedCommand = `npm run db:seed -- --scale ${SCALE}`;
if (!REUSE || (!PG_URL && !fs.existsSync(DATA_DIR))) {
  if (!PG_URL) fs.rmSync(path.dirname(DATA_DIR), { recursive: true, force: true });
  log(`seeding: ${seedCommand} (${PG_URL ? "PostgreSQL" : DATA_DIR})`);
  const t0 = performance.now();
  const seeded = spawnSync("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts", "--scale", String(SCALE)], {
    cwd: root,
    env: childEnv(),
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (seeded.status !== 0) fail("Seeding failed");
  log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
} else log(`reusing the seeded database (${PG_URL ? "PostgreSQL" : DATA_DIR})`);

const rows: Row[] = [];

// --- Phase 1, in process through the app's own client: tokens, parameters, audit verify --------

const app = await openAppDatabase();
const prisma = app.prisma;
const tokens: string[] = [];
for (let i = 0; i < TOKENS; i++) {
  const t = await createApiToken({
    actor: { system: true, label: "npm run bench" },
    ownerEmail: ADMIN,
    input: { name: `bench ${Date.now()} ${i}`, scope: "read" },
  });
  tokens.push(t.secret);
}
// The member with the most cases (the heaviest history), and one of their handles.
const [heavy] = await prisma.$queryRawUnsafe<{ subjectId: string; cases: bigint }[]>(
  `SELECT "subjectId", count(*) AS cases FROM "Case" GROUP BY "subjectId" ORDER BY cases DESC LIMIT 1`,
);
const identity = await prisma.memberIdentity.findFirstOrThrow({
  where: { memberId: heavy!.subjectId },
  select: { space: true, handle: true },
});
const closed = await prisma.case.count({ where: { status: "closed" } });
const page = Math.max(1, Math.floor((closed / 25) * 0.8));
const decisionCount = await prisma.decision.count();
// A smaller export (about a tenth of the decisions, up to a date) to show that memory does not grow with the rows.
const [tenth] = await prisma.$queryRawUnsafe<{ day: string }[]>(
  `SELECT to_char("decidedAt", 'YYYY-MM-DD') AS day FROM "Decision" ORDER BY "decidedAt" OFFSET ${Math.floor(decisionCount / 10)} LIMIT 1`,
);
const smallExportTo = tenth!.day;
const eventCount = await prisma.auditEvent.count();
log(
  `history member: ${identity.space}/${identity.handle} with ${heavy!.cases} cases; cases list: status=closed page ${page} of ${Math.ceil(closed / 25)}`,
);

// a. Audit verify (the app's verifyChain) against plain SHA-256 over the same bytes.
log(`audit verify: ${eventCount} events × ${VERIFY_RUNS} runs`);
const verifySamples: number[] = [];
for (let i = 0; i < VERIFY_RUNS; i++) {
  // As the app's "Verify now" runs it: in ranges on PGlite, whole on PostgreSQL.
  const [t, report] = await time(() => verifyChain(prisma, { eventsPerQuery: eventsPerQueryFor(app.kind) }));
  if (!report.ok) fail(`The chain does not verify: ${report.problem}`);
  verifySamples.push(t);
  log(`  verify run ${i + 1}: ${ms(t)}`);
}
// The bytes each version 2 hash covers (the migration audit_chain_v2's audit_event_hash_v2),
// read out untimed, then hashed in Node: the floor.
const canonical: Buffer[] = [];
for (let after = 0n; ;) {
  const batch = await prisma.$queryRawUnsafe<{ seq: bigint; bytes: Uint8Array }[]>(
    `SELECT seq, record_send(ROW(2, seq, "occurredAt", "actorType"::text, "actorUserId", "actorTokenId", "actorLabel", action,
              "entityType", "entityId", before, after, metadata, "prevHash")) AS bytes
       FROM "AuditEvent" WHERE seq > $1 ORDER BY seq LIMIT 10000`,
    after,
  );
  if (!batch.length) break;
  for (const e of batch) canonical.push(Buffer.from(e.bytes));
  after = batch.at(-1)!.seq;
}
{
  // The floor hashes exactly what the verify hashes: check it on the head event.
  const headEvent = await prisma.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" }, select: { hash: true, hashVersion: true } });
  if (headEvent.hashVersion !== 2 || createHash("sha256").update(canonical.at(-1)!).digest("hex") !== headEvent.hash)
    fail("The floor's bytes differ from the chain's");
}
const hashSamples: number[] = [];
for (let i = 0; i < Math.max(VERIFY_RUNS, 5); i++) {
  const [t] = await time(async () => {
    let prev = "";
    for (const bytes of canonical) prev = createHash("sha256").update(bytes).digest("hex");
    return prev;
  });
  hashSamples.push(t);
}
canonical.length = 0;
rows.push({
  operation: `audit verify, ${eventCount} events (in process)`,
  app: stats(verifySamples),
  floor: stats(hashSamples),
  floorLabel: "SHA-256 of the same bytes, in Node",
  target: 2,
});
await app.close();
setAppDatabase(undefined);

// The export's memory, in a child process with a 64 MB V8 heap (bench/export-memory.ts): a tenth of
// the decisions, then all of them. Finishing under that cap, with the same peak, shows it bounded.
const HEAP_CAP_MB = 64;
type ExportMemory = {
  rows: number;
  bytes: number;
  ms: number;
  idleRssMb: number;
  peakRssMb: number;
  peakHeapMb: number;
  afterHeapMb: number;
};
function exportMemory(to?: string, mode: "internal" | "full" = "internal"): ExportMemory {
  const r = spawnSync(
    process.execPath,
    [
      `--max-old-space-size=${HEAP_CAP_MB}`,
      "--expose-gc",
      "--import",
      "tsx/esm",
      "--conditions=react-server",
      "bench/export-memory.ts",
      ...(to ? ["--to", to] : []),
      ...(mode === "full" ? ["--full"] : []),
    ],
    { cwd: root, env: childEnv(), encoding: "utf8", maxBuffer: 1 << 24 },
  );
  if (r.status !== 0) fail(`The export did not finish with a ${HEAP_CAP_MB} MB heap:\n${r.stderr.slice(-2000)}`);
  const m = JSON.parse(r.stdout.trim().split("\n").at(-1)!) as ExportMemory;
  log(
    `  export memory (${mode}, ${HEAP_CAP_MB} MB heap cap): ${m.rows} rows in ${ms(m.ms)}, heap peak ${m.peakHeapMb.toFixed(0)} MB, RSS ${m.idleRssMb.toFixed(0)} → ${m.peakRssMb.toFixed(0)} MB`,
  );
  return m;
}
const smallMemory = exportMemory(smallExportTo);
const fullMemory = exportMemory();
// A full export decrypts every row's reporter (AES-256-GCM), still a batch at a time.
const decryptingMemory = exportMemory(undefined, "full");

// --- Phase 2, hand-written SQL through the driver: the floors ----------------------------------

const LIST_COUNT = `SELECT count(*) FROM "Case" WHERE status = 'closed'`;
// The page's 25 rows first, then their latest standing decision: a level subquery in the outer
// SELECT list would run for every skipped row of the OFFSET.
const LIST_PAGE = `
  SELECT c.id, c.number, c.status, c.space, c.standards, c."occurredAt", c."createdAt", c."breachOfDecisionId",
         m."displayName", u.name AS assignee,
         (SELECT d.level FROM "Decision" d
           WHERE d."caseId" = c.id AND NOT EXISTS (SELECT 1 FROM "DecisionReversal" r WHERE r."decisionId" = d.id)
           ORDER BY d."decidedAt" DESC LIMIT 1) AS level
    FROM (SELECT id FROM "Case" WHERE status = 'closed' ORDER BY "createdAt" DESC, number DESC OFFSET ${(page - 1) * 25} LIMIT 25) p
    JOIN "Case" c ON c.id = p.id JOIN "Member" m ON m.id = c."subjectId" LEFT JOIN "User" u ON u.id = c."assigneeId"
   ORDER BY c."createdAt" DESC, c.number DESC`;
const HISTORY = [
  `SELECT "memberId" FROM "MemberIdentity" WHERE space = $1 AND "handleNormalized" = lower($2)`,
  `SELECT m.id, m."displayName", m."mergedIntoId", i.space, i.handle FROM "Member" m JOIN "MemberIdentity" i ON i."memberId" = m.id WHERE m.id = $1`,
  `SELECT c.id, c.number, c.status, c.space, c.standards, c."occurredAt", c."createdAt", d.id AS "decisionId", d.level, d."decidedAt",
          d.rationale, d."noContactStartsAt", d."noContactEndsAt", u.name AS "decidedBy", r.reason, r."reversedAt", p."memberId" AS protected
     FROM "Case" c LEFT JOIN "Decision" d ON d."caseId" = c.id LEFT JOIN "User" u ON u.id = d."decidedById"
     LEFT JOIN "DecisionReversal" r ON r."decisionId" = d.id LEFT JOIN "NoContactProtection" p ON p."decisionId" = d.id
    WHERE c."subjectId" = $1 ORDER BY c."occurredAt", c.year, c.sequence, d."decidedAt", d.id`,
  `SELECT seq, "occurredAt", action, "actorLabel", before, after, metadata FROM "AuditEvent" WHERE "entityType" = 'member' AND "entityId" = $1 ORDER BY seq`,
];
const EXPORT_SELECT = `
  SELECT c.number, d."decidedAt", d.level, array_to_string(c.standards, '; ') AS standards, c.space, d.rationale,
         d."noContactStartsAt", d."noContactEndsAt", m."displayName" AS member, u.name AS moderator, r."reversedAt"
    FROM "Decision" d JOIN "Case" c ON c.id = d."caseId" JOIN "Member" m ON m.id = c."subjectId"
    LEFT JOIN "User" u ON u.id = d."decidedById" LEFT JOIN "DecisionReversal" r ON r."decisionId" = d.id
   ORDER BY d."decidedAt", d.id`;

async function historyFloor(q: Query) {
  const [found] = (await q(HISTORY[0]!, [identity.space, identity.handle])) as { memberId: string }[];
  await q(HISTORY[1]!, [found!.memberId]);
  await q(HISTORY[2]!, [found!.memberId]);
  await q(HISTORY[3]!, [found!.memberId]);
}
async function listFloor(q: Query) {
  await q(LIST_COUNT);
  await q(LIST_PAGE);
}

let listSql: Stats;
let historySql: Stats;
let copyFloor: Stats;
let copyLabel: string;
if (PG_URL) {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  const q: Query = async (sql, params) => (await client.query(sql, params)).rows;
  listSql = await repeat(REQUESTS, () => listFloor(q));
  historySql = await repeat(REQUESTS, () => historyFloor(q));
  await client.end();
  // COPY … TO STDOUT through psql (node-postgres has no COPY OUT without another package): includes psql's start.
  copyLabel = "COPY (same SELECT) TO STDOUT WITH CSV via psql";
  copyFloor = await repeat(
    EXPORT_RUNS,
    async () => {
      const r = spawnSync(
        "psql",
        ["-X", "-q", "-d", PG_URL, "-c", `COPY (${EXPORT_SELECT.replace(/\s+/g, " ")}) TO STDOUT WITH CSV HEADER`],
        {
          maxBuffer: 1 << 30,
        },
      );
      if (r.status !== 0) throw new Error(r.stderr.toString());
    },
    1,
  );
} else {
  const lock = acquirePgliteLock(DATA_DIR);
  const db = await PGlite.create(DATA_DIR, PGLITE_OPTIONS);
  const q: Query = async (sql, params) => (await db.query(sql, params)).rows;
  listSql = await repeat(REQUESTS, () => listFloor(q));
  historySql = await repeat(REQUESTS, () => historyFloor(q));
  copyLabel = "COPY (same SELECT) TO '/dev/blob' WITH CSV (PGlite)";
  copyFloor = await repeat(
    EXPORT_RUNS,
    async () => {
      const r = await db.query(`COPY (${EXPORT_SELECT}) TO '/dev/blob' WITH CSV HEADER`);
      if (!r.blob?.size) throw new Error("COPY returned nothing");
    },
    1,
  );
  await db.close();
  lock.release();
}
log(`floors: list ${ms(listSql.p50)}, history ${ms(historySql.p50)}, copy ${ms(copyFloor.p50)}`);

// --- Phase 3, the production server ------------------------------------------------------------

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server: ChildProcess = spawn(
  process.execPath,
  [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"],
  {
    cwd: root,
    env: childEnv({ NEXTAUTH_SECRET: "bench-only-secret-0123456789abcdef0123456789", NEXTAUTH_URL: base, NODE_ENV: "production" }),
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  },
);
const stopServer = () => {
  try {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
  } catch {
    // already gone
  }
};
process.on("exit", stopServer);

function processTree(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited meanwhile
    }
  }
  const out = [pid];
  for (let i = 0; i < out.length; i++) out.push(...(parents.get(out[i]!) ?? []));
  return out;
}
function rssMb(pids: number[]): number {
  let kb = 0;
  for (const pid of pids) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      kb += Number(m?.[1] ?? 0);
    } catch {
      // exited
    }
  }
  return kb / 1024;
}

for (let i = 0; ; i++) {
  if (server.exitCode !== null) fail("next start exited: see its output above");
  try {
    if ((await fetch(`${base}/sign-in`)).ok) break;
  } catch {
    // not listening yet
  }
  if (i > 600) fail("next start did not answer within 60 s");
  await new Promise((r) => setTimeout(r, 100));
}
log(`server on ${base} (pid ${server.pid})`);

// A session cookie, the way a browser gets one: next-auth's CSRF token, then the credentials callback.
const jar = new Map<string, string>();
const keep = (res: Response) => {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const at = pair!.indexOf("=");
    jar.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
};
const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
const csrfRes = await fetch(`${base}/api/auth/csrf`);
keep(csrfRes);
const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
  method: "POST",
  redirect: "manual",
  headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
  body: new URLSearchParams({ csrfToken, email: ADMIN, password: PASSWORD, callbackUrl: `${base}/cases`, json: "true" }),
});
keep(signIn);
if (![...jar.keys()].some((k) => k.includes("session-token"))) fail(`Sign-in failed (HTTP ${signIn.status})`);

async function get(url: string, headers: Record<string, string>, expect = 200): Promise<number> {
  const res = await fetch(`${base}${url}`, { headers, redirect: "manual" });
  const body = await res.arrayBuffer();
  if (res.status !== expect) throw new Error(`GET ${url}: HTTP ${res.status} ${Buffer.from(body).toString("utf8", 0, 200)}`);
  return body.byteLength;
}
const bearer = (i: number) => ({ authorization: `Bearer ${tokens[i % tokens.length]}` });
const session = { cookie: cookie() };

const pingApp = await repeat(REQUESTS, (i) => get("/api/v1/ping", bearer(i)));
const listUrl = `/cases?status=closed&page=${page}`;
const listApp = await repeat(REQUESTS, () => get(listUrl, session));
const historyUrl = `/api/v1/members/lookup?space=${identity.space}&handle=${encodeURIComponent(identity.handle)}`;
const historyApp = await repeat(REQUESTS, (i) => get(historyUrl, bearer(i)));
// fetch asks for gzip, as browsers do, and next start compresses: the same requests uncompressed
// show what that costs (a proxy in front of the app may compress instead).
const plain = { "accept-encoding": "identity" };
const listPlain = await repeat(REQUESTS, () => get(listUrl, { ...session, ...plain }));
const historyPlain = await repeat(REQUESTS, (i) => get(historyUrl, { ...bearer(i), ...plain }));
const listBytes = await get(listUrl, { ...session, ...plain });
const historyBytes = await get(historyUrl, { ...bearer(0), ...plain });
log(`http: ping ${ms(pingApp.p50)}, list ${ms(listApp.p50)}, history ${ms(historyApp.p50)}`);
const uncompressed = (stats: Stats, bytes: number) =>
  `uncompressed (Accept-Encoding: identity) p50 ${ms(stats.p50)} for ${(bytes / 1024).toFixed(0)} KB`;

rows.push({
  operation: `cases list, status=closed, page ${page} (HTML page, session)`,
  app: listApp,
  floor: sum(listSql, pingApp),
  floorLabel: "same rows by SQL + trivial authenticated route",
  extra: `app gzip-compressed as for a browser; ${uncompressed(listPlain, listBytes)}`,
  target: 1.5,
});
rows.push({
  operation: `member history by handle, ${heavy!.cases} cases (/api/v1, token)`,
  app: historyApp,
  floor: sum(historySql, pingApp),
  floorLabel: "same rows by SQL + trivial authenticated route",
  extra: `app gzip-compressed as for a browser; ${uncompressed(historyPlain, historyBytes)}`,
  target: 1.5,
});

// b. The export, with the server's memory sampled while it streams: first a tenth of the rows, then all.
const pids = processTree(server.pid!);
const idleRss = rssMb(pids);
async function exportRun(
  url: string,
  headers = session,
): Promise<{ t: number; bytes: number; rows: number; peak: number; encoding: string }> {
  let peak = rssMb(processTree(server.pid!));
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(processTree(server.pid!)));
  }, 10);
  const t0 = performance.now();
  const res = await fetch(`${base}${url}`, { headers });
  const bytes = (await res.arrayBuffer()).byteLength;
  const t = performance.now() - t0;
  clearInterval(sampler);
  if (res.status !== 200) fail(`GET ${url}: HTTP ${res.status}`);
  return { t, bytes, rows: Number(res.headers.get("x-export-rows")), peak, encoding: res.headers.get("content-encoding") ?? "none" };
}
let smallPeak = idleRss;
let smallRows = 0;
for (let i = 0; i < 3; i++) {
  const r = await exportRun(`/api/exports/decisions?format=csv&mode=internal&to=${smallExportTo}`);
  smallPeak = Math.max(smallPeak, r.peak);
  smallRows = r.rows;
  log(`  small export run ${i + 1}: ${r.rows} rows, ${ms(r.t)}, peak RSS ${r.peak.toFixed(0)} MB`);
}
let peakRss = idleRss;
const exportSamples: number[] = [];
let exportBytes = 0;
let exportEncoding = "";
for (let i = 0; i < EXPORT_RUNS + 1; i++) {
  const r = await exportRun("/api/exports/decisions?format=csv&mode=internal");
  peakRss = Math.max(peakRss, r.peak);
  exportBytes = r.bytes;
  exportEncoding = r.encoding;
  if (r.rows !== decisionCount) fail(`The export announced ${r.rows} rows, expected ${decisionCount}`);
  if (i > 0) exportSamples.push(r.t); // the first run warms the route
  log(`  export run ${i + 1}: ${ms(r.t)}, ${(r.bytes / 1e6).toFixed(1)} MB, peak RSS ${r.peak.toFixed(0)} MB`);
}
const plainExportSamples: number[] = [];
for (let i = 0; i < EXPORT_RUNS; i++)
  plainExportSamples.push((await exportRun("/api/exports/decisions?format=csv&mode=internal", { ...session, ...plain })).t);
const plainExport = stats(plainExportSamples);
log(`  export uncompressed: p50 ${ms(plainExport.p50)}`);
const mb = (n: number) => `${n.toFixed(0)} MB`;
rows.push({
  operation: `export ${decisionCount} decision summaries, CSV (session)`,
  app: stats(exportSamples),
  floor: copyFloor,
  floorLabel: copyLabel,
  target: 3,
  extra:
    `app as a browser gets it (Content-Encoding: ${exportEncoding}); uncompressed (Accept-Encoding: identity) p50 ${ms(plainExport.p50)}, ${(plainExport.p50 / copyFloor.p50).toFixed(2)}× COPY; ` +
    `server RSS idle ${mb(idleRss)}; peak ${mb(smallPeak)} (+${mb(smallPeak - idleRss)}) while exporting ${smallRows} rows, ` +
    `then ${mb(peakRss)} (+${mb(peakRss - idleRss)}) while exporting all ${decisionCount} rows; ${(exportBytes / 1e6).toFixed(1)} MB of CSV. ` +
    `Same export in a process with a ${HEAP_CAP_MB} MB V8 heap: ${smallMemory.rows} rows → heap peak ${mb(smallMemory.peakHeapMb)}, ` +
    `RSS +${mb(smallMemory.peakRssMb - smallMemory.idleRssMb)}; ${fullMemory.rows} rows → heap peak ${mb(fullMemory.peakHeapMb)}, ` +
    `RSS +${mb(fullMemory.peakRssMb - fullMemory.idleRssMb)} (target: the export's own memory < 200 MB and not growing with the rows). ` +
    `A full export there, decrypting every reporter: ${decryptingMemory.rows} rows in ${ms(decryptingMemory.ms)} (internal: ${ms(fullMemory.ms)}), ` +
    `heap peak ${mb(decryptingMemory.peakHeapMb)}`,
});
stopServer();

// --- Report ------------------------------------------------------------------------------------

const cpu = os.cpus();
const facts = [
  `date: ${new Date().toISOString()}`,
  `command: ${PG_URL ? "BENCH_DATABASE_URL=postgresql://… " : ""}BENCH_SCALE=${SCALE} npm run bench${REUSE ? " -- --reuse" : ""}`,
  `machine: ${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${os.type()} ${os.release()}`,
  `node ${process.version}; database: ${PG_URL ? "PostgreSQL (pg)" : "PGlite 0.5.16 (embedded, in the server process)"}; scale: ${SCALE} cases, ${decisionCount} decisions, ${eventCount} audit events`,
  `samples: ${REQUESTS} sequential requests per HTTP/SQL line after ${WARMUP} warm-up; ${VERIFY_RUNS} verify runs; ${EXPORT_RUNS} export runs (+1 warm-up), ${EXPORT_RUNS} COPY runs`,
];
const header = ["operation", "app p50", "app p95", "floor p50", "floor p95", "ratio (p50)", "target", "met?"];
const table = rows.map((r) => {
  const ratio = r.app.p50 / r.floor.p50;
  return [
    r.operation,
    ms(r.app.p50),
    ms(r.app.p95),
    ms(r.floor.p50),
    ms(r.floor.p95),
    `${ratio.toFixed(2)}×`,
    `≤ ${r.target}×`,
    ratio <= r.target ? "yes" : `no (${(ratio / r.target).toFixed(1)}× over)`,
  ];
});
const markdown = [
  `| ${header.join(" | ")} |`,
  `|${header.map(() => "---").join("|")}|`,
  ...table.map((cells) => `| ${cells.join(" | ")} |`),
].join("\n");
const notes = rows.map((r) => `- ${r.operation}: floor = ${r.floorLabel}${r.extra ? `; ${r.extra}` : ""}`).join("\n");
const output = `${facts.join("\n")}\n\n${markdown}\n\n${notes}\n`;
console.log(output);
// bench/RESULTS.md keeps the last run per database kind between markers; the rest of the file
// (the analysis of missed targets) is written by hand and kept.
const resultsFile = process.env.BENCH_RESULTS || path.join(root, "bench", "RESULTS.md");
const kind = PG_URL ? "postgres" : "pglite";
const [open, close] = [`<!-- bench:${kind} -->`, `<!-- /bench:${kind} -->`];
const section = `${open}\n## ${PG_URL ? "PostgreSQL" : "PGlite"}\n\n${output.replace(/^(date|command|machine|node|samples): .*$/gm, (line) => `- ${line}`)}${close}`;
const previous = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, "utf8") : "# Benchmarks at community scale\n\n";
const start = previous.indexOf(open);
const end = previous.indexOf(close);
fs.writeFileSync(
  resultsFile,
  start >= 0 && end > start
    ? previous.slice(0, start) + section + previous.slice(end + close.length)
    : `${previous.trimEnd()}\n\n${section}\n`,
);
// Formatted like the rest of the repository, so that npm run lint stays clean after a run.
spawnSync(path.join(root, "node_modules/.bin/prettier"), ["--write", resultsFile], { cwd: root, stdio: "ignore" });
log(`written to ${resultsFile}`);
process.exit(0);
