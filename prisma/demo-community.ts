// A small, realistic community and the demo accounts, written through the app's own
// domain functions and audit trail (used by npm run db:seed and the tests).
import { auditActorOf, recordAudit, type AuditActor } from "../lib/server/audit.ts";
import { nextCaseNumber } from "../lib/server/cases/next-case-number.ts";
import { getDb, type Tx } from "../lib/server/db.ts";
import type { CaseStatus, Level, ReporterKind, Space } from "../lib/server/generated/prisma/client.ts";
import { createUser } from "../lib/server/users/create-user.ts";
import { normalizeHandle, type TStandard } from "../lib/schemas/vocabulary.ts";

export const DEMO_PASSWORD = "demo-password";
const DAY = 24 * 60 * 60 * 1000;
const now = Date.now();
const daysAgo = (n: number) => new Date(now - n * DAY);

type MemberSeed = { key: string; name: string; identities: [Space, string][] };

const MEMBERS: MemberSeed[] = [
  {
    key: "sam",
    name: "Sam Okafor",
    identities: [
      ["github", "sokafor"],
      ["slack", "U01SAMOK"],
      ["email", "sam@example.org"],
    ],
  },
  {
    key: "riley",
    name: "Riley Chen",
    identities: [
      ["github", "rchen-dev"],
      ["slack", "U02RILEY"],
    ],
  },
  {
    key: "morgan",
    name: "Morgan Blake",
    identities: [
      ["github", "mblake"],
      ["slack", "U03MORGAN"],
      ["email", "morgan.blake@example.net"],
    ],
  },
  {
    key: "casey",
    name: "Casey Liu",
    identities: [
      ["github", "caseyliu"],
      ["slack", "U04CASEY"],
    ],
  },
  {
    key: "dana",
    name: "Dana Whitfield",
    identities: [
      ["github", "dwhitfield"],
      ["email", "dana@example.com"],
    ],
  },
  {
    key: "quinn",
    name: "Quinn Harlow",
    identities: [
      ["github", "qharlow"],
      ["slack", "U05QUINN"],
      ["social", "@qharlow@mastodon.example"],
    ],
  },
  {
    key: "taylor",
    name: "Taylor Brooks",
    identities: [
      ["github", "tbrooks"],
      ["discord", "taylorb#2231"],
    ],
  },
  {
    key: "jamie",
    name: "Jamie Ortiz",
    identities: [
      ["slack", "U06JAMIE"],
      ["email", "jamie.ortiz@example.com"],
    ],
  },
  {
    key: "avery",
    name: "Avery Singh",
    identities: [
      ["github", "averys"],
      ["forum", "avery_s"],
    ],
  },
  {
    key: "sky",
    name: "Sky Patel",
    identities: [
      ["github", "skypatel"],
      ["slack", "U07SKY"],
    ],
  },
  {
    key: "drew",
    name: "Drew Kim",
    identities: [
      ["github", "drewk"],
      ["email", "drew.kim@example.net"],
    ],
  },
  {
    key: "alexis",
    name: "Alexis Rowe",
    identities: [
      ["slack", "U08ALEXIS"],
      ["email", "alexis@rowe-consulting.example"],
    ],
  },
  {
    key: "kai",
    name: "Kai Nakamura",
    identities: [
      ["github", "kainaka"],
      ["event", "Badge 0412, DataConf 2026"],
    ],
  },
  {
    key: "noor",
    name: "Noor Haddad",
    identities: [
      ["github", "noorh"],
      ["slack", "U09NOOR"],
    ],
  },
  {
    key: "eli",
    name: "Eli Fischer",
    identities: [
      ["github", "efischer"],
      ["slack", "U10ELI"],
    ],
  },
];

type DecisionSeed = {
  level: Level | null;
  recommended: Level | null;
  rationale: string;
  justification?: string;
  decidedDaysAgo: number;
  noContactDays?: number;
  protect?: string[];
  notifiedDaysAgo?: number;
  reversal?: { reason: string; daysAgo: number };
};

type CaseSeed = {
  subject: string;
  reporter: { kind: "member"; key: string } | { kind: "contact"; name: string; contact: string } | { kind: "anonymous" };
  involved?: string[];
  space: Space;
  occurredDaysAgo: number;
  loggedDaysAgo: number;
  standards: TStandard[];
  description: string;
  evidence?: string[];
  status: CaseStatus;
  assignee?: "admin" | "moderator";
  notes?: string[];
  dismissalReason?: string;
  decision?: DecisionSeed;
  breachOf?: number; // index of the case whose Warning this one breaches
};

const CASES: CaseSeed[] = [
  {
    subject: "quinn",
    reporter: { kind: "member", key: "noor" },
    space: "slack",
    occurredDaysAgo: 420,
    loggedDaysAgo: 419,
    standards: ["trolling-insults"],
    description:
      'Replied to a beginner\'s question in #dagster-support with "read the docs, this is embarrassing" and a mocking emoji chain.',
    evidence: ["https://example.slack.com/archives/C01SUPPORT/p1700000000"],
    status: "closed",
    assignee: "moderator",
    decision: {
      level: "reminder",
      recommended: "reminder",
      rationale:
        "Derogatory comment toward a newcomer. Mocking someone for asking a question is unwelcoming and discourages participation; questions are welcome at every level of experience.",
      decidedDaysAgo: 415,
      notifiedDaysAgo: 415,
    },
  },
  {
    subject: "quinn",
    reporter: { kind: "member", key: "eli" },
    involved: ["eli"],
    space: "github",
    occurredDaysAgo: 300,
    loggedDaysAgo: 299,
    standards: ["trolling-insults", "harassment"],
    description: "Series of hostile review comments on Eli's pull requests over two weeks, including personal remarks about competence.",
    evidence: [
      "https://github.com/example/project/pull/18211#discussion_r1",
      "https://github.com/example/project/pull/18240#discussion_r7",
    ],
    status: "closed",
    assignee: "admin",
    decision: {
      level: "warning",
      recommended: "warning",
      rationale: "Repeated personal attacks in code review after a prior Reminder. Review comments must address the code, not the person.",
      decidedDaysAgo: 295,
      noContactDays: 90,
      protect: ["eli"],
      notifiedDaysAgo: 295,
    },
  },
  {
    subject: "riley",
    reporter: { kind: "anonymous" },
    space: "slack",
    occurredDaysAgo: 200,
    loggedDaysAgo: 199,
    standards: ["slack-mass-mention", "slack-cross-posting"],
    description: "Used @channel in #general three times in one day to bump an unanswered question, and cross-posted it to four channels.",
    status: "closed",
    assignee: "moderator",
    decision: {
      level: "reminder",
      recommended: "reminder",
      rationale:
        "Demanding attention with @channel and cross-posting goes against the Slack content guidelines; it pings thousands of members and buries other discussions.",
      decidedDaysAgo: 198,
      notifiedDaysAgo: 198,
    },
  },
  {
    subject: "morgan",
    reporter: { kind: "member", key: "dana" },
    involved: ["dana"],
    space: "github",
    occurredDaysAgo: 160,
    loggedDaysAgo: 159,
    standards: ["unprofessional"],
    description: "Closed a contributor's issue with a dismissive, sarcastic comment and locked the thread.",
    status: "closed",
    assignee: "moderator",
    decision: {
      level: "reminder",
      recommended: "reminder",
      rationale: "Sarcasm and dismissiveness toward a contributor's report is unprofessional and unwelcoming.",
      decidedDaysAgo: 157,
      notifiedDaysAgo: 157,
    },
  },
  {
    subject: "morgan",
    reporter: { kind: "member", key: "dana" },
    involved: ["casey"],
    space: "slack",
    occurredDaysAgo: 22,
    loggedDaysAgo: 21,
    standards: ["harassment", "trolling-insults"],
    description:
      'Sent Casey repeated unsolicited direct messages after Casey disagreed in a design discussion, calling their proposal "amateur hour".',
    evidence: ["https://example.slack.com/archives/D04CASEY/p1760000000"],
    status: "closed",
    assignee: "moderator",
    notes: ["Casey confirmed the DMs and asked not to be contacted further.", "Morgan acknowledged the messages when asked."],
    decision: {
      level: "warning",
      recommended: "warning",
      rationale:
        "Private harassment after a prior Reminder: unsolicited hostile direct messages to a community member who disagreed in a technical discussion.",
      decidedDaysAgo: 20,
      noContactDays: 90,
      protect: ["casey", "dana", "sam"],
      notifiedDaysAgo: 20,
    },
  },
  {
    subject: "morgan",
    reporter: { kind: "member", key: "casey" },
    involved: ["casey"],
    space: "github",
    occurredDaysAgo: 2,
    loggedDaysAgo: 1,
    standards: ["harassment"],
    description: "Mentioned Casey in a GitHub discussion thread with a hostile remark while the no-contact period is in force.",
    evidence: ["https://github.com/example/project/discussions/30112#discussioncomment-9"],
    status: "new",
    breachOf: 4,
  },
  {
    subject: "quinn",
    reporter: { kind: "member", key: "noor" },
    involved: ["noor"],
    space: "social",
    occurredDaysAgo: 12,
    loggedDaysAgo: 11,
    standards: ["harassment", "doxxing"],
    description: 'Posted Noor\'s home city and employer on social media with a call to "let them know what you think".',
    evidence: ["https://mastodon.example/@qharlow/113000000000000000"],
    status: "decided",
    assignee: "admin",
    decision: {
      level: "permanent_ban",
      recommended: "permanent_ban",
      rationale:
        "Publishing a member's private information and inciting others against them, after a Reminder and a Warning: a sustained pattern of harassment.",
      decidedDaysAgo: 9,
    },
  },
  {
    subject: "taylor",
    reporter: { kind: "contact", name: "Event staff (DataConf)", contact: "staff@dataconf.example" },
    involved: ["kai"],
    space: "event",
    occurredDaysAgo: 26,
    loggedDaysAgo: 25,
    standards: ["sexualized-language"],
    description: "Made sexualized remarks to another attendee at the community meetup booth.",
    status: "closed",
    assignee: "admin",
    decision: {
      level: "warning",
      recommended: "reminder",
      rationale: "Sexualized remarks to an attendee at a community event.",
      justification:
        "Though a first report, the remarks were directed at one person and made them leave the booth: a single serious incident warrants a Warning.",
      decidedDaysAgo: 24,
      noContactDays: 30,
      protect: ["kai"],
      notifiedDaysAgo: 24,
    },
  },
  {
    subject: "jamie",
    reporter: { kind: "member", key: "noor" },
    space: "slack",
    occurredDaysAgo: 70,
    loggedDaysAgo: 69,
    standards: ["slack-derailing"],
    description: "Diverted a release-planning thread into an unrelated debate.",
    status: "closed",
    assignee: "moderator",
    decision: {
      level: "reminder",
      recommended: "reminder",
      rationale: "Diverting a thread midstream makes it hard for others to follow the discussion.",
      decidedDaysAgo: 68,
      notifiedDaysAgo: 68,
      reversal: { reason: "On appeal: the thread owner had invited the tangent; the discussion was not derailed.", daysAgo: 60 },
    },
  },
  {
    subject: "avery",
    reporter: { kind: "anonymous" },
    space: "forum",
    occurredDaysAgo: 40,
    loggedDaysAgo: 39,
    standards: ["unprofessional"],
    description: "Report of a rude forum reply.",
    status: "dismissed",
    assignee: "moderator",
    dismissalReason: "The reply was blunt but addressed the technical point; no violation of the Code of Conduct.",
  },
  {
    subject: "sky",
    reporter: { kind: "member", key: "riley" },
    involved: ["riley"],
    space: "github",
    occurredDaysAgo: 6,
    loggedDaysAgo: 5,
    standards: ["trolling-insults"],
    description: "Called another contributor's benchmark results \"garbage from someone who can't code\" in an issue.",
    evidence: ["https://github.com/example/project/issues/31001#issuecomment-2"],
    status: "investigating",
    assignee: "moderator",
    notes: ["Asked Sky for their side by email."],
  },
  {
    subject: "drew",
    reporter: { kind: "contact", name: "A. Reader", contact: "reader@example.com" },
    space: "email",
    occurredDaysAgo: 4,
    loggedDaysAgo: 3,
    standards: ["unprofessional"],
    description: "Reported by email: Drew replied-all to a mailing list thread with insulting language.",
    status: "investigating",
  },
  {
    subject: "alexis",
    reporter: { kind: "anonymous" },
    space: "slack",
    occurredDaysAgo: 1,
    loggedDaysAgo: 0,
    standards: ["slack-soliciting"],
    description: "Direct-messaged dozens of members offering paid consulting services.",
    status: "new",
  },
  {
    subject: "kai",
    reporter: { kind: "member", key: "eli" },
    space: "discord",
    occurredDaysAgo: 2,
    loggedDaysAgo: 2,
    standards: ["slack-not-threaded", "other"],
    description: "Flooded the help channel with unthreaded messages after being asked to use threads.",
    status: "new",
    assignee: "moderator",
  },
];

export async function isDatabaseEmpty(): Promise<boolean> {
  const db = await getDb();
  const [users, members, cases] = await Promise.all([db.user.count(), db.member.count(), db.case.count()]);
  return users + members + cases === 0;
}

async function seedMembers(actor: AuditActor, suffix?: string): Promise<Map<string, string>> {
  const db = await getDb();
  const ids = new Map<string, string>();
  for (const seed of MEMBERS) {
    // Handles are unique per space: a second demo community gets its own.
    const identities = seed.identities.map(([space, handle]) => [space, suffix ? `${handle}-${suffix}` : handle] as const);
    const member = await db.$transaction(async (tx) => {
      const created = await tx.member.create({
        data: {
          displayName: seed.name,
          createdAt: daysAgo(500),
          identities: {
            create: identities.map(([space, handle]) => ({ space, handle, handleNormalized: normalizeHandle(handle) })),
          },
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        actor,
        action: "member.created",
        entityType: "member",
        entityId: created.id,
        after: { displayName: seed.name, identities: identities.map(([space, handle]) => ({ space, handle })) },
      });
      return created;
    });
    ids.set(seed.key, member.id);
  }
  return ids;
}

async function seedCase(
  tx: Tx,
  seed: CaseSeed,
  ctx: {
    members: Map<string, string>;
    users: Record<"admin" | "moderator", { id: string; name: string }>;
    decisions: Map<number, string | null>;
  },
) {
  const member = (key: string) => ctx.members.get(key)!;
  const loggedAt = daysAgo(seed.loggedDaysAgo);
  const { year, sequence, number } = await nextCaseNumber(tx, loggedAt.getUTCFullYear());
  const moderator = seed.assignee ? ctx.users[seed.assignee] : ctx.users.moderator;
  const actor: AuditActor = { type: "user", userId: moderator.id, label: moderator.name };
  const reporter: { reporterKind: ReporterKind; reporterMemberId?: string; reporterName?: string; reporterContact?: string } =
    seed.reporter.kind === "member"
      ? { reporterKind: "member", reporterMemberId: member(seed.reporter.key) }
      : seed.reporter.kind === "contact"
        ? { reporterKind: "contact", reporterName: seed.reporter.name, reporterContact: seed.reporter.contact }
        : { reporterKind: "anonymous" };
  const created = await tx.case.create({
    data: {
      number,
      year,
      sequence,
      status: seed.status,
      subjectId: member(seed.subject),
      ...reporter,
      space: seed.space,
      occurredAt: daysAgo(seed.occurredDaysAgo),
      standards: seed.standards,
      description: seed.description,
      assigneeId: seed.assignee ? ctx.users[seed.assignee].id : null,
      loggedById: moderator.id,
      breachOfDecisionId: seed.breachOf !== undefined ? ctx.decisions.get(seed.breachOf) : null,
      createdAt: loggedAt,
      involved: { create: (seed.involved ?? []).map((key) => ({ memberId: member(key) })) },
      evidence: { create: (seed.evidence ?? []).map((url) => ({ url, addedById: moderator.id, createdAt: loggedAt })) },
      notes: {
        create: (seed.notes ?? []).map((body, i) => ({
          body,
          authorId: moderator.id,
          createdAt: new Date(loggedAt.getTime() + (i + 1) * 3600_000),
        })),
      },
      statusChanges: { create: [{ from: null, to: "new", actorId: moderator.id, createdAt: loggedAt }] },
    },
    select: { id: true },
  });
  await recordAudit(tx, {
    actor,
    action: "case.created",
    entityType: "case",
    entityId: created.id,
    after: { number, subject: seed.subject, space: seed.space, standards: seed.standards, breach: seed.breachOf !== undefined },
  });

  // Walk the case through the statuses it went through, as the app would.
  const path: CaseStatus[] =
    seed.status === "new"
      ? []
      : seed.status === "investigating"
        ? ["investigating"]
        : seed.status === "dismissed"
          ? ["investigating", "dismissed"]
          : seed.status === "decided"
            ? ["investigating", "decided"]
            : ["investigating", "decided", "closed"];
  let from: CaseStatus = "new";
  for (const [i, to] of path.entries()) {
    const at = new Date(loggedAt.getTime() + ((i + 1) * DAY) / 4);
    await tx.caseStatusChange.create({
      data: {
        caseId: created.id,
        from,
        to,
        actorId: moderator.id,
        reason: to === "dismissed" ? seed.dismissalReason : null,
        createdAt: at,
      },
    });
    await recordAudit(tx, {
      actor,
      action: "case.status_changed",
      entityType: "case",
      entityId: created.id,
      before: { status: from },
      after: { status: to, reason: to === "dismissed" ? seed.dismissalReason : undefined },
    });
    from = to;
  }
  if (path.length) await tx.case.update({ where: { id: created.id }, data: { version: path.length + 1 } });

  let decisionId: string | null = null;
  if (seed.decision) {
    const d = seed.decision;
    const decidedAt = daysAgo(d.decidedDaysAgo);
    const decision = await tx.decision.create({
      data: {
        caseId: created.id,
        level: d.level,
        recommendedLevel: d.recommended,
        rationale: d.rationale,
        deviationJustification: d.justification ?? null,
        decidedById: moderator.id,
        decidedAt,
        noContactStartsAt: d.noContactDays ? decidedAt : null,
        noContactEndsAt: d.noContactDays ? new Date(decidedAt.getTime() + d.noContactDays * DAY) : null,
        memberNotifiedAt: d.notifiedDaysAgo !== undefined ? daysAgo(d.notifiedDaysAgo) : null,
        protections: { create: (d.protect ?? []).map((key) => ({ memberId: member(key) })) },
      },
      select: { id: true },
    });
    decisionId = decision.id;
    await recordAudit(tx, {
      actor,
      action: "decision.recorded",
      entityType: "decision",
      entityId: decision.id,
      after: {
        case: number,
        level: d.level,
        recommended: d.recommended,
        noContactDays: d.noContactDays ?? null,
        protected: d.protect ?? [],
      },
    });
    if (d.reversal) {
      const admin = ctx.users.admin;
      await tx.decisionReversal.create({
        data: { decisionId: decision.id, reason: d.reversal.reason, reversedById: admin.id, reversedAt: daysAgo(d.reversal.daysAgo) },
      });
      await recordAudit(tx, {
        actor: { type: "user", userId: admin.id, label: admin.name },
        action: "decision.reversed",
        entityType: "decision",
        entityId: decision.id,
        after: { reason: d.reversal.reason },
      });
    }
  }
  return decisionId;
}

export type DemoSummary = {
  members: number;
  cases: number;
  decisions: number;
  accounts: { role: string; email: string; id: string; name: string }[];
};

/**
 * Adds the demo community. `accountSuffix` gives the demo accounts distinct emails
 * (admin+SUFFIX@example.org) when demo data is added to a database that has some.
 */
export async function seedDemoCommunity(options: { accountSuffix?: string } = {}): Promise<DemoSummary> {
  const system = { system: true as const, label: "db:seed" };
  const email = (local: string) => (options.accountSuffix ? `${local}+${options.accountSuffix}@example.org` : `${local}@example.org`);
  const admin = await createUser({
    actor: system,
    input: { email: email("admin"), name: "Alex Rivera", role: "admin", password: DEMO_PASSWORD },
  });
  const moderator = await createUser({
    actor: system,
    input: { email: email("moderator"), name: "Sam Okafor", role: "moderator", password: DEMO_PASSWORD },
  });
  const viewer = await createUser({
    actor: system,
    input: { email: email("viewer"), name: "Jordan Lee", role: "viewer", password: DEMO_PASSWORD },
  });

  const members = await seedMembers(auditActorOf(system), options.accountSuffix);
  const db = await getDb();
  // Sam is on the core team and a community member too: link the account to the member record.
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: moderator.id }, data: { memberId: members.get("sam")! } });
    await recordAudit(tx, {
      actor: auditActorOf(system),
      action: "user.member_linked",
      entityType: "user",
      entityId: moderator.id,
      after: { memberId: members.get("sam") },
    });
  });

  // In the order they were logged, so that case numbers and breaches follow time.
  const decisions = new Map<number, string | null>();
  const ordered = CASES.map((c, i) => ({ c, i })).sort((a, b) => b.c.loggedDaysAgo - a.c.loggedDaysAgo || a.i - b.i);
  for (const { c, i } of ordered) {
    decisions.set(i, await db.$transaction((tx) => seedCase(tx, c, { members, users: { admin, moderator }, decisions })));
  }

  return {
    members: MEMBERS.length,
    cases: CASES.length,
    decisions: [...decisions.values()].filter(Boolean).length,
    accounts: [admin, moderator, viewer].map((u) => ({ role: u.role, email: u.email, id: u.id, name: u.name })),
  };
}
