import { describe, expect, it } from "vitest";
import { ACTION_LABELS, actorDisplay, describeAuditEvent, describeAuditRow, hasSentence, parseAuditEvent } from "@/lib/audit/describe.ts";
import { AUDIT_ACTIONS, ZAuditEvent, type AuditAction, type AuditPayloadInput } from "@/lib/audit/vocabulary.ts";

const sam = { id: "u1", name: "Sam Okafor" };
const ids = [{ space: "slack", handle: "@kim" }];
const member = { id: "m1", displayName: "Kim Lee" };

/** One event of each action in the shape the current code writes it: a new action without one fails to type-check. */
const SAMPLES: { [A in AuditAction]: AuditPayloadInput<A> } = {
  "case.created": {
    after: {
      number: "2026-0014",
      status: "new",
      subject: { id: "m1", name: "Kim Lee" },
      reporterKind: "member",
      involved: [],
      space: "slack",
      occurredAt: "2026-01-02T00:00:00.000Z",
      standards: ["harassment"],
      description: "…",
      evidence: [],
      breachOf: null,
    },
  },
  "case.status_changed": { before: { status: "new" }, after: { status: "investigating", reason: "Looking into it" } },
  "case.assigned": { before: { assignee: null }, after: { assignee: sam } },
  "case.updated": { before: { space: "slack" }, after: { space: "github" }, metadata: { reason: "Wrong space" } },
  "case.note_added": { after: { noteId: "n1", body: "Spoke to Kim" } },
  "case.note_edited": { before: { noteId: "n1", body: "a" }, after: { noteId: "n2", body: "b" } },
  "case.evidence_added": { after: { evidenceId: "e1", url: "https://example.org/1" } },
  "case.breach_changed": {
    before: { breachOf: null, breachOfDecisionId: null },
    after: { breachOf: "2026-0003", breachOfDecisionId: "d0" },
    metadata: { case: "2026-0014", cause: "decision.reversed" },
  },
  "case.restricted": { before: { restricted: false }, after: { restricted: true, team: [sam] } },
  "case.unrestricted": { before: { restricted: true, team: [sam] }, after: { restricted: false } },
  "case.team_member_added": { after: { user: sam } },
  "case.team_member_removed": { before: { user: sam } },
  "case.team_joined": { after: { user: sam, reason: "On call" } },
  "reporter.revealed": { metadata: { number: "2026-0014", reporterKind: "member" } },
  "decision.recorded": {
    after: {
      case: "2026-0014",
      caseId: "c1",
      level: "warning",
      recommended: "warning",
      recommendationReasons: [],
      deviation: false,
      justification: null,
      rationale: "…",
      noContact: {
        startsAt: new Date("2026-01-01T00:00:00Z"),
        endsAt: new Date("2026-04-01T00:00:00Z"),
        protectedMemberIds: [],
        protectedRoles: [],
      },
    },
  },
  "decision.reversed": {
    before: { level: "warning", reversed: false },
    after: { level: "warning", reversed: true, reason: "Appeal", case: "2026-0014" },
  },
  "decision.reviewed": {
    before: { flagged: "Changed" },
    after: { outcome: "kept", reason: "Still right", level: "warning", case: "2026-0014" },
  },
  "decision.notice_sent": {
    before: { memberNotifiedAt: null },
    after: { memberNotifiedAt: "2026-01-03T00:00:00.000Z", case: "2026-0014" },
  },
  "export.created": { metadata: { kind: "audit", format: "csv", filters: {}, rows: 3 } },
  "audit.verified": { metadata: { ok: true, count: 12, head: "12:ab", problem: null } },
  "member.created": { after: { displayName: "Kim Lee", identities: ids } },
  "member.listed": { after: { displayName: "Kim Lee", identities: ids } },
  "member.updated": {
    before: { displayName: "Kim", identities: ids },
    after: { displayName: "Kim Lee", identities: ids },
    metadata: { version: 2 },
  },
  "member.merged": {
    before: { source: { id: "m2", displayName: "K. Lee", identities: ids }, target: { id: "m1", displayName: "Kim Lee", identities: [] } },
    after: { moved: {} },
    metadata: { sourceId: "m2", targetId: "m1", reason: "Same person" },
  },
  "user.created": { after: { email: "s@example.org", name: "Sam Okafor", role: "moderator", active: true, hasPassword: true } },
  "user.role_changed": { before: { role: "moderator", active: true }, after: { role: "admin", active: true } },
  "user.deactivated": { before: { active: true }, after: { active: false } },
  "user.reactivated": { before: { active: false }, after: { active: true } },
  "user.member_linked": { before: { member: null }, after: { member } },
  "user.member_relinked": { before: { member }, after: { member: { id: "m3", displayName: "K" }, created: true } },
  "user.member_unlinked": { before: { member }, after: { member: null } },
  "user.signed_out_everywhere": { metadata: { sessions: 2 } },
  "team.two_factor_requirement_changed": { before: { requireTwoFactor: false }, after: { requireTwoFactor: true } },
  "auth.signed_in": { metadata: { method: "password" } },
  "auth.sign_in_failed": { metadata: { method: "password", reason: "wrong_password" } },
  "auth.signed_out": { metadata: { session: "s1", browser: "Firefox" } },
  "auth.session_ended": { metadata: { session: "s1", browser: "Firefox", from: "s2" } },
  "auth.other_sessions_ended": { metadata: { sessions: 3, kept: "s2" } },
  "auth.throttle_lifted": { metadata: { scope: "address", address: "203.0.113.9" } },
  "auth.two_factor_enrolment_started": {},
  "auth.two_factor_enabled": { before: { twoFactor: false }, after: { twoFactor: true } },
  "auth.two_factor_disabled": { before: { twoFactor: true }, after: { twoFactor: false } },
  "auth.recovery_code_used": { metadata: { left: 9 } },
  "auth.recovery_codes_regenerated": {},
  "api_token.created": { after: { owner: sam, name: "walk-bot", scope: "read", prefix: "cd_", expiresAt: null } },
  "api_token.revoked": { before: { revokedAt: null }, after: { name: "walk-bot", prefix: "cd_", revokedAt: new Date() } },
  "data_key.rotated": { metadata: { keyId: "k2", from: ["k1"], reencrypted: 4, unreadable: {} } },
  "data_key.abandoned": { metadata: { keyId: "k1", cases: 1 } },
};

/** As the database stores and returns it: JSON, absent payloads null. */
function stored(action: AuditAction) {
  const p = JSON.parse(JSON.stringify(SAMPLES[action])) as { before?: unknown; after?: unknown; metadata?: unknown };
  return {
    action,
    actorType: "user",
    actorLabel: "Sam Okafor",
    before: p.before ?? null,
    after: p.after ?? null,
    metadata: p.metadata ?? null,
  };
}

describe("audit vocabulary", () => {
  it("declares every action once, each with a label and a sentence", () => {
    const actions = ZAuditEvent.options.map((o) => o.shape.action.value);
    expect(new Set(actions).size).toBe(actions.length);
    expect(actions.length).toBeGreaterThanOrEqual(45);
    for (const action of actions) {
      expect(hasSentence(action), `${action} has no sentence`).toBe(true);
      expect(ACTION_LABELS[action], `${action} has no label`).toBeTruthy();
    }
  });

  it.each(AUDIT_ACTIONS)("%s: an event of the current shape parses and reads as one sentence, never its code", (action) => {
    const parsed = parseAuditEvent(stored(action));
    expect(parsed.event.shape, `${action}'s sample does not match its schema`).toBe("known");
    const { sentence } = describeAuditEvent(parsed, { caseNumber: "2026-0014", entityName: "Kim Lee" });
    expect(sentence.length).toBeGreaterThan(10);
    expect(sentence).not.toContain(action);
    expect(sentence).not.toMatch(/undefined|null|\[object/);
  });

  it("a Warning with a no-contact period reads as the sentence a moderator expects", () => {
    expect(describeAuditRow(stored("decision.recorded")).sentence).toBe(
      "Sam Okafor recorded a Warning on 2026-0014, with a 90-day no-contact period",
    );
  });

  it("a stored row of an older or odd shape still renders, from its action alone", () => {
    // As prisma/scale-community.ts wrote them, and rows with no payload or garbage.
    const rows = [
      { action: "case.created", actorLabel: "Sam", before: null, after: { number: "2026-0001", subjectId: "x" } },
      { action: "decision.recorded", actorLabel: "Sam", before: null, after: { caseNumber: "2026-0001", level: "warning" } },
      { action: "case.assigned", actorLabel: "Sam", before: { assigneeId: null }, after: { assigneeId: "u" } },
      { action: "member.updated", actorLabel: "Sam", before: "text", after: 42, metadata: [1, 2] },
      { action: "something.retired", actorLabel: "Sam", before: null, after: null },
      { action: "case.note_added", actorLabel: "Sam", before: undefined, after: { noteId: "\u0000\ud800" } },
    ];
    for (const row of rows) {
      const parsed = parseAuditEvent(row);
      expect(parsed.event.shape).toBe("unknown");
      const { sentence, details } = describeAuditEvent(parsed, { caseNumber: "2026-0001" });
      expect(sentence).toMatch(/^Sam recorded: /);
      expect(typeof details).toBe("string");
    }
    expect(describeAuditRow(rows[0]!, { caseNumber: "2026-0001" }).sentence).toBe(
      "Sam recorded: case logged on 2026-0001 (in an older form: see the details)",
    );
  });

  it("an API token's events name the person and the token once, old rows too", () => {
    expect(actorDisplay({ actorType: "api_token", actorLabel: "Sam Okafor (token walk-bot-mod)" })).toBe(
      "Sam Okafor (API token “walk-bot-mod”)",
    );
    expect(actorDisplay({ actorType: "api_token", actorLabel: "Sam Okafor (API token “walk-bot”)" })).toBe(
      "Sam Okafor (API token “walk-bot”)",
    );
    expect(actorDisplay({ actorType: "system", actorLabel: "db:seed" })).toBe("The system (db:seed)");
  });
});
