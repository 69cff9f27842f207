import { z } from "zod";
import "@/lib/schemas/zod-config.ts";
import { ZLevel } from "@/lib/schemas/vocabulary.ts";

/*
 * The audit vocabulary: every action the app records, with the shape of its before, after and
 * metadata, as one zod discriminated union on `action` (after documenso's
 * packages/lib/types/document-audit-logs.ts). recordAudit type-checks a new event against it and
 * validates it at run time before writing; every reader parses stored rows through
 * parseAuditEvent (lib/audit/describe.ts) and renders one sentence per action. Pure: zod and
 * lib/schemas only, so components and export formats use it too.
 *
 * The chain is immutable: a shape once written stays in databases. A field added later is
 * optional here, and a stored row that does not match its action's shape is still read (as the
 * "unknown shape" variant) and rendered from its action alone.
 */

/** A payload that is not recorded (stored as null). */
const none = z.null().optional();
/** A date as written (a Date, stored as an ISO string). */
const ZWhen = z.union([z.date(), z.string()]);
const ZPerson = z.object({ id: z.string(), name: z.string() });
const ZIdentity = z.object({ space: z.string(), handle: z.string() });
const ZMemberSnapshot = z.object({ displayName: z.string(), identities: z.array(ZIdentity) });
const ZLinkedMember = z.object({ id: z.string(), displayName: z.string() });
const ZBreachesChanged = z.array(z.object({ case: z.string(), before: z.string().nullable(), after: z.string().nullable() })).optional();
const ZLevelOrNone = ZLevel.nullable();
const ZCount = z.number().int().min(0);

type Slot = "before" | "after" | "metadata";
type NoPayload = { before: typeof none; after: typeof none; metadata: typeof none };
const NO_PAYLOAD: NoPayload = { before: none, after: none, metadata: none };

/** One action: its code and the shape of the payloads it records (a slot left out is not recorded). */
function event<const A extends string, S extends Partial<Record<Slot, z.ZodType>>>(action: A, shape: S) {
  return z.object({ ...NO_PAYLOAD, ...shape, action: z.literal(action) } as unknown as Omit<NoPayload, keyof S> &
    S & { action: z.ZodLiteral<A> });
}

const ZCaseUpdate = z.object({
  space: z.string().optional(),
  occurredAt: z.string().optional(),
  standards: z.array(z.string()).optional(),
  description: z.string().optional(),
  involved: z.array(ZPerson).optional(),
  breachOf: z.string().nullable().optional(),
});
const ZUserState = z.object({ role: z.string().optional(), active: z.boolean() });

export const ZAuditEvent = z.discriminatedUnion("action", [
  // Cases
  event("case.created", {
    after: z.object({
      number: z.string(),
      status: z.string(),
      subject: ZPerson,
      reporterKind: z.string(),
      involved: z.array(ZPerson),
      space: z.string(),
      occurredAt: z.string().optional(),
      standards: z.array(z.string()),
      description: z.string().optional(),
      evidence: z.array(z.string()).optional(),
      breachOf: z.object({ decisionId: z.string(), caseNumber: z.string() }).nullable().optional(),
      restricted: z.literal(true).optional(),
      team: z.array(ZPerson).optional(),
    }),
  }),
  event("case.status_changed", {
    before: z.object({ status: z.string() }),
    after: z.object({ status: z.string(), reason: z.string().optional(), decisionId: z.string().optional() }),
    metadata: z.object({ reason: z.string().optional() }).nullish(),
  }),
  event("case.assigned", {
    before: z.object({ assignee: ZPerson.nullable() }),
    after: z.object({ assignee: ZPerson.nullable() }),
    metadata: z.object({ reason: z.string() }).nullish(),
  }),
  event("case.updated", {
    before: ZCaseUpdate,
    after: ZCaseUpdate,
    metadata: z
      .object({
        reason: z.string().optional(),
        afterDecision: z.literal(true).optional(),
        decisionId: z.string().optional(),
        changedAfterDecisionAt: z.string().optional(),
      })
      .nullish(),
  }),
  event("case.note_added", { after: z.object({ noteId: z.string(), body: z.string() }) }),
  event("case.note_edited", {
    before: z.object({ noteId: z.string(), body: z.string() }),
    after: z.object({ noteId: z.string(), body: z.string() }),
  }),
  event("case.evidence_added", { after: z.object({ evidenceId: z.string().optional(), url: z.string(), note: z.string().optional() }) }),
  event("case.breach_changed", {
    before: z.object({ breachOf: z.string().nullable(), breachOfDecisionId: z.string().nullable().optional() }),
    after: z.object({ breachOf: z.string().nullable(), breachOfDecisionId: z.string().nullable().optional() }),
    metadata: z.looseObject({ case: z.string(), cause: z.string().optional() }).nullish(),
  }),
  event("case.restricted", {
    before: z.object({ restricted: z.literal(false) }),
    after: z.object({ restricted: z.literal(true), team: z.array(ZPerson) }),
  }),
  event("case.unrestricted", {
    before: z.object({ restricted: z.literal(true), team: z.array(ZPerson).optional() }),
    after: z.object({ restricted: z.literal(false) }),
  }),
  event("case.team_member_added", { after: z.object({ user: ZPerson }) }),
  event("case.team_member_removed", { before: z.object({ user: ZPerson }) }),
  event("case.team_joined", { after: z.object({ user: ZPerson, reason: z.string() }) }),
  event("reporter.revealed", {
    metadata: z.object({ number: z.string(), reporterKind: z.string().optional(), via: z.string().optional() }),
  }),

  // Decisions
  event("decision.recorded", {
    after: z.object({
      case: z.string(),
      caseId: z.string().optional(),
      level: ZLevelOrNone,
      recommended: ZLevelOrNone.optional(),
      recommendationReasons: z.array(z.string()).optional(),
      deviation: z.boolean().optional(),
      justification: z.string().nullable().optional(),
      rationale: z.string().optional(),
      noContact: z
        .object({
          startsAt: ZWhen,
          endsAt: ZWhen,
          protectedMemberIds: z.array(z.string()).optional(),
          protectedRoles: z.array(z.string()).optional(),
        })
        .nullable()
        .optional(),
    }),
  }),
  event("decision.reversed", {
    before: z.object({ level: ZLevelOrNone, reversed: z.literal(false) }).nullish(),
    after: z.object({
      level: ZLevelOrNone.optional(),
      reversed: z.literal(true).optional(),
      reason: z.string(),
      case: z.string().optional(),
      caseId: z.string().optional(),
      breachesChanged: ZBreachesChanged,
    }),
  }),
  event("decision.reviewed", {
    before: z.object({ flagged: z.string() }),
    after: z.object({
      outcome: z.literal("kept"),
      reason: z.string(),
      level: ZLevelOrNone,
      case: z.string(),
      caseId: z.string().optional(),
      reviewId: z.string().optional(),
    }),
  }),
  event("decision.notice_sent", {
    before: z.object({ memberNotifiedAt: z.null() }).nullish(),
    after: z.object({
      memberNotifiedAt: z.string(),
      level: ZLevelOrNone.optional(),
      case: z.string().optional(),
      caseId: z.string().optional(),
      noticeId: z.string().optional(),
    }),
    metadata: z.object({ subject: z.string(), textSha256: z.string() }).nullish(),
  }),

  // Exports and the audit log itself
  event("export.created", {
    metadata: z.looseObject({
      kind: z.string(),
      mode: z.string().optional(),
      format: z.string(),
      filters: z.unknown().optional(),
      rows: ZCount,
      reason: z.string().optional(),
      sentAt: z.string().optional(),
      kept: z.boolean().optional(),
    }),
  }),
  event("audit.verified", {
    metadata: z.looseObject({
      ok: z.boolean(),
      count: ZCount,
      head: z.string().nullable().optional(),
      checkpoints: z.unknown().optional(),
      problem: z.string().nullable().optional(),
      brokenAt: z.string().nullable().optional(),
    }),
  }),

  // Members
  event("member.created", {
    after: z.union([ZMemberSnapshot, z.object({ confidential: z.literal(true) })]),
    metadata: z.object({ via: z.string() }).nullish(),
  }),
  event("member.listed", { after: ZMemberSnapshot }),
  event("member.updated", {
    before: ZMemberSnapshot,
    after: ZMemberSnapshot,
    metadata: z
      .object({ version: z.number().optional(), retired: z.array(ZIdentity).optional(), restored: z.array(ZIdentity).optional() })
      .nullish(),
  }),
  event("member.merged", {
    before: z.object({
      source: z.looseObject({ id: z.string(), displayName: z.string(), identities: z.array(ZIdentity).optional() }),
      target: z.looseObject({ id: z.string(), displayName: z.string(), identities: z.array(ZIdentity).optional() }),
    }),
    after: z.looseObject({ breachesChanged: ZBreachesChanged }),
    metadata: z.object({ sourceId: z.string(), targetId: z.string(), reason: z.string().optional() }).nullish(),
  }),

  // Team accounts
  event("user.created", {
    after: z.object({ email: z.string(), name: z.string(), role: z.string(), active: z.boolean(), hasPassword: z.boolean().optional() }),
  }),
  event("user.role_changed", { before: ZUserState, after: ZUserState }),
  event("user.deactivated", { before: ZUserState, after: ZUserState }),
  event("user.reactivated", { before: ZUserState, after: ZUserState }),
  event("user.member_linked", {
    before: z.object({ member: ZLinkedMember.nullable() }),
    after: z.object({ member: ZLinkedMember, created: z.literal(true).optional() }),
    metadata: z.object({ via: ZIdentity }).nullish(),
  }),
  event("user.member_relinked", {
    before: z.object({ member: ZLinkedMember.nullable() }),
    after: z.object({ member: ZLinkedMember, created: z.literal(true).optional() }),
    metadata: z.object({ via: ZIdentity }).nullish(),
  }),
  event("user.member_unlinked", {
    before: z.object({ member: ZLinkedMember.nullable() }),
    after: z.object({ member: z.null() }),
  }),
  event("user.signed_out_everywhere", { metadata: z.object({ sessions: ZCount }) }),
  event("team.two_factor_requirement_changed", {
    before: z.object({ requireTwoFactor: z.boolean() }),
    after: z.object({ requireTwoFactor: z.boolean() }),
  }),

  // Signing in, sessions, two-factor
  event("auth.signed_in", { metadata: z.object({ method: z.string(), linked: z.boolean().optional() }).nullish() }),
  event("auth.sign_in_failed", { metadata: z.object({ method: z.string().optional(), reason: z.string() }) }),
  event("auth.signed_out", { metadata: z.object({ session: z.string(), browser: z.string().nullable().optional() }).nullish() }),
  event("auth.session_ended", {
    metadata: z.object({ session: z.string(), browser: z.string().nullable().optional(), from: z.string().nullable().optional() }),
  }),
  event("auth.other_sessions_ended", { metadata: z.object({ sessions: ZCount, kept: z.string().nullable().optional() }) }),
  event("auth.throttle_lifted", {
    metadata: z.union([
      z.object({ scope: z.literal("account") }),
      z.object({ scope: z.literal("address"), address: z.string().nullable() }),
    ]),
  }),
  event("auth.two_factor_enrolment_started", {}),
  event("auth.two_factor_enabled", { before: z.object({ twoFactor: z.boolean() }), after: z.object({ twoFactor: z.boolean() }) }),
  event("auth.two_factor_disabled", { before: z.object({ twoFactor: z.boolean() }), after: z.object({ twoFactor: z.boolean() }) }),
  event("auth.recovery_code_used", { metadata: z.object({ left: ZCount }) }),
  event("auth.recovery_codes_regenerated", {}),

  // API tokens
  event("api_token.created", {
    after: z.object({
      owner: ZPerson.optional(),
      name: z.string(),
      scope: z.string().optional(),
      prefix: z.string().optional(),
      expiresAt: ZWhen.nullable().optional(),
    }),
  }),
  event("api_token.revoked", {
    before: z.object({ revokedAt: z.null() }).nullish(),
    after: z.object({ name: z.string(), prefix: z.string().optional(), revokedAt: ZWhen }),
  }),

  // Data keys (the reporter encryption keys)
  event("data_key.rotated", {
    metadata: z.object({ keyId: z.string(), from: z.array(z.string()), reencrypted: ZCount, unreadable: z.record(z.string(), ZCount) }),
  }),
  event("data_key.abandoned", { metadata: z.object({ keyId: z.string(), cases: ZCount }) }),
]);

/** One recorded event as the vocabulary declares it (as read back: dates are ISO strings). */
export type AuditEventData = z.output<typeof ZAuditEvent>;
/** Every action code the app records. */
export type AuditAction = AuditEventData["action"];
/** What a writer passes for one action (dates may be Date objects). */
export type AuditPayloadInput<A extends AuditAction> = Omit<Extract<z.input<typeof ZAuditEvent>, { action: A }>, "action">;
/** The payloads of one action as read back. */
export type PayloadOf<A extends AuditAction> = Omit<Extract<AuditEventData, { action: A }>, "action">;

/** Every action code, in the order declared. */
export const AUDIT_ACTIONS: readonly AuditAction[] = ZAuditEvent.options.map((o) => o.shape.action.value);

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}

const byAction = new Map<string, z.ZodType>(ZAuditEvent.options.map((o) => [o.shape.action.value, o]));

/** The schema of one action's event (action, before, after, metadata). */
export function auditEventSchema(action: AuditAction): z.ZodType {
  return byAction.get(action)!;
}
