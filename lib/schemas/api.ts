import { z } from "zod";
import { PROTECTED_ROLES } from "@/lib/policy/protected-people.ts";
import { ZDescription, ZEvidenceUrl } from "./case.ts";
import { ZDisplayName, ZHandle } from "./member.ts";
import { LEVELS, STANDARDS, ZCaseNumber, ZCaseStatus, ZLevel, ZSpace, ZStanding } from "./vocabulary.ts";

/*
 * The JSON API (/api/v1): request and response schemas, built from the shared ones so the
 * API, the forms and the OpenAPI document (lib/server/api/openapi.ts) cannot drift apart.
 * Request objects are strict: an unknown field is a 400, never silently ignored.
 */

/* Personal API tokens */

export const TOKEN_SCOPES = ["read", "write"] as const;
export const ZTokenScope = z.enum(TOKEN_SCOPES, { error: "Choose read or write" });
export type TTokenScope = z.infer<typeof ZTokenScope>;
export const TOKEN_SCOPE_LABELS: Record<TTokenScope, string> = { read: "Read", write: "Write" };
export const MAX_TOKEN_DAYS = 3650;

const blankToUndefined = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);

export const ZCreateApiTokenSchema = z.object({
  name: z.string({ error: "Name the token" }).trim().min(1, "Name the token").max(100, "Use at most 100 characters"),
  scope: ZTokenScope,
  /** Days until it expires; empty: never. */
  days: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "Enter a number of days" })
      .int("Use whole days")
      .min(1, "At least 1 day")
      .max(MAX_TOKEN_DAYS, `At most ${MAX_TOKEN_DAYS} days`)
      .optional(),
  ),
});
export type TCreateApiToken = z.input<typeof ZCreateApiTokenSchema>;

export const ZRevokeApiTokenSchema = z.object({ tokenId: z.uuid("Unknown token") });

/* Requests */

const isoDateTime = z.iso.datetime({ offset: true, error: "Use an ISO 8601 date-time, e.g. 2026-05-01T14:30:00Z" });
const isoDay = z.iso.date({ error: "Use a date like 2026-05-01" });

export const ZApiHandleRef = z.object({ space: ZSpace, handle: ZHandle }).strict();
export const ZApiSubjectRef = z.object({ space: ZSpace, handle: ZHandle, displayName: ZDisplayName.optional() }).strict();

/** Who reported it: a member by handle, a contact, or anonymous. Never returned by the API. */
export const ZApiReporter = z.union(
  [
    ZApiSubjectRef,
    z.object({ anonymous: z.literal(true) }).strict(),
    z
      .object({
        name: z.string().trim().min(1).max(200, "Use at most 200 characters").optional(),
        email: z.email("Enter a valid email address").max(320).optional(),
      })
      .strict(),
  ],
  { error: "Give the reporter as {space, handle}, {name?, email?} or {anonymous: true}" },
);

export const ZApiCreateCase = z
  .object({
    subject: ZApiSubjectRef,
    reporter: ZApiReporter.optional(),
    involved: z.array(ZApiSubjectRef).max(50, "Name at most 50 involved people").optional(),
    space: ZSpace,
    occurredAt: isoDateTime,
    standards: z.array(z.enum(STANDARDS, { error: "Choose standards from the list" })).min(1, "Choose at least one standard violated"),
    description: ZDescription,
    evidence: z.array(ZEvidenceUrl).max(50, "Add at most 50 links").optional(),
  })
  .strict();
export type TApiCreateCase = z.infer<typeof ZApiCreateCase>;

export const ZApiRecordDecision = z
  .object({
    level: z.union([ZLevel, z.literal("none")], { error: "Choose reminder, warning, permanent_ban or none" }),
    rationale: z.string().trim().max(20_000, "Use at most 20000 characters"),
    justification: z.string().trim().max(20_000, "Use at most 20000 characters").optional(),
    publicSummary: z.string().trim().max(5_000, "Use at most 5000 characters").optional(),
    noContact: z
      .object({
        days: z.number().int("Use whole days").min(1, "At least 1 day").max(3650, "At most 3650 days (10 years)"),
        startsAt: isoDateTime.optional(),
        protected: z.array(ZApiHandleRef).max(100, "At most 100 people"),
        /** Also protect, by role: the case's reporter (never named), the deciding moderator (the token's owner) and the assignee. */
        protect: z
          .array(z.enum(PROTECTED_ROLES, { error: "Use reporter, decider or assignee" }))
          .max(PROTECTED_ROLES.length)
          .optional(),
      })
      .strict()
      .optional(),
    /** The case version you read (GET /cases/{number}); a newer version answers 409. */
    version: z.number().int().min(1).optional(),
  })
  .strict();
export type TApiRecordDecision = z.infer<typeof ZApiRecordDecision>;

export const ZApiLookupQuery = z.object({ space: ZSpace, handle: ZHandle }).strict();

export const API_DECISIONS_PAGE_SIZE = 50;
export const ZApiDecisionsQuery = z
  .object({
    from: isoDay.optional(),
    to: isoDay.optional(),
    level: z.enum([...LEVELS, "none"], { error: "Choose reminder, warning, permanent_ban or none" }).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
  })
  .strict();

/* Responses: every date is an ISO 8601 string in UTC. */

const isoOut = z.iso.datetime();
const ZIdentity = z.object({ space: ZSpace, handle: z.string() }).strict();
const ZMemberSummary = z.object({ id: z.uuid(), displayName: z.string(), identities: z.array(ZIdentity) }).strict();

export const ZApiStanding = z.object({ status: ZStanding, noContactUntil: isoOut.optional() }).strict();

export const ZApiMemberLookupResponse = z
  .object({
    id: z.uuid(),
    displayName: z.string(),
    identities: z.array(ZIdentity),
    standing: ZApiStanding,
    cases: z.array(
      z
        .object({
          number: ZCaseNumber,
          status: ZCaseStatus,
          openedAt: isoOut,
          decision: z.object({ level: ZLevel.nullable(), decidedAt: isoOut }).strict().optional(),
        })
        .strict(),
    ),
  })
  .strict();

export const ZApiRecommendation = z.object({ level: ZLevel, reasons: z.array(z.string()) }).strict();

export const ZApiCreateCaseResponse = z
  .object({
    id: z.uuid(),
    number: ZCaseNumber,
    status: z.literal("new"),
    url: z.string(),
    /**
     * Whether the case breaches an active Warning's no-contact terms; null, like the
     * recommendation, when the case is about the token's owner: whom a Warning about them
     * protects is not theirs to learn.
     */
    breach: z.boolean().nullable(),
    /** null only when the case is about the token's owner (they never see it). */
    recommendation: ZApiRecommendation.nullable(),
    /**
     * Handles in the request that only look like another member's (the same Unicode confusable
     * skeleton): check that the case is about the right person. Empty when none.
     */
    lookAlikes: z.array(
      z
        .object({
          field: z.string(),
          handle: z.string(),
          looksLike: z.array(z.object({ space: ZSpace, handle: z.string(), displayName: z.string(), retired: z.boolean() }).strict()),
        })
        .strict(),
    ),
  })
  .strict();

const ZApiDecisionSummary = z
  .object({
    id: z.uuid(),
    level: ZLevel.nullable(),
    recommendedLevel: ZLevel.nullable(),
    decidedAt: isoOut,
    noContact: z.object({ startsAt: isoOut, endsAt: isoOut }).strict().nullable(),
    reversed: z.boolean(),
  })
  .strict();

export const ZApiCaseResponse = z
  .object({
    id: z.uuid(),
    number: ZCaseNumber,
    status: ZCaseStatus,
    version: z.number().int(),
    /** "recused": the token's owner is the reporter or involved, and may not decide it. */
    access: z.enum(["full", "recused"]),
    space: ZSpace,
    occurredAt: isoOut,
    loggedAt: isoOut,
    standards: z.array(z.string()),
    description: z.string(),
    subject: ZMemberSummary,
    involved: z.array(ZMemberSummary),
    evidence: z.array(z.string()),
    /** caseNumber is null when the breached Warning's case is restricted to a case team the owner is not on. */
    breach: z.object({ caseNumber: ZCaseNumber.nullable() }).strict().nullable(),
    /** null for a token that may not decide the case (a viewer's, or one recused from it): only deciders need the ladder's reasons. */
    recommendation: ZApiRecommendation.nullable(),
    decisions: z.array(ZApiDecisionSummary),
  })
  .strict();

export const ZApiDecisionResponse = z
  .object({
    decision: z
      .object({
        id: z.uuid(),
        caseNumber: ZCaseNumber,
        level: ZLevel.nullable(),
        recommended: ZLevel,
        deviation: z.boolean(),
        decidedAt: isoOut,
        noContact: z.object({ startsAt: isoOut, endsAt: isoOut }).strict().nullable(),
      })
      .strict(),
    standing: ZApiStanding,
  })
  .strict();

export const ZApiDecisionListResponse = z
  .object({
    decisions: z.array(
      z
        .object({
          id: z.uuid(),
          caseNumber: ZCaseNumber,
          level: ZLevel.nullable(),
          recommendedLevel: ZLevel.nullable(),
          deviation: z.boolean(),
          decidedAt: isoOut,
          space: ZSpace,
          standards: z.array(z.string()),
          subject: z.object({ id: z.uuid(), displayName: z.string() }).strict(),
          noContact: z.object({ startsAt: isoOut, endsAt: isoOut }).strict().nullable(),
          publicSummary: z.string().nullable(),
          reversed: z.boolean(),
        })
        .strict(),
    ),
    /** Pass as ?cursor= for the next page; null on the last page. */
    nextCursor: z.string().nullable(),
  })
  .strict();

export const API_ERROR_CODES = [
  "invalid",
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "rule",
  "rate_limited",
  "internal",
] as const;
export const ZApiError = z
  .object({
    error: z
      .object({
        code: z.enum(API_ERROR_CODES),
        message: z.string(),
        /** A message per field, keyed by its dotted path ("subject.handle"); "_" for the body as a whole. */
        fields: z.record(z.string(), z.string()).optional(),
      })
      .strict(),
  })
  .strict();
export type TApiError = z.infer<typeof ZApiError>;
