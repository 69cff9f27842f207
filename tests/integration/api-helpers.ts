import { expect } from "vitest";
import type { z } from "zod";
import { GET as getCaseRoute } from "@/app/api/v1/cases/[number]/route.ts";
import { POST as decideRoute } from "@/app/api/v1/cases/[number]/decision/route.ts";
import { POST as createCaseRoute } from "@/app/api/v1/cases/route.ts";
import { GET as decisionsRoute } from "@/app/api/v1/decisions/route.ts";
import { GET as lookupRoute } from "@/app/api/v1/members/lookup/route.ts";
import { GET as openApiRoute } from "@/app/api/v1/openapi.json/route.ts";
import {
  ZApiCaseResponse,
  ZApiCreateCaseResponse,
  ZApiDecisionListResponse,
  ZApiDecisionResponse,
  ZApiError,
  ZApiMemberLookupResponse,
} from "@/lib/schemas/api.ts";
import type { Actor } from "@/lib/server/permissions.ts";
import { createApiToken } from "@/lib/server/tokens/create-api-token.ts";
import { linkUserMember } from "@/lib/server/users/link-user-member.ts";
import { createUser } from "@/lib/server/users/create-user.ts";
import type { TRole } from "@/lib/schemas/vocabulary.ts";
import { unique } from "./harness.ts";
import { DAY } from "@/lib/policy/durations.ts";

/*
 * Calls the /api/v1 route handlers directly, and checks every response against the
 * OpenAPI document: its path, method and status must be documented, and its body must
 * match both the document's JSON Schema and the zod schema it was generated from.
 */

const BASE = "http://localhost:3000/api/v1";
export const system = { system: true as const, label: "test" };

type Json = Record<string, unknown>;
export type ApiResponse = { status: number; body: Json; headers: Headers };

let documentCache: Json | undefined;
export async function openApiDocument(): Promise<Json> {
  documentCache ??= (await (await openApiRoute()).json()) as Json;
  return documentCache;
}

/* A small JSON Schema (2020-12) checker for the keywords z.toJSONSchema emits. */
export function schemaErrors(schema: Json, value: unknown, root: Json, path = "$"): string[] {
  if (typeof schema.$ref === "string") {
    const target = schema.$ref
      .replace(/^#\//, "")
      .split("/")
      .reduce<unknown>((node, key) => (node as Json)[key], root);
    return schemaErrors(target as Json, value, root, path);
  }
  const errors: string[] = [];
  const typeOf = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : Number.isInteger(v) ? "integer" : typeof v);
  if (schema.type !== undefined) {
    const types = ([] as unknown[]).concat(schema.type);
    const t = typeOf(value);
    if (!types.includes(t) && !(t === "integer" && types.includes("number"))) return [`${path}: expected ${types.join("|")}, got ${t}`];
  }
  if (schema.const !== undefined && value !== schema.const) errors.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
  for (const key of ["anyOf", "oneOf"] as const) {
    const options = schema[key] as Json[] | undefined;
    if (options) {
      const matches = options.filter((o) => schemaErrors(o, value, root, path).length === 0).length;
      if (key === "anyOf" ? matches === 0 : matches !== 1) errors.push(`${path}: matches ${matches} of ${key}`);
    }
  }
  for (const sub of (schema.allOf as Json[] | undefined) ?? []) errors.push(...schemaErrors(sub, value, root, path));
  if (typeof value === "string") {
    if (typeof schema.minLength === "number" && [...value].length < schema.minLength) errors.push(`${path}: too short`);
    if (typeof schema.maxLength === "number" && [...value].length > schema.maxLength) errors.push(`${path}: too long`);
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) errors.push(`${path}: does not match pattern`);
  }
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) errors.push(`${path}: below minimum`);
    if (typeof schema.maximum === "number" && value > schema.maximum) errors.push(`${path}: above maximum`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems) errors.push(`${path}: too few items`);
    if (typeof schema.maxItems === "number" && value.length > schema.maxItems) errors.push(`${path}: too many items`);
    if (schema.items) value.forEach((item, i) => errors.push(...schemaErrors(schema.items as Json, item, root, `${path}[${i}]`)));
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const obj = value as Json;
    const props = (schema.properties as Record<string, Json> | undefined) ?? {};
    for (const key of (schema.required as string[] | undefined) ?? []) if (!(key in obj)) errors.push(`${path}.${key}: required`);
    for (const [key, v] of Object.entries(obj)) {
      if (props[key]) errors.push(...schemaErrors(props[key], v, root, `${path}.${key}`));
      else if (schema.additionalProperties === false) errors.push(`${path}.${key}: not allowed`);
      else if (typeof schema.additionalProperties === "object")
        errors.push(...schemaErrors(schema.additionalProperties as Json, v, root, `${path}.${key}`));
    }
  }
  return errors;
}

/** Every response is checked: documented path + method + status, and a body that matches the document and the zod schema. */
async function contract(path: string, method: "get" | "post", response: Response, success: z.ZodType): Promise<ApiResponse> {
  const text = await response.text();
  const body = JSON.parse(text) as Json;
  const doc = await openApiDocument();
  const operation = (doc.paths as Record<string, Record<string, Json>>)[path]?.[method];
  expect(operation, `${method.toUpperCase()} ${path} is documented`).toBeDefined();
  const documented = (operation!.responses as Record<string, Json>)[String(response.status)];
  expect(documented, `${method.toUpperCase()} ${path} documents status ${response.status}: ${text.slice(0, 300)}`).toBeDefined();
  const schema = (documented!.content as Record<string, { schema: Json }>)["application/json"]!.schema;
  expect(schemaErrors(schema, body, doc), `${response.status} body matches the document`).toEqual([]);
  const zod = response.status < 300 ? success : ZApiError;
  const parsed = zod.safeParse(body);
  expect(parsed.success, `${response.status} body matches the zod schema: ${parsed.error?.message}`).toBe(true);
  if (response.status === 429) expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(response.headers.get("cache-control")).toBe("no-store");
  return { status: response.status, body, headers: response.headers };
}

export function auth(token: string | null): Record<string, string> {
  return token === null ? {} : { authorization: `Bearer ${token}` };
}

/** The API as a client sees it, for one token (null: no Authorization header). */
export function api(token: string | null) {
  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    new Request(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...auth(token), ...headers },
      body: typeof body === "string" || body instanceof ReadableStream ? body : JSON.stringify(body),
      // A streamed body (no Content-Length) needs this in Node's fetch.
      duplex: "half",
    } as RequestInit);
  const get = (url: string) => new Request(url, { headers: auth(token) });
  const qs = (query: Record<string, string>) => new URLSearchParams(query).toString();
  const params = (number: string) => ({ params: Promise.resolve({ number }) });
  return {
    lookup: async (query: Record<string, string>) =>
      contract("/members/lookup", "get", await lookupRoute(get(`${BASE}/members/lookup?${qs(query)}`)), ZApiMemberLookupResponse),
    createCase: async (body: unknown, headers?: Record<string, string>) =>
      contract("/cases", "post", await createCaseRoute(post(`${BASE}/cases`, body, headers)), ZApiCreateCaseResponse),
    getCase: async (number: string) =>
      contract(
        "/cases/{number}",
        "get",
        await getCaseRoute(get(`${BASE}/cases/${encodeURIComponent(number)}`), params(number)),
        ZApiCaseResponse,
      ),
    decide: async (number: string, body: unknown, headers?: Record<string, string>) =>
      contract(
        "/cases/{number}/decision",
        "post",
        await decideRoute(post(`${BASE}/cases/${encodeURIComponent(number)}/decision`, body, headers), params(number)),
        ZApiDecisionResponse,
      ),
    decisions: async (query: Record<string, string> = {}) =>
      contract("/decisions", "get", await decisionsRoute(get(`${BASE}/decisions?${qs(query)}`)), ZApiDecisionListResponse),
  };
}

/** A new team member (optionally with their own member record) and one token of theirs. */
export async function userWithToken(role: TRole, scope: "read" | "write" = "write", options: { memberId?: string; days?: number } = {}) {
  const user = await createUser({ actor: system, input: { email: `${unique()}@example.org`, name: `${role} ${unique()}`, role } });
  // Linked as an admin links it (the Team page's domain function): the token acts under the link.
  if (options.memberId) await linkUserMember({ actor: system, input: { userId: user.id, member: { memberId: options.memberId } } });
  const actor: Actor = { id: user.id, role, name: user.name, memberId: options.memberId ?? null };
  const token = await createApiToken({ actor, input: { name: `bot ${unique()}`, scope, days: options.days } });
  return { user, actor, token, secret: token.secret };
}

export const RATIONALE = "Repeated dismissive remarks toward a newcomer in review: unwelcome behaviour under the guidelines.";

/** A valid POST /cases body against a GitHub handle. */
export function caseBody(subjectHandle: string, overrides: Json = {}): Json {
  return {
    subject: { space: "github", handle: subjectHandle },
    space: "github",
    occurredAt: new Date(Date.now() - DAY).toISOString(),
    standards: ["unprofessional"],
    description: `Dismissive comment ${unique("w")}`,
    ...overrides,
  };
}
