import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { RELATIONS, type MatrixScenario, type Relation } from "./support/access-matrix-types.ts";

/*
 * Issue 12's access matrix: every relation an account can have to a case × every read surface
 * (pages as HTML and as React Server Components payload, lists, search, dashboard, member
 * pages, audit log, each export, each API route). The expected visible set is written below as
 * one table; each cell is checked against what the real server sends.
 *
 * The spec runs its own server on its own embedded database, built by
 * e2e/support/access-matrix-scenario.ts through the app's domain functions:
 * - case A: about S, reported by R (a community member), involving I1 and I2, decided with a
 *   Warning protecting I1, I2, "the reporter" and the deciding moderator;
 * - cases B (decided, a Reminder) and B2 (awaiting a decision): restricted to a case team;
 * - case C: reported by someone new to the community (a reporter-only record), decided with a
 *   Warning that protects them; case D: new and unassigned. Everyone may see C and D: they show
 *   that a surface answered with content, so that "absent" never passes on an empty page.
 */

const ROOT = path.resolve(import.meta.dirname, "..");

// ---------------------------------------------------------------------------------------------
// The table (DESIGN.md rule 5, issue 12). One row per surface, one column per relation.
//   A, B, B2  the case is there (its number at least); any case not named must be absent: not its
//             number, id, decision id, the words of its description, nor (on case surfaces) the
//             names of its subject and involved people
//   b, b2     stub: the restricted case's number (and status), nothing else of it
//   -         none of A, B, B2
//   404, 403  refused with that status, and nothing of any case in the answer
// Where a surface names something in its address (a case number, a decision id, a handle), its
// refusal must read exactly as the same address for something that does not exist.
// The reporters (A's, R, a community member; C's, new to the community; B's, an outside contact)
// are in no answer to anyone (nobody reveals here): not their name, handles or member id. The one
// exception is written in the row: a full export an admin asks for, with a reason (audited), names
// the reporters of the cases that admin is not recused from. On member surfaces (`people`) the
// people named in cases are members like any other, and R may be listed as one.
// ---------------------------------------------------------------------------------------------

type Cell = string | number;

type Surface = {
  name: string;
  /** page: fetched as HTML and as RSC payload; raw: a download or API answer (API: with the relation's token). */
  kind: "page" | "raw" | "api";
  path: (s: MatrixScenario) => string;
  /** The same surface for something that does not exist: `from` in the path is replaced by `to`. */
  control?: (s: MatrixScenario) => { from: string; to: string };
  /** Cases everyone may see that must be on it whenever it answers 200 (it rendered content). */
  always?: ("C" | "D")[];
  /** Member surfaces: the people named in cases are members too, and may be listed there. */
  people?: "names" | "names+R";
  /** Reporters the relation is allowed to see here (a full export asked by an admin with full access, audited). */
  reporters?: Partial<Record<Relation, ("R" | "N")[]>>;
  /** Reads part of the answer only (e.g. the audit events of one case). */
  select?: (body: string, s: MatrixScenario) => string;
  cells: Record<Relation, Cell>;
};

/** Cells in the order of RELATIONS: none, subject, reporter, involved, recusedAdmin, caseTeam, outsideModerator, outsideAdmin, viewer. */
function row(...cells: Cell[]): Record<Relation, Cell> {
  if (cells.length !== RELATIONS.length) throw new Error(`A row needs ${RELATIONS.length} cells`);
  return Object.fromEntries(RELATIONS.map((r, i) => [r, cells[i]!])) as Record<Relation, Cell>;
}

const NO_CASE = (s: MatrixScenario) => ({ from: s.cases.A.number, to: `${s.cases.A.number.slice(0, 4)}-9999` });
const NO_CASE_B = (s: MatrixScenario) => ({ from: s.cases.B.number, to: `${s.cases.B.number.slice(0, 4)}-9999` });
const NO_DECISION = (id: (s: MatrixScenario) => string) => (s: MatrixScenario) => ({
  from: id(s),
  to: "0b5e7a1c-0000-4000-8000-000000000000",
});
const NO_WORD = (word: (s: MatrixScenario) => string) => (s: MatrixScenario) => ({ from: word(s), to: "zebrafinchnobodywrote" });
const NO_NUMBER = (key: "B2") => (s: MatrixScenario) => ({ from: s.cases[key].number, to: `${s.cases[key].number.slice(0, 4)}-9999` });
const NO_MEMBER = (s: MatrixScenario) => ({ from: s.newcomer.id, to: "0b5e7a1c-0000-4000-8000-00000000abcd" });
const NO_HANDLE = (s: MatrixScenario) => ({ from: s.newcomer.handle, to: "zz-nobody-holds-this" });
const FULL = "mode=full&reason=Annual%20review%20by%20the%20board";
const FULL_REPORTERS: Surface["reporters"] = { outsideAdmin: ["R", "N"], recusedAdmin: ["N"] };
const auditOfCaseA = (body: string, s: MatrixScenario) =>
  body
    .split("\n")
    .filter((line) => [s.cases.A.id, s.cases.A.decisionId!].some((id) => line.includes(id)))
    .join("\n");

// prettier-ignore
const MATRIX: Surface[] = [
  //                                                                    none     subject  reporter involved recused  caseTeam outMod   outAdmin viewer
  { name: "dashboard", kind: "page", path: () => "/", always: ["D"],
    cells: row(                                                         "A",     "-",     "A",     "A",     "A",     "A B2",  "A",     "A",     "A") },
  { name: "case list", kind: "page", path: () => "/cases", always: ["C", "D"],
    cells: row(                                                         "A",     "-",     "A",     "A",     "A b b2","A B B2","A",     "A b b2","A") },
  { name: "search by A's words", kind: "page", path: (s) => `/cases?q=${s.cases.A.word}`, control: NO_WORD((s) => s.cases.A.word),
    cells: row(                                                         "A",     "-",     "A",     "A",     "A b b2","A",     "A",     "A b b2","A") },
  { name: "search by B's words", kind: "page", path: (s) => `/cases?q=${s.cases.B.word}`, control: NO_WORD((s) => s.cases.B.word),
    cells: row(                                                         "-",     "-",     "-",     "-",     "b b2",  "B",     "-",     "b b2",  "-") },
  { name: "search by B's subject's name", kind: "page", path: (s) => `/cases?q=${encodeURIComponent(s.members.SB.name)}`,
    control: (s) => ({ from: s.members.SB.name, to: "Zebra Finchnobody" }),
    cells: row(                                                         "-",     "-",     "-",     "-",     "b b2",  "B",     "-",     "b b2",  "-") },
  { name: "search by B2's number", kind: "page", path: (s) => `/cases?q=${s.cases.B2.number}`, control: NO_NUMBER("B2"),
    cells: row(                                                         "-",     "-",     "-",     "-",     "b b2",  "B2",    "-",     "b b2",  "-") },
  // Search finds cases by their subject, never by who reported them.
  { name: "search by A's reporter's name", kind: "page", path: (s) => `/cases?q=${encodeURIComponent(s.members.R.name)}`,
    control: (s) => ({ from: s.members.R.name, to: "Zebra Finchnobody" }), people: "names+R",
    cells: row(                                                         "-",     "-",     "-",     "-",     "b b2",  "-",     "-",     "b b2",  "-") },
  { name: "case A's page", kind: "page", path: (s) => `/cases/${s.cases.A.number}`, control: NO_CASE,
    cells: row(                                                         "A",     404,     "A",     "A",     "A",     "A",     "A",     "A",     "A") },
  { name: "case B's page", kind: "page", path: (s) => `/cases/${s.cases.B.number}`, control: NO_CASE_B,
    cells: row(                                                         404,     404,     404,     404,     "b",     "B",     404,     "b",     404) },
  { name: "members list", kind: "page", path: () => "/members", people: "names+R",
    cells: row(                                                         "-",     "-",     "-",     "-",     "-",     "-",     "-",     "-",     "-") },
  { name: "S's member page", kind: "page", path: (s) => `/members/${s.members.S.id}`, people: "names",
    cells: row(                                                         "A",     "-",     "A",     "A",     "A",     "A",     "A",     "A",     "A") },
  { name: "B's subject's member page", kind: "page", path: (s) => `/members/${s.members.SB.id}`, people: "names",
    cells: row(                                                         "-",     "-",     "-",     "-",     "-",     "B",     "-",     "-",     "-") },
  // A reporter's own record never lists the case they reported.
  { name: "R's member page", kind: "page", path: (s) => `/members/${s.members.R.id}`, people: "names+R",
    cells: row(                                                         "-",     "-",     "-",     "-",     "-",     "-",     "-",     "-",     "-") },
  { name: "the new reporter's member page", kind: "page", path: (s) => `/members/${s.newcomer.id}`, control: NO_MEMBER,
    cells: row(                                                         404,     404,     404,     404,     404,     404,     404,     404,     404) },
  { name: "lookup of the new reporter's handle", kind: "page", path: (s) => `/members/lookup?space=github&handle=${s.newcomer.handle}`, control: NO_HANDLE,
    cells: row(                                                         "-",     "-",     "-",     "-",     "-",     "-",     "-",     "-",     "-") },
  { name: "team page", kind: "page", path: () => "/team", people: "names+R",
    cells: row(                                                         404,     404,     404,     404,     "-",     404,     404,     "-",     404) },
  { name: "audit log, case events", kind: "page", path: () => "/audit?entityType=case", always: ["C", "D"],
    cells: row(                                                         404,     404,     404,     404,     "A",     404,     404,     "A",     404) },
  { name: "audit log, decision events", kind: "page", path: () => "/audit?entityType=decision", always: ["C"],
    cells: row(                                                         404,     404,     404,     404,     "A",     404,     404,     "A",     404) },
  // The newest events: by now, the earlier relations' downloads of A's notice.
  { name: "audit log", kind: "page", path: () => "/audit", people: "names+R",
    cells: row(                                                         404,     404,     404,     404,     "A",     404,     404,     "A",     404) },
  { name: "exports page", kind: "page", path: () => "/exports",
    cells: row(                                                         "-",     "-",     "-",     "-",     "-",     "-",     "-",     "-",     "-") },
  { name: "transparency page", kind: "page", path: (s) => `/exports/transparency?threshold=1&year=${s.cases.A.number.slice(0, 4)}`,
    cells: row(                                                         "-",     "-",     "-",     "-",     "-",     "-",     "-",     "-",     "-") },
  ...(["csv", "json", "markdown"] as const).flatMap((format): Surface[] => [
    { name: `internal export (${format})`, kind: "raw", path: () => `/api/exports/decisions?mode=internal&format=${format}`, always: ["C"],
      cells: row(                                                       "A",     "-",     "A",     "A",     "A",     "A B",   "A",     "A",     "A") },
    { name: `public export (${format})`, kind: "raw", path: () => `/api/exports/decisions?mode=public&format=${format}`, always: ["C"],
      cells: row(                                                       "A",     "-",     "A",     "A",     "A",     "A B",   "A",     "A",     "A") },
    { name: `full export (${format})`, kind: "raw", path: () => `/api/exports/decisions?${FULL}&format=${format}`, always: ["C"], reporters: FULL_REPORTERS,
      cells: row(                                                       403,     403,     403,     403,     "A",     403,     403,     "A",     403) },
  ]),
  ...(["csv", "markdown"] as const).map((format): Surface => (
    { name: `transparency report (${format})`, kind: "raw", path: (s) => `/api/exports/transparency?format=${format}&threshold=1&year=${s.cases.A.number.slice(0, 4)}`,
      cells: row(                                                       "-",     "-",     "-",     "-",     "-",     "-",     "-",     "-",     "-") })),
  ...(["txt", "md"] as const).map((format): Surface => (
    { name: `notice of A's decision (${format})`, kind: "raw", path: (s) => `/api/exports/notice/${s.cases.A.decisionId}?format=${format}`,
      control: NO_DECISION((s) => s.cases.A.decisionId!),
      cells: row(                                                       "A",     404,     "A",     "A",     "A",     "A",     "A",     "A",     "A") })),
  { name: "notice of B's decision", kind: "raw", path: (s) => `/api/exports/notice/${s.cases.B.decisionId}?format=txt`,
    control: NO_DECISION((s) => s.cases.B.decisionId!),
    cells: row(                                                         404,     404,     404,     404,     404,     "B",     404,     404,     404) },
  ...(["csv", "jsonl"] as const).map((format): Surface => (
    { name: `audit export (${format})`, kind: "raw", path: () => `/api/audit/export?format=${format}`, always: ["C", "D"], people: "names+R",
      cells: row(                                                       403,     403,     403,     403,     "A",     403,     403,     "A",     403) })),
  // The trail of case A and its decision never says who reported it, to anyone.
  { name: "audit export, events of case A", kind: "raw", path: () => "/api/audit/export?format=jsonl", select: auditOfCaseA,
    cells: row(                                                         403,     403,     403,     403,     "A",     403,     403,     "A",     403) },
  { name: "API case A", kind: "api", path: (s) => `/api/v1/cases/${s.cases.A.number}`, control: NO_CASE,
    cells: row(                                                         "A",     404,     "A",     "A",     "A",     "A",     "A",     "A",     "A") },
  { name: "API case B", kind: "api", path: (s) => `/api/v1/cases/${s.cases.B.number}`, control: NO_CASE_B,
    cells: row(                                                         404,     404,     404,     404,     404,     "B",     404,     404,     404) },
  { name: "API decisions", kind: "api", path: () => "/api/v1/decisions", always: ["C"],
    cells: row(                                                         "A",     "-",     "A",     "A",     "A",     "A B",   "A",     "A",     "A") },
  { name: "API lookup of S", kind: "api", path: (s) => `/api/v1/members/lookup?space=github&handle=${s.members.S.githubHandle}`, people: "names",
    cells: row(                                                         "A",     403,     "A",     "A",     "A",     "A",     "A",     "A",     "A") },
  { name: "API lookup of B's subject", kind: "api", path: (s) => `/api/v1/members/lookup?space=github&handle=${s.members.SB.githubHandle}`, people: "names",
    cells: row(                                                         "-",     "-",     "-",     "-",     "-",     "B",     "-",     "-",     "-") },
  { name: "API lookup of R", kind: "api", path: (s) => `/api/v1/members/lookup?space=github&handle=${s.members.R.githubHandle}`, people: "names+R",
    cells: row(                                                         "-",     "-",     403,     "-",     "-",     "-",     "-",     "-",     "-") },
  { name: "API ping", kind: "api", path: () => "/api/v1/ping",
    cells: row(                                                         "-",     "-",     "-",     "-",     "-",     "-",     "-",     "-",     "-") },
  { name: "API lookup of the new reporter", kind: "api", path: (s) => `/api/v1/members/lookup?space=github&handle=${s.newcomer.handle}`, control: NO_HANDLE,
    cells: row(                                                         404,     404,     404,     404,     404,     404,     404,     404,     404) },
];

/*
 * What the counts say (dashboard and transparency report, threshold 1): only the cases the
 * relation may see. Everyone sees C and D; A is hidden from its subject; B and B2 only from
 * outside their case team (an admin's stub counts nowhere).
 */
type Counts = { newUnassigned: number; awaiting: number; endingSoon: number; cases: number; reminders: number; warnings: number };
// prettier-ignore
const COUNTS: Record<Relation, Counts> = {
  //                 new and unassigned (D)  awaiting decision (B2)  no-contact ending (A)  cases (all this month)  Reminders (B)  Warnings (A, C)
  none:             { newUnassigned: 1,       awaiting: 0,            endingSoon: 1,         cases: 3,              reminders: 0,  warnings: 2 },
  subject:          { newUnassigned: 1,       awaiting: 0,            endingSoon: 0,         cases: 2,              reminders: 0,  warnings: 1 },
  reporter:         { newUnassigned: 1,       awaiting: 0,            endingSoon: 1,         cases: 3,              reminders: 0,  warnings: 2 },
  involved:         { newUnassigned: 1,       awaiting: 0,            endingSoon: 1,         cases: 3,              reminders: 0,  warnings: 2 },
  recusedAdmin:     { newUnassigned: 1,       awaiting: 0,            endingSoon: 1,         cases: 3,              reminders: 0,  warnings: 2 },
  caseTeam:         { newUnassigned: 1,       awaiting: 1,            endingSoon: 1,         cases: 5,              reminders: 1,  warnings: 2 },
  outsideModerator: { newUnassigned: 1,       awaiting: 0,            endingSoon: 1,         cases: 3,              reminders: 0,  warnings: 2 },
  outsideAdmin:     { newUnassigned: 1,       awaiting: 0,            endingSoon: 1,         cases: 3,              reminders: 0,  warnings: 2 },
  viewer:           { newUnassigned: 1,       awaiting: 0,            endingSoon: 1,         cases: 3,              reminders: 0,  warnings: 2 },
};

/* The members list: S's and B's subject's standing and number of cases, from the visible cases only. */
// prettier-ignore
const MEMBER_ROWS: Record<Relation, { S: [string, string]; SB: [string, string] }> = {
  none:             { S: ["Warned", "1"],                   SB: ["Good standing", "0"] },
  subject:          { S: ["Not shown (your record)", "Not shown"],  SB: ["Good standing", "0"] },
  reporter:         { S: ["Warned", "1"],                   SB: ["Good standing", "0"] },
  involved:         { S: ["Warned", "1"],                   SB: ["Good standing", "0"] },
  recusedAdmin:     { S: ["Warned", "1"],                   SB: ["Good standing", "0"] },
  caseTeam:         { S: ["Warned", "1"],                   SB: ["Reminded", "1"] },
  outsideModerator: { S: ["Warned", "1"],                   SB: ["Good standing", "0"] },
  outsideAdmin:     { S: ["Warned", "1"],                   SB: ["Good standing", "0"] },
  viewer:           { S: ["Warned", "1"],                   SB: ["Good standing", "0"] },
};

/* On case A's page (and B's stub): who may reveal the reporter, edit and add notes, who is told they are recused, who may join B's team. */
// prettier-ignore
const CONTROLS: Record<Relation, { reveal: boolean; edit: boolean; recused: boolean; joinB: boolean }> = {
  none:             { reveal: true,  edit: true,  recused: false, joinB: false },
  subject:          { reveal: false, edit: false, recused: false, joinB: false },
  reporter:         { reveal: false, edit: false, recused: true,  joinB: false },
  involved:         { reveal: false, edit: false, recused: true,  joinB: false },
  recusedAdmin:     { reveal: false, edit: false, recused: true,  joinB: true },
  caseTeam:         { reveal: true,  edit: true,  recused: false, joinB: false },
  outsideModerator: { reveal: true,  edit: true,  recused: false, joinB: false },
  outsideAdmin:     { reveal: true,  edit: true,  recused: false, joinB: true },
  viewer:           { reveal: false, edit: false, recused: false, joinB: false },
};

/*
 * On member pages: who may edit the record. Nobody edits their own; a recused moderator does not
 * edit the records of the people the case shows them (its subject, those involved). Whether a
 * record is the reporter's, or named in a case the reader cannot see, never shows: that page
 * reads as for any other member (edit: the Edit link; own / recused: the refusal; -: a viewer).
 */
type EditCell = "edit" | "own" | "recused" | "-";
// prettier-ignore
const MEMBER_EDIT: Record<Relation, { S: EditCell; R: EditCell; SB: EditCell }> = {
  none:             { S: "edit",    R: "edit",  SB: "edit" },
  subject:          { S: "own",     R: "edit",  SB: "edit" },
  reporter:         { S: "recused", R: "own",   SB: "edit" },
  involved:         { S: "recused", R: "edit",  SB: "edit" },
  recusedAdmin:     { S: "recused", R: "edit",  SB: "edit" },
  caseTeam:         { S: "edit",    R: "edit",  SB: "edit" },
  outsideModerator: { S: "edit",    R: "edit",  SB: "edit" },
  outsideAdmin:     { S: "edit",    R: "edit",  SB: "edit" },
  viewer:           { S: "-",       R: "-",     SB: "-" },
};

const RELATION_LABELS: Record<Relation, string> = {
  none: "a moderator with no part in the cases",
  subject: "the moderator who is case A's subject",
  reporter: "the moderator who reported case A",
  involved: "a moderator involved in case A",
  recusedAdmin: "an admin involved in case A (recused)",
  caseTeam: "a moderator on the restricted cases' team",
  outsideModerator: "a moderator outside the case team",
  outsideAdmin: "an admin outside the case team",
  viewer: "a viewer",
};

// ---------------------------------------------------------------------------------------------
// What must never be in an answer, by case and by reporter.
// ---------------------------------------------------------------------------------------------

type Secret = { what: string; value: string; name?: boolean };

function caseSecrets(s: MatrixScenario, key: "A" | "B" | "B2"): Secret[] {
  const c = s.cases[key];
  const people = { A: [s.members.S, s.members.I1, s.members.I2], B: [s.members.SB], B2: [s.members.SB2] }[key];
  return [
    { what: `case ${key}'s number`, value: c.number },
    { what: `case ${key}'s id`, value: c.id },
    ...(c.decisionId ? [{ what: `case ${key}'s decision id`, value: c.decisionId }] : []),
    { what: `case ${key}'s description`, value: c.word },
    ...people.map((m) => ({ what: `${m.name} (named in case ${key})`, value: m.name, name: true })),
  ];
}

function reporterSecrets(s: MatrixScenario): Record<"R" | "N" | "contact", Secret[]> {
  const R = s.members.R;
  return {
    R: [
      { what: "case A's reporter's name", value: R.name },
      ...R.handles.map((h) => ({ what: "case A's reporter's handle", value: h })),
      { what: "case A's reporter's member id", value: R.id },
    ],
    N: [
      { what: "case C's new reporter's name", value: s.newcomer.name },
      { what: "case C's new reporter's handle", value: s.newcomer.handle },
      { what: "case C's new reporter's member id", value: s.newcomer.id },
    ],
    contact: [
      { what: "case B's reporter's name", value: s.contact.name },
      { what: "case B's reporter's email", value: s.contact.email },
    ],
  };
}

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
/** The address with `from` replaced by `to`, as written or URL-encoded. */
const swap = (pathname: string, from: string, to: string) =>
  pathname.replace(from, to).replace(encodeURIComponent(from), encodeURIComponent(to));

// ---------------------------------------------------------------------------------------------
// The server: its own data directory, built by the scenario script, on a free port.
// ---------------------------------------------------------------------------------------------

let tmp: string;
let server: ChildProcess | undefined;
let serverLog = "";
let baseURL: string;
let scenario: MatrixScenario;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "access-matrix-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PGLITE_DATA_DIR: path.join(tmp, "pglite"),
    NEXT_TELEMETRY_DISABLED: "1",
    CHECKPOINT_DISABLE: "1",
  };
  delete env.DATABASE_URL;
  const out = path.join(tmp, "scenario.json");
  await promisify(execFile)("npx", ["tsx", "--conditions=react-server", "e2e/support/access-matrix-scenario.ts", out], {
    cwd: ROOT,
    env,
  });
  scenario = JSON.parse(fs.readFileSync(out, "utf8")) as MatrixScenario;

  const port = Number(process.env.E2E_MATRIX_PORT) || (await freePort());
  baseURL = `http://localhost:${port}`;
  server = spawn("npx", ["next", "start", "-p", String(port)], {
    cwd: ROOT,
    env: { ...env, NEXTAUTH_SECRET: "access-matrix-only-secret-0123456789abcdef", NEXTAUTH_URL: baseURL },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true, // its own process group: afterAll stops npx and the server it started
  });
  server.stderr!.on("data", (chunk: Buffer) => (serverLog += chunk.toString()));
  const started = Date.now();
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The access-matrix server stopped: ${serverLog}`);
    try {
      if ((await fetch(`${baseURL}/sign-in`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 60_000) throw new Error(`The access-matrix server did not start: ${serverLog}`);
    await new Promise((r) => setTimeout(r, 200));
  }
});

test.afterAll(async () => {
  for (const context of sessions.values()) await context.dispose();
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((r) => server!.once("exit", r));
    process.kill(-server.pid, "SIGTERM");
    await exited;
  }
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const sessions = new Map<Relation, APIRequestContext>();

/** Signs in through next-auth's credentials endpoint, as the sign-in form does; once per relation. */
async function signedIn(relation: Relation): Promise<APIRequestContext> {
  const known = sessions.get(relation);
  if (known) return known;
  const account = scenario.accounts[relation];
  const context = await request.newContext({ baseURL });
  const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await context.post("/api/auth/callback/credentials", {
    form: { email: account.email, password: account.password, csrfToken, json: "true" },
  });
  const session = (await (await context.get("/api/auth/session")).json()) as { user?: { email?: string } };
  expect(session.user?.email, `${relation} is signed in`).toBe(account.email);
  sessions.set(relation, context);
  return context;
}

type Answer = { variant: string; status: number; body: string };

async function fetchSurface(context: APIRequestContext, relation: Relation, surface: Surface, pathname: string): Promise<Answer[]> {
  const read = async (variant: string, headers: Record<string, string>): Promise<Answer> => {
    const response = await context.get(pathname, { headers, maxRedirects: 5 });
    const body = await response.text();
    return { variant, status: response.status(), body: surface.select ? surface.select(body, scenario) : body };
  };
  if (surface.kind === "api") return [await read("JSON", { Authorization: `Bearer ${scenario.accounts[relation].token}` })];
  if (surface.kind === "raw") return [await read("download", {})];
  return [await read("HTML", {}), await read("RSC payload", { RSC: "1" })];
}

/*
 * One test, one step per relation (each signed in once): every cell is a soft assertion naming
 * relation × surface, so one run reports every cell that disagrees with the table.
 */
test("each relation to a case sees exactly what DESIGN.md rule 5 and issue 12 allow, on every read surface", async () => {
  test.setTimeout(240_000);
  for (const relation of RELATIONS) await test.step(RELATION_LABELS[relation], () => checkRelation(relation));
});

/*
 * The Edit link of a member page must not be an oracle: it is refused only on the reader's own
 * record and on the subject and involved people of a visible case they are recused from (people
 * that case already shows them), never on a reporter's record nor because of a case hidden from them.
 */
test("a member page never tells, by its Edit link, who reported a case or whom a case hidden from the reader names", async () => {
  for (const relation of RELATIONS) {
    const context = await signedIn(relation);
    for (const key of ["S", "R", "SB"] as const) {
      const id = scenario.members[key].id;
      const body = await (await context.get(`/members/${id}`)).text();
      const seen: EditCell = body.includes(`/members/${id}/edit`)
        ? "edit"
        : body.includes("You cannot change your own member record")
          ? "own"
          : body.includes("You cannot change this member record")
            ? "recused"
            : "-";
      expect.soft(seen, `${relation} × ${scenario.members[key].name}'s member page: may edit the record`).toBe(MEMBER_EDIT[relation][key]);
    }
  }
});

/** Runs `work` over `items`, `width` at a time (the server renders while the database answers). */
async function pool<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
  return results;
}

async function checkRelation(relation: Relation) {
  const s = scenario;
  const context = await signedIn(relation);
  const reporters = reporterSecrets(s);
  const has = (body: string, value: string) => body.includes(value);

  const fetched = await pool(MATRIX, 4, async (surface) => {
    const control = surface.control?.(s);
    return {
      answers: await fetchSurface(context, relation, surface, surface.path(s)),
      controls: control ? await fetchSurface(context, relation, surface, swap(surface.path(s), control.from, control.to)) : [],
    };
  });
  const bodyOf = (name: string) => fetched[MATRIX.findIndex((surface) => surface.name === name)]!.answers[0]!.body;

  for (const [n, surface] of MATRIX.entries()) {
    const cell = surface.cells[relation];
    const tokens = typeof cell === "string" ? cell.split(/\s+/).filter((t) => t && t !== "-") : [];
    const control = surface.control?.(s);
    const { answers, controls } = fetched[n]!;

    for (const [i, answer] of answers.entries()) {
      const at = `${relation} × ${surface.name} (${answer.variant})`;
      const controlAnswer = controls[i];
      // How often the address's own value may be echoed: as often as the answer for the missing one echoes its value.
      const echoes = (value: string) => (control && controlAnswer && value === control.from ? count(controlAnswer.body, control.to) : 0);
      // There: more often than the address itself puts it there.
      const shows = (value: string) => count(answer.body, value) > echoes(value);
      const expectAbsent = (secret: Secret) =>
        expect.soft(count(answer.body, secret.value), `${at}: ${secret.what} must be absent`).toBeLessThanOrEqual(echoes(secret.value));

      if (answer.variant !== "RSC payload") {
        expect.soft(answer.status, `${at}: status`).toBe(typeof cell === "number" ? cell : 200);
      }
      for (const key of ["A", "B", "B2"] as const) {
        const secrets = caseSecrets(s, key).filter((x) => !(x.name && surface.people));
        if (tokens.includes(key)) {
          expect.soft(shows(s.cases[key].number), `${at}: case ${key} must be there`).toBe(true);
        } else if (tokens.includes(key.toLowerCase())) {
          expect.soft(shows(s.cases[key].number), `${at}: case ${key}'s stub (its number) must be there`).toBe(true);
          for (const secret of secrets.slice(1)) expectAbsent(secret);
        } else {
          for (const secret of secrets) expectAbsent(secret);
        }
      }
      if (typeof cell === "string") {
        for (const key of surface.always ?? []) {
          expect.soft(has(answer.body, s.cases[key].number), `${at}: case ${key}, which everyone may see, must be there`).toBe(true);
        }
      }
      const shown = surface.reporters?.[relation] ?? [];
      for (const who of ["R", "N", "contact"] as const) {
        if (who === "R" && surface.people === "names+R") continue;
        if (shown.includes(who as "R" | "N")) {
          expect.soft(has(answer.body, reporters[who][0]!.value), `${at}: the reporter, asked for in a full export`).toBe(true);
        } else {
          for (const secret of reporters[who]) expectAbsent(secret);
        }
      }
      // A refusal, or an answer about something nobody may see, reads as the answer for something that does not exist.
      if (control && controlAnswer && answer.variant !== "RSC payload" && (typeof cell === "number" || tokens.length === 0)) {
        // The value as written and as the router writes it into the page (%20 and + for a space).
        // Each page carries its own CSP nonce (in attributes and in the RSC payload): the one difference allowed.
        const withoutNonce = (body: string) => {
          const nonce = /nonce="([^"]+)"/.exec(body)?.[1];
          return nonce ? body.replaceAll(nonce, "<nonce>") : body;
        };
        const same = (body: string, value: string) =>
          [value, encodeURIComponent(value), encodeURIComponent(value).replaceAll("%20", "+")].reduce(
            (text, form) => text.replaceAll(form, "<value>"),
            withoutNonce(body),
          );
        expect
          .soft(
            same(answer.body, control.from) === same(controlAnswer.body, control.to),
            `${at}: reads exactly as for something that does not exist`,
          )
          .toBe(true);
      }
    }
  }

  // The counts: dashboard and transparency report count only the visible cases.
  const expected = COUNTS[relation];
  const dashboard = text(bodyOf("dashboard"));
  const heading = (title: string) => Number(new RegExp(`${title}\\s+(\\d+)`).exec(dashboard)?.[1]);
  expect.soft(heading("New and unassigned"), `${relation} × dashboard: new and unassigned`).toBe(expected.newUnassigned);
  expect.soft(heading("Awaiting decision"), `${relation} × dashboard: awaiting decision`).toBe(expected.awaiting);
  expect.soft(heading("No-contact ending in 14 days"), `${relation} × dashboard: no-contact ending soon`).toBe(expected.endingSoon);
  // The trend's months (cases logged, Reminders, Warnings), summed: the scenario may straddle a month's end.
  const months = [...dashboard.matchAll(/[A-Z][a-z]+ \d{4} (\d+) (\d+) (\d+) \d+ \d+/g)];
  const sum = (i: number) => months.reduce((n, m) => n + Number(m[i]), 0);
  expect.soft(months.length, `${relation} × dashboard trend: twelve months`).toBe(12);
  expect
    .soft([sum(1), sum(2), sum(3)], `${relation} × dashboard trend: cases logged, Reminders, Warnings`)
    .toEqual([expected.cases, expected.reminders, expected.warnings]);
  const report = bodyOf("transparency report (csv)").replace(/^\uFEFF/, "");
  const header = report.split("\n")[0]!.split(",");
  const total =
    report
      .split("\n")
      .find((line) => line.startsWith("Total,"))
      ?.split(",") ?? [];
  const column = (name: string) => Number(total[header.indexOf(name)]);
  expect
    .soft([column("Cases received"), column("Reminder"), column("Warning")], `${relation} × transparency report totals`)
    .toEqual([expected.cases, expected.reminders, expected.warnings]);

  const list = text(bodyOf("case list"));
  expect.soft(/All cases \(\s*(\d+)\s*\)/.exec(list)?.[1], `${relation} × case list: how many cases`).toBe(String(expected.cases));

  // The members list: standing and case counts from the visible cases only.
  const members = bodyOf("members list");
  for (const key of ["S", "SB"] as const) {
    const tr = members
      .split("<tr")
      .map((r) => text(`<tr${r.split("</tr>")[0]}`).trim())
      .find((r) => r.includes(s.members[key].name));
    const [standing, cases] = MEMBER_ROWS[relation][key];
    expect.soft(tr, `${relation} × members list: ${s.members[key].name}'s standing`).toContain(standing);
    expect.soft(tr?.endsWith(cases), `${relation} × members list: ${s.members[key].name}'s cases (${cases})`).toBe(true);
  }

  // Case A's page and B's stub: the controls each relation has.
  const c = CONTROLS[relation];
  const pageA = bodyOf("case A's page");
  const pageB = bodyOf("case B's page");
  expect.soft(has(pageA, "Reveal reporter"), `${relation} × case A: the Reveal reporter button`).toBe(c.reveal);
  expect.soft(has(pageA, "Edit details"), `${relation} × case A: editing its details`).toBe(c.edit);
  expect.soft(has(pageA, "Add note"), `${relation} × case A: adding a note`).toBe(c.edit);
  expect.soft(has(pageA, "You are recused from this case"), `${relation} × case A: told they are recused`).toBe(c.recused);
  expect.soft(has(pageB, "Join the case team"), `${relation} × case B: the join form of the stub`).toBe(c.joinB);
}

/** The visible text of an HTML page, roughly: tags out, entities of interest decoded, spaces collapsed. */
function text(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}
