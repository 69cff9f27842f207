// The state of e2e/access-matrix.spec.ts, built through the app's own domain functions only
// (never a direct database write), then the database is closed and the facts the spec needs
// are written to a JSON file.
//
//   PGLITE_DATA_DIR=<fresh dir> npx tsx --conditions=react-server e2e/support/access-matrix-scenario.ts <out.json>
//
// The story (issue 12): a case A about S, reported by R (a community member), involving I1 and
// I2, decided with a Warning that protects I1, I2, "the reporter" and the deciding moderator;
// two cases (B decided, B2 awaiting a decision) restricted to a case team; a case C reported by
// someone new to the community (a reporter-only record) and decided with a Warning protecting
// them; a new, unassigned case D. Each relation to a case has its own account.
import fs from "node:fs";
import { reporterMemberIdOf } from "../../lib/server/cases/case-reporter.ts";
import { changeCaseStatus } from "../../lib/server/cases/change-case-status.ts";
import { createCase } from "../../lib/server/cases/create-case.ts";
import { getDb } from "../../lib/server/db.ts";
import { recordDecision } from "../../lib/server/decisions/record-decision.ts";
import { createMember } from "../../lib/server/members/create-member.ts";
import type { Actor } from "../../lib/server/permissions.ts";
import { createApiToken } from "../../lib/server/tokens/create-api-token.ts";
import { createUser } from "../../lib/server/users/create-user.ts";
import { linkUserMember } from "../../lib/server/users/link-user-member.ts";
import type { TCaseReporter } from "../../lib/schemas/case.ts";
import { CliError, runCli } from "../../scripts/cli.ts";
import type { MatrixScenario, Relation } from "./access-matrix-types.ts";
import { HOUR } from "@/lib/policy/durations.ts";

const PASSWORD = "matrix-password-0123";

await runCli(async () => {
  const out = process.argv[2];
  if (!out) throw new CliError("Usage: access-matrix-scenario.ts <out.json>");
  const db = await getDb();
  if ((await db.user.count()) + (await db.case.count()) > 0) throw new CliError("The scenario needs an empty database");

  // The first admin, as npm run user:create makes it. Not linked, on no case team: "outside admin".
  const first = await createUser({
    actor: { system: true, label: "access-matrix scenario" },
    input: { email: "outside-admin@matrix.test", name: "Amadou Outside-Admin", role: "admin", password: PASSWORD },
  });
  const admin: Actor = { id: first.id, name: first.name, role: first.role, memberId: null };

  // The community (handles and names chosen so that no other text on any page contains them).
  const memberSeeds = {
    S: {
      name: "Sable Quennell",
      handles: [
        ["github", "sq-subject-sable"],
        ["slack", "U0SABLEQ"],
      ],
    },
    R: {
      name: "Rowena Pickering",
      handles: [
        ["github", "rp-reporter-rowena"],
        ["slack", "U0ROWENAP"],
      ],
    },
    I1: { name: "Ivo Marchetti", handles: [["github", "im-involved-ivo"]] },
    I2: { name: "Isla Drummond", handles: [["github", "id-involved-isla"]] },
    M0: { name: "Noel Ashgrove", handles: [["github", "na-unrelated-noel"]] },
    SB: { name: "Barnaby Voss", handles: [["github", "bv-restricted-barnaby"]] },
    SB2: { name: "Bryony Kestrel", handles: [["github", "bk-restricted-bryony"]] },
    SC: { name: "Cormac Lindqvist", handles: [["github", "cl-subject-cormac"]] },
    SD: { name: "Delphine Okoro", handles: [["github", "do-subject-delphine"]] },
  } as const;
  const members = {} as MatrixScenario["members"];
  for (const [key, seed] of Object.entries(memberSeeds)) {
    const created = await createMember({
      actor: admin,
      input: { displayName: seed.name, identities: seed.handles.map(([space, handle]) => ({ space, handle })) },
    });
    members[key as keyof typeof memberSeeds] = {
      id: created.id,
      name: seed.name,
      handles: seed.handles.map(([, handle]) => handle),
      githubHandle: seed.handles[0][1],
    };
  }

  // One account per relation; each linked to its own member record by the admin (Team page).
  const accountSeeds: Record<Exclude<Relation, "outsideAdmin">, { name: string; role: Actor["role"]; member?: keyof typeof members }> = {
    none: { name: "Nikolai Unrelated-Mod", role: "moderator", member: "M0" },
    subject: { name: "Solange Subject-Mod", role: "moderator", member: "S" },
    reporter: { name: "Remy Reporter-Mod", role: "moderator", member: "R" },
    involved: { name: "Indra Involved-Mod", role: "moderator", member: "I1" },
    recusedAdmin: { name: "Ines Recused-Admin", role: "admin", member: "I2" },
    caseTeam: { name: "Tamsin Team-Mod", role: "moderator" },
    outsideModerator: { name: "Otto Outside-Mod", role: "moderator" },
    viewer: { name: "Vera Viewer", role: "viewer" },
  };
  const actors = { outsideAdmin: admin } as Record<Relation, Actor>;
  const accounts = {} as MatrixScenario["accounts"];
  accounts.outsideAdmin = { email: first.email, password: PASSWORD, name: first.name, userId: first.id, memberId: null, token: "" };
  for (const [relation, seed] of Object.entries(accountSeeds) as [Exclude<Relation, "outsideAdmin">, (typeof accountSeeds)["none"]][]) {
    const email = `${relation.toLowerCase()}@matrix.test`;
    const user = await createUser({ actor: admin, input: { email, name: seed.name, role: seed.role, password: PASSWORD } });
    const memberId = seed.member ? members[seed.member].id : null;
    if (memberId) await linkUserMember({ actor: admin, input: { userId: user.id, member: { memberId } } });
    actors[relation] = { id: user.id, name: user.name, role: user.role, memberId };
    accounts[relation] = { email, password: PASSWORD, name: user.name, userId: user.id, memberId, token: "" };
  }
  for (const relation of Object.keys(accounts) as Relation[]) {
    const token = await createApiToken({ actor: actors[relation], input: { name: "access matrix", scope: "read" } });
    accounts[relation].token = token.secret;
  }

  const occurredAt = new Date(Date.now() - 5 * HOUR);
  const version = async (caseId: string) => (await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } })).version;
  async function logCase(
    actor: Actor,
    input: { subject: string; reporter: TCaseReporter; involved?: string[]; description: string; restricted?: boolean },
  ) {
    const created = await createCase({
      actor,
      input: {
        subject: { memberId: input.subject },
        reporter: input.reporter,
        involved: (input.involved ?? []).map((memberId) => ({ memberId })),
        space: "github",
        occurredAt,
        standards: ["harassment"],
        description: input.description,
        evidence: [],
        restricted: input.restricted,
      },
    });
    return created;
  }
  async function investigate(actor: Actor, caseId: string) {
    await changeCaseStatus({ actor, input: { caseId, version: await version(caseId), status: "investigating" } });
  }

  // Case A: decided by the unrelated moderator with a Warning ending within 14 days (the dashboard lists it).
  const words = { A: "quokkaharbor", B: "marmosetvault", B2: "pangolinquill", C: "wombatlantern", D: "axolotlmeadow" };
  const a = await logCase(actors.none, {
    subject: members.S.id,
    reporter: { kind: "member", member: { memberId: members.R.id } },
    involved: [members.I1.id, members.I2.id],
    description: `Hostile review comments near the ${words.A} thread, aimed at two contributors.`,
  });
  await investigate(actors.none, a.id);
  const decisionA = await recordDecision({
    actor: actors.none,
    input: {
      caseId: a.id,
      version: await version(a.id),
      level: "warning",
      justification: "Two people were targeted at once: a Warning from the start.",
      rationale: `Targeted hostility in the ${words.A} thread.`,
      noContact: { days: 10, protectedMemberIds: [members.I1.id, members.I2.id], protect: ["reporter", "decider"] },
    },
  });

  // Cases B and B2: logged restricted by the case team's moderator (the team is whoever logs it).
  const contact = { name: "Petra Contactova", email: "petra.contactova@matrix-reporter.test" };
  const b = await logCase(actors.caseTeam, {
    subject: members.SB.id,
    reporter: { kind: "contact", ...contact },
    description: `A sensitive report about the ${words.B} channel.`,
    restricted: true,
  });
  await investigate(actors.caseTeam, b.id);
  const decisionB = await recordDecision({
    actor: actors.caseTeam,
    input: { caseId: b.id, version: await version(b.id), level: "reminder", rationale: `Reminder about the ${words.B} channel.` },
  });
  const b2 = await logCase(actors.caseTeam, {
    subject: members.SB2.id,
    reporter: { kind: "anonymous" },
    description: `Another sensitive report, ${words.B2}.`,
    restricted: true,
  });
  await investigate(actors.caseTeam, b2.id);

  // Case C: reported by someone new to the community (a reporter-only record), protected by the Warning.
  const newcomer = { name: "Wren Halloway", handle: "wh-newcomer-wren" };
  const c = await logCase(actors.outsideModerator, {
    subject: members.SC.id,
    reporter: { kind: "member", member: { space: "github", handle: newcomer.handle, displayName: newcomer.name } },
    description: `Repeated unwanted messages after the ${words.C} meetup.`,
  });
  await investigate(actors.outsideModerator, c.id);
  const decisionC = await recordDecision({
    actor: actors.none,
    input: {
      caseId: c.id,
      version: await version(c.id),
      level: "warning",
      justification: "Unwanted contact after being asked to stop: a Warning.",
      rationale: `Unwanted messages after the ${words.C} meetup.`,
      noContact: { days: 90, protectedMemberIds: [], protect: ["reporter"] },
    },
  });
  // The reporter is encrypted on the case: read as the app reads it.
  const newcomerId = reporterMemberIdOf(
    await db.case.findUniqueOrThrow({ where: { id: c.id }, select: { id: true, reporterEncrypted: true } }),
  );
  if (!newcomerId) throw new Error("Case C has no reporter record");

  // Case D: new and unassigned.
  const d = await logCase(admin, {
    subject: members.SD.id,
    reporter: { kind: "anonymous" },
    description: `Spam links posted in the ${words.D} forum.`,
  });

  const scenario: MatrixScenario = {
    accounts,
    members,
    newcomer: { ...newcomer, id: newcomerId },
    contact,
    cases: {
      A: { id: a.id, number: a.number, decisionId: decisionA.id, word: words.A },
      B: { id: b.id, number: b.number, decisionId: decisionB.id, word: words.B },
      B2: { id: b2.id, number: b2.number, decisionId: null, word: words.B2 },
      C: { id: c.id, number: c.number, decisionId: decisionC.id, word: words.C },
      D: { id: d.id, number: d.number, decisionId: null, word: words.D },
    },
  };
  fs.writeFileSync(out, JSON.stringify(scenario, null, 2));
});
