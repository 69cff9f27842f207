// A small, realistic community and the demo accounts (used by npm run db:seed and the tests).
//
// Every record is written by the app's own domain functions, as the team would have done
// it through the app, so the demo can never hold a state the app could not produce
// (STYLE.md, "Records"). The story happened in the past, so it is replayed in time order:
// each step runs the domain function (which stamps "now"), then moves that step's time
// columns, and only those, back to when it happened. Statuses, levels, links, versions and
// the ladder's recommendations are the ones the app computed. The audit trail keeps its
// real timestamps: it truthfully records when the demo was written.
import { addNote } from "../lib/server/cases/add-note.ts";
import { assignCase } from "../lib/server/cases/assign-case.ts";
import { changeCaseStatus } from "../lib/server/cases/change-case-status.ts";
import { createCase } from "../lib/server/cases/create-case.ts";
import { getDb, type PrismaClient } from "../lib/server/db.ts";
import { recordDecision } from "../lib/server/decisions/record-decision.ts";
import { reverseDecision } from "../lib/server/decisions/reverse-decision.ts";
import { createMember } from "../lib/server/members/create-member.ts";
import type { Actor, SystemActor } from "../lib/server/permissions.ts";
import { linkUserMember } from "../lib/server/users/link-user-member.ts";
import { createUser } from "../lib/server/users/create-user.ts";
import type { TProtectedRole } from "../lib/policy/protected-people.ts";
import type { TCaseReporter } from "../lib/schemas/case.ts";
import type { TCaseStatus, TLevel, TSpace, TStandard } from "../lib/schemas/vocabulary.ts";
import { HOUR, DAY } from "@/lib/policy/durations.ts";

export const DEMO_PASSWORD = "demo-password";

type MemberSeed = { key: string; name: string; identities: [TSpace, string][] };

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
  level: TLevel;
  /** What the ladder recommends from the member's history at the time: the seed checks the app agrees. */
  recommended: TLevel;
  rationale: string;
  /** Needed when the level differs from the recommendation. */
  justification?: string;
  decidedDaysAgo: number;
  /** A Warning's no-contact period, from the day of the decision. */
  /** protect: members by key (the involved); roles: the reporter and the enforcing moderators, resolved by the app. */
  noContact?: { days: number; protect: string[]; roles?: TProtectedRole[] };
  reversal?: { reason: string; daysAgo: number };
};

type CaseSeed = {
  /** Names the case for breachOf. */
  key?: string;
  subject: string;
  reporter: { kind: "member"; key: string } | { kind: "contact"; name: string; email: string } | { kind: "anonymous" };
  involved?: string[];
  space: TSpace;
  occurredDaysAgo: number;
  loggedDaysAgo: number;
  standards: TStandard[];
  description: string;
  evidence?: string[];
  status: TCaseStatus;
  assignee?: "admin" | "moderator";
  notes?: string[];
  dismissalReason?: string;
  decision?: DecisionSeed;
  /** The case whose Warning this one breaches: createCase must flag it by itself. */
  breachOf?: string;
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
      noContact: { days: 90, protect: ["eli"] },
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
    },
  },
  {
    key: "morgan-warning",
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
      noContact: { days: 90, protect: ["casey"], roles: ["reporter", "decider"] },
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
    breachOf: "morgan-warning",
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
    reporter: { kind: "contact", name: "Event staff (DataConf)", email: "staff@dataconf.example" },
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
      noContact: { days: 30, protect: ["kai"] },
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
    reporter: { kind: "contact", name: "A. Reader", email: "reader@example.com" },
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

export type DemoSummary = {
  members: number;
  cases: number;
  decisions: number;
  accounts: { role: string; email: string; id: string; name: string }[];
};

/** One thing the team did, at the moment it happened. */
type Step = { at: Date; run: (at: Date) => Promise<void> };

/*
 * The past: each domain function takes the moment of its step (createCase's loggedAt,
 * changeCaseStatus's and addNote's at, recordDecision's decidedAt, reverseDecision's
 * reversedAt) and writes its rows with it, as decisions, reversals, notes and status changes
 * are kept as written (the database refuses to update them). Only the case's updatedAt, a
 * time column of a mutable row, is moved afterwards.
 */
async function backdateCase(db: PrismaClient, caseId: string, at: Date) {
  await db.case.update({ where: { id: caseId }, data: { updatedAt: at } });
}

/**
 * Adds the demo community. `accountSuffix` gives the demo accounts distinct emails
 * (admin+SUFFIX@example.org) and the members distinct handles (mblake-SUFFIX) when demo
 * data is added to a database that has some.
 */
export async function seedDemoCommunity(options: { accountSuffix?: string } = {}): Promise<DemoSummary> {
  const now = Date.now();
  const daysAgo = (n: number) => new Date(now - n * DAY);
  const db = await getDb();
  const suffix = options.accountSuffix;

  // The accounts: the first admin comes from the command line, as with npm run user:create.
  const system: SystemActor = { system: true, label: "db:seed" };
  const email = (local: string) => (suffix ? `${local}+${suffix}@example.org` : `${local}@example.org`);
  const adminUser = await createUser({
    actor: system,
    input: { email: email("admin"), name: "Alex Rivera", role: "admin", password: DEMO_PASSWORD },
  });
  const admin: Actor = { id: adminUser.id, name: adminUser.name, role: adminUser.role, memberId: null };
  const moderatorUser = await createUser({
    actor: admin,
    input: { email: email("moderator"), name: "Sam Okafor", role: "moderator", password: DEMO_PASSWORD },
  });
  const viewerUser = await createUser({
    actor: admin,
    input: { email: email("viewer"), name: "Jordan Lee", role: "viewer", password: DEMO_PASSWORD },
  });

  // The community, added by the admin long before the first case.
  const members = new Map<string, string>();
  const joinedAt = daysAgo(500);
  for (const seed of MEMBERS) {
    // Handles are unique per space: a second demo community gets its own.
    const identities = seed.identities.map(([space, handle]) => ({ space, handle: suffix ? `${handle}-${suffix}` : handle }));
    const member = await createMember({ actor: admin, input: { displayName: seed.name, identities } });
    await db.member.update({ where: { id: member.id }, data: { createdAt: joinedAt, updatedAt: joinedAt } });
    await db.memberIdentity.updateMany({ where: { memberId: member.id }, data: { createdAt: joinedAt } });
    members.set(seed.key, member.id);
  }
  const member = (key: string) => members.get(key)!;

  // Sam is on the core team and a community member too: the admin links the account to the
  // member record, as on the Team page, so the conflict-of-interest rules apply to it.
  await linkUserMember({ actor: admin, input: { userId: moderatorUser.id, member: { memberId: member("sam") } } });
  const moderator: Actor = { id: moderatorUser.id, name: moderatorUser.name, role: moderatorUser.role, memberId: member("sam") };

  // Each case as the steps the team took, all of them replayed in time order, so that every
  // step sees the history (ladder, no-contact terms, case numbers) as it stood at that moment.
  const steps: Step[] = [];
  const caseIds = new Map<CaseSeed, string>();
  const decisionIds = new Map<string, string>();
  let decisions = 0;
  const version = async (caseId: string) => (await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } })).version;

  for (const seed of CASES) {
    const parties = [
      member(seed.subject),
      ...(seed.involved ?? []).map(member),
      ...(seed.reporter.kind === "member" ? [member(seed.reporter.key)] : []),
    ];
    // Whoever works the case; the admin when the moderator is a party to it (recused).
    const worker = seed.assignee === "admin" || parties.includes(moderator.memberId!) ? admin : moderator;
    const caseId = () => caseIds.get(seed)!;
    const loggedAt = daysAgo(seed.loggedDaysAgo);
    const later = (hours: number) => new Date(loggedAt.getTime() + hours * HOUR);

    steps.push({
      at: loggedAt,
      run: async (at) => {
        const reporter: TCaseReporter =
          seed.reporter.kind === "member"
            ? { kind: "member", member: { memberId: member(seed.reporter.key) } }
            : seed.reporter.kind === "contact"
              ? { kind: "contact", name: seed.reporter.name, email: seed.reporter.email }
              : { kind: "anonymous" };
        const created = await createCase(
          {
            actor: worker,
            input: {
              subject: { memberId: member(seed.subject) },
              reporter,
              involved: (seed.involved ?? []).map((key) => ({ memberId: member(key) })),
              space: seed.space,
              occurredAt: daysAgo(seed.occurredDaysAgo),
              standards: seed.standards,
              description: seed.description,
              evidence: seed.evidence ?? [],
            },
          },
          { loggedAt: at },
        );
        const expected = seed.breachOf ? decisionIds.get(seed.breachOf) : undefined;
        if ((created.breach?.decisionId ?? undefined) !== expected) {
          throw new Error(`Demo case ${created.number}: the app found ${created.breach ? "a" : "no"} breach, the story says otherwise`);
        }
        caseIds.set(seed, created.id);
        await backdateCase(db, created.id, at);
      },
    });

    if (seed.assignee) {
      steps.push({
        at: later(1),
        run: async (at) => {
          const assigneeId = (seed.assignee === "admin" ? admin : moderator).id;
          await assignCase({ actor: worker, input: { caseId: caseId(), version: await version(caseId()), assigneeId } });
          await backdateCase(db, caseId(), at);
        },
      });
    }

    if (seed.status !== "new") {
      steps.push({
        at: later(2),
        run: async (at) => {
          await changeCaseStatus(
            { actor: worker, input: { caseId: caseId(), version: await version(caseId()), status: "investigating" } },
            { at },
          );
          await backdateCase(db, caseId(), at);
        },
      });
    }

    for (const [i, body] of (seed.notes ?? []).entries()) {
      steps.push({
        at: later(3 + i),
        run: async (at) => {
          await addNote({ actor: worker, input: { caseId: caseId(), body } }, { at });
        },
      });
    }

    if (seed.status === "dismissed") {
      steps.push({
        at: later(24),
        run: async (at) => {
          await changeCaseStatus(
            {
              actor: worker,
              input: { caseId: caseId(), version: await version(caseId()), status: "dismissed", reason: seed.dismissalReason },
            },
            { at },
          );
          await backdateCase(db, caseId(), at);
        },
      });
    }

    const d = seed.decision;
    if (d) {
      steps.push({
        at: daysAgo(d.decidedDaysAgo),
        run: async (at) => {
          const decision = await recordDecision(
            {
              actor: worker,
              input: {
                caseId: caseId(),
                version: await version(caseId()),
                level: d.level,
                rationale: d.rationale,
                justification: d.justification,
                // The no-contact period starts on the day of the decision: its real start and end.
                noContact: d.noContact
                  ? {
                      days: d.noContact.days,
                      startsAt: at,
                      protectedMemberIds: d.noContact.protect.map(member),
                      protect: d.noContact.roles ?? [],
                    }
                  : undefined,
              },
            },
            { decidedAt: at },
          );
          if (decision.recommended !== d.recommended) {
            throw new Error(
              `Demo case ${decision.caseNumber}: the ladder recommends ${decision.recommended}, the story says ${d.recommended}`,
            );
          }
          await backdateCase(db, caseId(), at);
          if (seed.key) decisionIds.set(seed.key, decision.id);
          decisions += 1;
        },
      });
      if (seed.status === "closed") {
        steps.push({
          at: new Date(daysAgo(d.decidedDaysAgo).getTime() + DAY),
          run: async (at) => {
            await changeCaseStatus(
              { actor: worker, input: { caseId: caseId(), version: await version(caseId()), status: "closed" } },
              { at },
            );
            await backdateCase(db, caseId(), at);
          },
        });
      }
      const reversal = d.reversal;
      if (reversal) {
        // Appeals are heard by an admin.
        steps.push({
          at: daysAgo(reversal.daysAgo),
          run: async (at) => {
            const decisionId = (await db.decision.findFirstOrThrow({ where: { caseId: caseId() }, select: { id: true } })).id;
            await reverseDecision({ actor: admin, input: { decisionId, reason: reversal.reason } }, { reversedAt: at });
            await backdateCase(db, caseId(), at);
          },
        });
      }
    }
  }

  // Stable: steps of one moment keep the order they were listed in.
  steps.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const step of steps) {
    if (step.at.getTime() > now) throw new Error("A demo step is in the future: check the story's dates");
    await step.run(step.at);
  }

  return {
    members: MEMBERS.length,
    cases: CASES.length,
    decisions,
    accounts: [adminUser, moderatorUser, viewerUser].map((u) => ({ role: u.role, email: u.email, id: u.id, name: u.name })),
  };
}
