// A large, realistic community for load measurements (npm run db:seed -- --scale N, npm run bench).
//
// Unlike the demo seed (prisma/demo-community.ts), this does NOT go through the domain
// functions: at ~10 statements and an advisory-locked audit append per step they would
// take hours for 100k cases and 1M audit events. It is a load fixture, written by batched
// multi-row INSERTs inside a few transactions. Only the accounts come from createUser, so
// they can sign in. Everything else is generated to the same rules the app keeps: case
// numbers YYYY-NNNN gap-free per year with CaseNumberCounter matching, handles unique per
// space, Warnings with no-contact periods and protected people, reversals as separate
// records, and an audit trail appended in time order, which the database chains itself as it
// does for recordAudit (npm run audit:verify accepts it). The audit events carry the
// simulated past as occurredAt; they follow the accounts' own (real-time) creation events.
import { randomUUID } from "node:crypto";
import { AUDIT_EVENT_CONTENT_COLUMNS, type ChainedFields } from "../lib/server/audit/chain.ts";
import { encryptReporter } from "../lib/server/crypto/reporter-identity.ts";
import { appDataKeys, getDb, type PrismaClient, type Tx } from "../lib/server/db.ts";
import type { Actor, SystemActor } from "../lib/server/permissions.ts";
import { createUser } from "../lib/server/users/create-user.ts";
import { handleKeys } from "../lib/schemas/handle-skeleton.ts";
import { formatCaseNumber, STANDARDS, type TSpace } from "../lib/schemas/vocabulary.ts";
import { DEMO_PASSWORD } from "./demo-community.ts";
import { HOUR, DAY } from "@/lib/policy/durations.ts";
const YEARS = 5;
const ROWS_PER_STATEMENT = 1000;
const TX_OPTIONS = { timeout: 60 * 60 * 1000, maxWait: 60 * 1000 };

export type ScaleSummary = {
  users: number;
  members: number;
  identities: number;
  cases: number;
  decisions: number;
  activeNoContact: number;
  reversals: number;
  statusChanges: number;
  notes: number;
  auditEvents: number;
  seconds: number;
};

/** A deterministic generator: the same N gives the same community shape (ids are random). */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// --- SQL literals -----------------------------------------------------------------------

class SqlArray {
  constructor(readonly values: string[]) {}
}
class SqlJson {
  constructor(readonly value: unknown) {}
}
type Cell = string | number | boolean | Date | null | SqlArray | SqlJson;

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

function literal(v: Cell): string {
  if (v === null) return "NULL";
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return quote(v.toISOString());
  if (v instanceof SqlArray) return v.values.length ? `ARRAY[${v.values.map(quote).join(",")}]::text[]` : "'{}'::text[]";
  if (v instanceof SqlJson) return v.value === null ? "NULL" : `${quote(JSON.stringify(v.value))}::jsonb`;
  return quote(v);
}

/** Inserts rows with multi-row INSERT statements of ROWS_PER_STATEMENT rows (escaped literals, no parameters). */
async function insertRows(tx: Tx, table: string, columns: string[], rows: Iterable<Cell[]>): Promise<number> {
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(",")}) VALUES `;
  let values: string[] = [];
  let count = 0;
  for (const row of rows) {
    values.push(`(${row.map(literal).join(",")})`);
    if (values.length === ROWS_PER_STATEMENT) {
      await tx.$executeRawUnsafe(head + values.join(","));
      count += values.length;
      values = [];
    }
  }
  if (values.length) {
    await tx.$executeRawUnsafe(head + values.join(","));
    count += values.length;
  }
  return count;
}

// --- The community -------------------------------------------------------------------------

const FIRST = [
  "Ada",
  "Ben",
  "Chidi",
  "Dara",
  "Elif",
  "Femi",
  "Gita",
  "Hugo",
  "Ines",
  "Jun",
  "Kofi",
  "Lena",
  "Mateo",
  "Nia",
  "Omar",
  "Priya",
  "Quin",
  "Rosa",
  "Sven",
  "Tara",
  "Uma",
  "Vik",
  "Wen",
  "Xia",
  "Yusuf",
  "Zoe",
];
const LAST = [
  "Abara",
  "Berg",
  "Costa",
  "Dube",
  "Eriksen",
  "Fujita",
  "Garcia",
  "Haddad",
  "Ivanova",
  "Jensen",
  "Kato",
  "Lopez",
  "Mensah",
  "Novak",
  "Okafor",
  "Park",
  "Quispe",
  "Rossi",
  "Silva",
  "Tanaka",
  "Usman",
  "Varga",
  "Weber",
  "Xu",
  "Yilmaz",
  "Zhou",
];
const MODERATORS = ["Priya Natarajan", "Tomás Ferreira", "Aiko Mori", "Kwame Asante", "Lucía Romero"];
const RATIONALES = [
  "Repeated insulting comments towards another contributor in a review thread, after an earlier request to stop.",
  "Derogatory remarks about a group of people in a public channel: inappropriate in a professional setting.",
  "Unwelcome personal messages after being asked to keep the discussion on the project.",
  "Posted another member's private contact details without consent.",
  "Cross-posted the same request in many channels and mentioned @channel to demand attention.",
];
const NOTES = [
  "Read the whole thread and the linked messages; the reported comments are as described.",
  "Talked with the reporter: they prefer not to be contacted by the member again.",
  "Checked the member's earlier cases before proposing a level.",
];

type Level = "reminder" | "warning" | "permanent_ban" | null;
type Status = "new" | "investigating" | "decided" | "closed" | "dismissed";
type StatusChange = { id: string; from: Status | null; to: Status; at: number; reason: string | null; actor: number };
type GenCase = {
  id: string;
  number: string;
  year: number;
  sequence: number;
  status: Status;
  subject: number;
  reporterKind: "member" | "contact" | "anonymous";
  reporterMember: number;
  involved: number;
  space: TSpace;
  occurredAt: number;
  createdAt: number;
  standards: string[];
  assignee: number;
  loggedBy: number;
  changes: StatusChange[];
  notes: { id: string; at: number; author: number; body: string }[];
  decision: number;
  revealedAt: number;
};
type GenDecision = {
  id: string;
  caseIdx: number;
  level: Level;
  decidedAt: number;
  decidedBy: number;
  noContact: { startsAt: number; endsAt: number } | null;
  /** A member protected by name (a protection row): an involved person. */
  protectedMember: number;
  /** The case's reporter is protected by role, as recordDecision does: no row names them. */
  protectsReporter: boolean;
  notifiedAt: number;
  reversal: { id: string; at: number; by: number; reason: string } | null;
};
type GenMember = { id: string; name: string; createdAt: number; identities: { space: TSpace; handle: string }[] };
type Account = { id: string; name: string; role: "admin" | "moderator" | "viewer" };

// The audit events, kept compact (1M of them) and sorted by time before they are written.
const EV = {
  memberCreated: 0,
  caseCreated: 1,
  caseAssigned: 2,
  statusChanged: 3,
  noteAdded: 4,
  decisionRecorded: 5,
  decisionReversed: 6,
  noticeSent: 7,
  reporterRevealed: 8,
  signedIn: 9,
} as const;

function upperBound(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export async function isScaleTargetEmpty(db: PrismaClient): Promise<boolean> {
  const [users, members, cases, events] = await Promise.all([db.user.count(), db.member.count(), db.case.count(), db.auditEvent.count()]);
  return users + members + cases + events === 0;
}

/**
 * Fills an empty database with about `scale` cases over five years, 0.3·scale members
 * with identities, decisions at every level, no-contact periods (some active), reversals,
 * every status, and about 10·scale audit events forming a valid chain.
 */
export async function seedScaleCommunity(options: { scale: number; log?: (line: string) => void }): Promise<ScaleSummary> {
  const started = Date.now();
  const log = options.log ?? ((line: string) => console.log(line));
  const N = Math.max(10, Math.floor(options.scale));
  const rand = mulberry32(N * 2654435761);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const db = await getDb();
  const keys = appDataKeys();
  if (!(await isScaleTargetEmpty(db))) throw new Error("The database is not empty: the scale seed fills an empty database only");

  // Accounts through the domain function (so they can sign in); their events start the chain.
  const system: SystemActor = { system: true, label: "db:seed --scale" };
  const admin = await createUser({
    actor: system,
    input: { email: "admin@example.org", name: "Alex Rivera", role: "admin", password: DEMO_PASSWORD },
  });
  const adminActor: Actor = { id: admin.id, name: admin.name, role: admin.role, memberId: null };
  const accounts: Account[] = [admin];
  for (const [email, name, role] of [
    ["moderator@example.org", "Sam Okafor", "moderator"],
    ["viewer@example.org", "Jordan Lee", "viewer"],
  ] as const) {
    accounts.push(await createUser({ actor: adminActor, input: { email, name, role, password: DEMO_PASSWORD } }));
  }
  for (const [i, name] of MODERATORS.entries()) {
    accounts.push(await createUser({ actor: adminActor, input: { email: `moderator${i + 2}@example.org`, name, role: "moderator" } }));
  }
  const workers = accounts.map((a, i) => (a.role === "viewer" ? -1 : i)).filter((i) => i >= 0);
  const worker = () => pick(workers);
  log(`accounts: ${accounts.length} (password for admin/moderator/viewer@example.org: ${DEMO_PASSWORD})`);

  const now = Date.now();
  const start = now - YEARS * 365 * DAY;
  const clampPast = (t: number) => Math.min(t, now - 60 * 1000);

  // Members: a fifth founded the community, the rest joined over the five years.
  const M = Math.max(5, Math.round(N * 0.3));
  const memberTimes = new Float64Array(M);
  for (let i = 0; i < M; i++) memberTimes[i] = rand() < 0.2 ? start - rand() * 365 * DAY : start + rand() * (now - start - DAY);
  memberTimes.sort();
  const members: GenMember[] = [];
  let identityCount = 0;
  for (let i = 0; i < M; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const tag = i.toString(36);
    const identities: GenMember["identities"] = [];
    if (rand() < 0.9) identities.push({ space: "github", handle: `${first}${last}-${tag}`.toLowerCase() });
    if (rand() < 0.6) identities.push({ space: "slack", handle: `U${i.toString(36).toUpperCase().padStart(6, "0")}` });
    if (rand() < 0.5) identities.push({ space: "email", handle: `${first}.${last}.${tag}@example.net`.toLowerCase() });
    if (rand() < 0.2) identities.push({ space: "discord", handle: `${first.toLowerCase()}_${tag}` });
    if (rand() < 0.1) identities.push({ space: "forum", handle: `${last}${tag}` });
    if (rand() < 0.1) identities.push({ space: "social", handle: `@${first}${tag}@social.example`.toLowerCase() });
    if (identities.length === 0) identities.push({ space: "github", handle: `member-${tag}` });
    identityCount += identities.length;
    members.push({ id: randomUUID(), name: `${first} ${last}`, createdAt: memberTimes[i]!, identities });
  }
  const membersBefore = (t: number) => Math.max(1, upperBound(memberTimes, t));
  // Old members gather more cases: a skewed pick among those who had joined by then.
  const skewedMember = (t: number) => Math.floor(membersBefore(t) * rand() ** 1.6);
  const otherMember = (t: number, not: number) => {
    const k = membersBefore(t);
    if (k < 2) return -1;
    const m = Math.floor(rand() * k);
    return m === not ? (m + 1) % k : m;
  };

  // Cases in time order, numbered per year without gaps.
  const caseTimes = new Float64Array(N);
  for (let i = 0; i < N; i++) caseTimes[i] = start + rand() * (now - start - HOUR);
  caseTimes.sort();
  const counters = new Map<number, number>();
  const cases: GenCase[] = [];
  const decisions: GenDecision[] = [];
  const spaces: TSpace[] = ["github", "github", "github", "slack", "slack", "email", "discord", "forum", "social", "event", "other"];
  for (let i = 0; i < N; i++) {
    const createdAt = caseTimes[i]!;
    const year = new Date(createdAt).getUTCFullYear();
    const sequence = (counters.get(year) ?? 0) + 1;
    counters.set(year, sequence);
    const subject = skewedMember(createdAt);
    const kindRoll = rand();
    const reporterKind = kindRoll < 0.5 ? "member" : kindRoll < 0.8 ? "contact" : "anonymous";
    const reporterMember = reporterKind === "member" ? otherMember(createdAt, subject) : -1;
    const c: GenCase = {
      id: randomUUID(),
      number: formatCaseNumber(year, sequence),
      year,
      sequence,
      status: "new",
      subject,
      reporterKind: reporterKind === "member" && reporterMember < 0 ? "anonymous" : reporterKind,
      reporterMember,
      involved: rand() < 0.3 ? otherMember(createdAt, subject) : -1,
      space: pick(spaces),
      occurredAt: createdAt - rand() * 3 * DAY,
      createdAt,
      standards: rand() < 0.2 ? [pick(STANDARDS), pick(STANDARDS)].filter((s, k, all) => all.indexOf(s) === k) : [pick(STANDARDS)],
      assignee: worker(),
      loggedBy: worker(),
      changes: [],
      notes: [],
      decision: -1,
      revealedAt: -1,
    };
    if (c.involved === c.reporterMember) c.involved = -1;
    const age = now - createdAt;
    let t = createdAt;
    const move = (to: Status, hours: number, reason: string | null = null) => {
      t = clampPast(t + hours * HOUR);
      c.changes.push({ id: randomUUID(), from: c.changes.length ? c.changes.at(-1)!.to : null, to, at: t, reason, actor: c.assignee });
      c.status = to;
    };
    move("new", 0);
    const notes = 1 + Math.floor(rand() * 3);
    if (age > 2 * DAY || rand() < 0.5) {
      move("investigating", 1 + rand() * 47);
      for (let k = 0; k < notes; k++) {
        c.notes.push({ id: randomUUID(), at: clampPast(t + rand() * 72 * HOUR), author: c.assignee, body: pick(NOTES) });
      }
      if (c.reporterKind !== "anonymous" && rand() < 0.3) c.revealedAt = clampPast(t + rand() * 24 * HOUR);
    }
    const settled = age > 21 * DAY ? 0.97 : age > 7 * DAY ? 0.5 : 0.05;
    if (c.status === "investigating" && rand() < settled) {
      if (rand() < 0.12) {
        move("dismissed", 24 + rand() * 24 * 14, "Not a Code of Conduct matter: a technical disagreement.");
        if (rand() < 0.03) move("investigating", 24 * 7 + rand() * 24 * 30, "New evidence reported.");
      } else {
        move("decided", 24 + rand() * 24 * 14);
        const roll = rand();
        const level: Level = roll < 0.12 ? null : roll < 0.6 ? "reminder" : roll < 0.9 ? "warning" : "permanent_ban";
        const d: GenDecision = {
          id: randomUUID(),
          caseIdx: i,
          level,
          decidedAt: t,
          decidedBy: c.assignee,
          noContact: null,
          protectedMember: -1,
          protectsReporter: false,
          notifiedAt: level && rand() < 0.8 ? clampPast(t + rand() * 48 * HOUR) : -1,
          reversal: null,
        };
        if (level === "warning") {
          d.noContact = { startsAt: t, endsAt: t + pick([30, 60, 90, 180]) * DAY };
          if (c.reporterMember < 0 && c.involved < 0) c.involved = otherMember(createdAt, c.subject);
          if (c.reporterMember >= 0) d.protectsReporter = true;
          else d.protectedMember = c.involved;
        }
        if (rand() < 0.03) d.reversal = { id: randomUUID(), at: clampPast(t + rand() * 30 * DAY), by: 0, reason: "Overturned on appeal." };
        c.decision = decisions.length;
        decisions.push(d);
        if (age > 30 * DAY && rand() < 0.8) move("closed", 24 + rand() * 24 * 14);
      }
    }
    cases.push(c);
  }
  log(`generated ${members.length} members, ${cases.length} cases, ${decisions.length} decisions in ${(Date.now() - started) / 1000}s`);

  const at = (t: number) => new Date(Math.round(t));
  const memberId = (k: number) => (k >= 0 ? members[k]!.id : null);
  const userId = (k: number) => accounts[k]!.id;

  // Members and identities.
  await db.$transaction(async (tx) => {
    await insertRows(
      tx,
      "Member",
      ["id", "displayName", "version", "createdAt", "updatedAt"],
      members.map((m) => [m.id, m.name, 1, at(m.createdAt), at(m.createdAt)]),
    );
    await insertRows(
      tx,
      "MemberIdentity",
      ["id", "memberId", "space", "handle", "handleNormalized", "skeleton", "createdAt"],
      (function* () {
        for (const m of members)
          for (const id of m.identities) {
            const { handleNormalized, skeleton } = handleKeys(id.handle);
            yield [randomUUID(), m.id, id.space, id.handle, handleNormalized, skeleton, at(m.createdAt)];
          }
      })(),
    );
  }, TX_OPTIONS);
  log(`members: ${members.length}, identities: ${identityCount} (${(Date.now() - started) / 1000}s)`);

  // Cases, their people, status changes, notes and counters.
  await db.$transaction(async (tx) => {
    await insertRows(
      tx,
      "Case",
      [
        "id",
        "number",
        "year",
        "sequence",
        "status",
        "subjectId",
        "reporterKind",
        "reporterEncrypted",
        "reporterBlindIndex",
        "space",
        "occurredAt",
        "standards",
        "description",
        "assigneeId",
        "loggedById",
        "version",
        "createdAt",
        "updatedAt",
      ],
      cases.map((c, i) => {
        // Encrypted as createCase does: the reporter never reaches the database in clear.
        const reporter =
          c.reporterKind === "member" && c.reporterMember >= 0
            ? encryptReporter(keys, c.id, { memberId: memberId(c.reporterMember)! })
            : c.reporterKind === "contact"
              ? encryptReporter(keys, c.id, { name: `Outside contact ${i}`, contact: `contact${i}@example.com` })
              : { reporterEncrypted: null, reporterBlindIndex: null };
        return [
          c.id,
          c.number,
          c.year,
          c.sequence,
          c.status,
          memberId(c.subject)!,
          c.reporterKind,
          reporter.reporterEncrypted,
          reporter.reporterBlindIndex,
          c.space,
          at(c.occurredAt),
          new SqlArray(c.standards),
          `Reported on ${c.space}: ${pick(RATIONALES)}`,
          userId(c.assignee),
          userId(c.loggedBy),
          1 + c.changes.length,
          at(c.createdAt),
          at(c.changes.at(-1)!.at),
        ];
      }),
    );
    await insertRows(
      tx,
      "CaseInvolvement",
      ["caseId", "memberId"],
      cases.filter((c) => c.involved >= 0).map((c) => [c.id, memberId(c.involved)!]),
    );
    await insertRows(
      tx,
      "CaseStatusChange",
      ["id", "caseId", "from", "to", "reason", "actorId", "createdAt"],
      (function* () {
        for (const c of cases) for (const s of c.changes) yield [s.id, c.id, s.from, s.to, s.reason, userId(s.actor), at(s.at)];
      })(),
    );
    await insertRows(
      tx,
      "CaseNote",
      ["id", "caseId", "authorId", "body", "createdAt"],
      (function* () {
        for (const c of cases) for (const n of c.notes) yield [n.id, c.id, userId(n.author), n.body, at(n.at)];
      })(),
    );
    await insertRows(
      tx,
      "CaseNumberCounter",
      ["year", "last"],
      [...counters].map(([year, last]) => [year, last]),
    );
  }, TX_OPTIONS);
  log(`cases: ${cases.length} (${(Date.now() - started) / 1000}s)`);

  // Decisions, protected people, reversals.
  await db.$transaction(async (tx) => {
    await insertRows(
      tx,
      "Decision",
      [
        "id",
        "caseId",
        "level",
        "recommendedLevel",
        "rationale",
        "publicSummary",
        "decidedById",
        "decidedAt",
        "noContactStartsAt",
        "noContactEndsAt",
        "memberNotifiedAt",
        "protectedRoles",
        "createdAt",
      ],
      decisions.map((d) => [
        d.id,
        cases[d.caseIdx]!.id,
        d.level,
        d.level,
        d.level ? pick(RATIONALES) : "No Code of Conduct violation found.",
        d.level && rand() < 0.2 ? "A member was reminded of the Code of Conduct." : null,
        userId(d.decidedBy),
        at(d.decidedAt),
        d.noContact ? at(d.noContact.startsAt) : null,
        d.noContact ? at(d.noContact.endsAt) : null,
        d.notifiedAt >= 0 ? at(d.notifiedAt) : null,
        new SqlArray(d.protectsReporter ? ["reporter"] : []),
        at(d.decidedAt),
      ]),
    );
    await insertRows(
      tx,
      "NoContactProtection",
      ["decisionId", "memberId"],
      decisions.filter((d) => d.protectedMember >= 0).map((d) => [d.id, memberId(d.protectedMember)!]),
    );
    await insertRows(
      tx,
      "DecisionReversal",
      ["id", "decisionId", "reason", "reversedById", "reversedAt"],
      decisions
        .filter((d) => d.reversal)
        .map((d) => [d.reversal!.id, d.id, d.reversal!.reason, userId(d.reversal!.by), at(d.reversal!.at)]),
    );
  }, TX_OPTIONS);
  log(`decisions: ${decisions.length} (${(Date.now() - started) / 1000}s)`);

  // The audit trail: every event above, plus sign-ins, sorted by time, chained, written.
  const base: [number, number, number, number][] = []; // [time, kind, ref, sub]
  for (const [k, m] of members.entries()) base.push([m.createdAt, EV.memberCreated, k, 0]);
  for (const [k, c] of cases.entries()) {
    base.push([c.createdAt, EV.caseCreated, k, 0]);
    base.push([c.createdAt + 1, EV.caseAssigned, k, 0]);
    for (let s = 1; s < c.changes.length; s++) base.push([c.changes[s]!.at, EV.statusChanged, k, s]);
    for (let s = 0; s < c.notes.length; s++) base.push([c.notes[s]!.at, EV.noteAdded, k, s]);
    if (c.revealedAt >= 0) base.push([c.revealedAt, EV.reporterRevealed, k, 0]);
  }
  for (const [k, d] of decisions.entries()) {
    base.push([d.decidedAt + 1, EV.decisionRecorded, k, 0]);
    if (d.notifiedAt >= 0) base.push([d.notifiedAt, EV.noticeSent, k, 0]);
    if (d.reversal) base.push([d.reversal.at, EV.decisionReversed, k, 0]);
  }
  const target = N * 10;
  const signIns = Math.max(0, target - base.length);
  for (let k = 0; k < signIns; k++) base.push([start + rand() * (now - start - HOUR), EV.signedIn, worker(), 0]);
  base.sort((a, b) => a[0] - b[0] || a[1] - b[1]);

  const eventOf = ([t, kind, ref, sub]: [number, number, number, number]): Omit<ChainedFields, "seq" | "prevHash"> => {
    const byUser = (k: number) => ({ actorType: "user", actorUserId: userId(k), actorTokenId: null, actorLabel: accounts[k]!.name });
    const occurredAt = at(t);
    switch (kind) {
      case EV.memberCreated: {
        const m = members[ref]!;
        const after = { displayName: m.name, identities: m.identities };
        return {
          ...byUser(0),
          occurredAt,
          action: "member.created",
          entityType: "member",
          entityId: m.id,
          before: null,
          after,
          metadata: null,
        };
      }
      case EV.caseCreated:
      case EV.caseAssigned:
      case EV.statusChanged:
      case EV.noteAdded:
      case EV.reporterRevealed: {
        const c = cases[ref]!;
        const entity = { entityType: "case", entityId: c.id };
        if (kind === EV.caseCreated) {
          const after = { number: c.number, status: "new", space: c.space, standards: c.standards, subjectId: memberId(c.subject) };
          return { ...byUser(c.loggedBy), occurredAt, action: "case.created", ...entity, before: null, after, metadata: null };
        }
        if (kind === EV.caseAssigned) {
          const after = { assigneeId: userId(c.assignee) };
          return {
            ...byUser(c.loggedBy),
            occurredAt,
            action: "case.assigned",
            ...entity,
            before: { assigneeId: null },
            after,
            metadata: null,
          };
        }
        if (kind === EV.statusChanged) {
          const s = c.changes[sub]!;
          const metadata = s.reason ? { reason: s.reason } : null;
          return {
            ...byUser(s.actor),
            occurredAt,
            action: "case.status_changed",
            ...entity,
            before: { status: s.from },
            after: { status: s.to },
            metadata,
          };
        }
        if (kind === EV.noteAdded) {
          const n = c.notes[sub]!;
          return {
            ...byUser(n.author),
            occurredAt,
            action: "case.note_added",
            ...entity,
            before: null,
            after: { noteId: n.id },
            metadata: null,
          };
        }
        return {
          ...byUser(c.assignee),
          occurredAt,
          action: "reporter.revealed",
          ...entity,
          before: null,
          after: null,
          metadata: { number: c.number },
        };
      }
      case EV.decisionRecorded:
      case EV.noticeSent:
      case EV.decisionReversed: {
        const d = decisions[ref]!;
        const entity = { entityType: "decision", entityId: d.id };
        if (kind === EV.decisionRecorded) {
          const after = {
            caseNumber: cases[d.caseIdx]!.number,
            level: d.level,
            noContactEndsAt: d.noContact ? at(d.noContact.endsAt).toISOString() : null,
          };
          return { ...byUser(d.decidedBy), occurredAt, action: "decision.recorded", ...entity, before: null, after, metadata: null };
        }
        if (kind === EV.noticeSent) {
          const after = { memberNotifiedAt: occurredAt.toISOString() };
          return { ...byUser(d.decidedBy), occurredAt, action: "decision.notice_sent", ...entity, before: null, after, metadata: null };
        }
        const after = { reason: d.reversal!.reason };
        return { ...byUser(d.reversal!.by), occurredAt, action: "decision.reversed", ...entity, before: null, after, metadata: null };
      }
      default:
        return {
          ...byUser(ref),
          occurredAt,
          action: "auth.signed_in",
          entityType: "user",
          entityId: userId(ref),
          before: null,
          after: null,
          metadata: { method: "password" },
        };
    }
  };

  // The chain trigger gives each row its seq, prevHash and hash, in the order of the rows.
  const CHUNK = 100_000; // events per transaction
  const json = (v: unknown) => new SqlJson(v ?? null);
  for (let from = 0; from < base.length; from += CHUNK) {
    const slice = base.slice(from, from + CHUNK);
    await db.$transaction(async (tx) => {
      await insertRows(
        tx,
        "AuditEvent",
        [...AUDIT_EVENT_CONTENT_COLUMNS],
        (function* () {
          for (const spec of slice) {
            const e = eventOf(spec);
            yield [
              e.occurredAt,
              e.actorType,
              e.actorUserId,
              e.actorTokenId,
              e.actorLabel,
              e.action,
              e.entityType,
              e.entityId,
              json(e.before),
              json(e.after),
              json(e.metadata),
            ] as Cell[];
          }
        })(),
      );
    }, TX_OPTIONS);
    log(`audit events: ${Math.min(from + CHUNK, base.length)}/${base.length} (${(Date.now() - started) / 1000}s)`);
  }
  const head = await db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });

  // Bulk-loaded tables have no planner statistics until analysed (PGlite runs no autovacuum):
  // without them the planner guessed ~500 closed cases instead of 67k and sorted on disk.
  await db.$executeRawUnsafe("ANALYZE");
  log(`analysed (${(Date.now() - started) / 1000}s)`);

  return {
    users: accounts.length,
    members: members.length,
    identities: identityCount,
    cases: cases.length,
    decisions: decisions.length,
    activeNoContact: decisions.filter((d) => d.noContact && !d.reversal && d.noContact.endsAt > now).length,
    reversals: decisions.filter((d) => d.reversal).length,
    statusChanges: cases.reduce((n, c) => n + c.changes.length, 0),
    notes: cases.reduce((n, c) => n + c.notes.length, 0),
    auditEvents: Number(head?.seq ?? 0),
    seconds: (Date.now() - started) / 1000,
  };
}
