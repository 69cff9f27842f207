import "server-only";
import type { z } from "zod";
import type { TTokenScope } from "@/lib/schemas/api.ts";
import { AppError, HTTP_STATUS, isAppError } from "../errors.ts";
import { can, type Actor } from "../permissions.ts";
import { clientAddress } from "../client-address.ts";
import { authenticateApiToken, bearerSecret, type ApiCaller } from "../tokens/authenticate-api-token.ts";
import { parseInput } from "../zod-errors.ts";
import { takeAddressRateLimit, takeTokenRateLimit } from "./rate-limit.ts";
import { readJsonBody } from "./read-json-body.ts";
import { isUniqueViolation, raceConflict } from "../unique-violation.ts";

/** What an endpoint answers: a status and a JSON body. */
export type ApiResult = { status: number; body: unknown };

type Options<B extends z.ZodType | undefined, Q extends z.ZodType | undefined> = {
  /** "write" endpoints need a write token whose owner's role may write. */
  scope: TTokenScope;
  body?: B;
  query?: Q;
};

type Input<S> = S extends z.ZodType ? z.infer<S> : undefined;

const NO_STORE = { "cache-control": "no-store" };

export function apiJson(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

export function apiError(error: AppError, headers: Record<string, string> = {}): Response {
  const fields = error.fields && Object.keys(error.fields).length > 0 ? error.fields : undefined;
  return apiJson(HTTP_STATUS[error.code], { error: { code: error.code, message: error.message, ...(fields ? { fields } : {}) } }, headers);
}

function rateLimited(wait: number): Response {
  return apiError(new AppError("rate_limited", `Too many requests: try again in ${wait} seconds`), { "retry-after": String(wait) });
}

/**
 * The one wrapper every /api/v1 route goes through: token authentication (401; calls
 * without a valid token are limited per client address, 429), the token's own limit
 * (keyed on its id, 429), the token's scope (403), the body (≤ 1 MB, JSON, strict schema: 400), then
 * the endpoint, which calls the same domain functions as the pages. AppErrors answer with
 * their code, a unique-constraint race 409; anything else is logged and answers a generic 500, never a stack.
 */
export async function handleApi<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
  request: Request,
  options: Options<B, Q>,
  run: (ctx: { actor: Actor; body: Input<B>; query: Input<Q>; url: URL }) => Promise<ApiResult>,
): Promise<Response> {
  try {
    let caller: ApiCaller;
    try {
      caller = await authenticateApiToken(bearerSecret(request.headers.get("authorization")));
    } catch (error) {
      if (!isAppError(error) || error.code !== "unauthenticated") throw error;
      const wait = await takeAddressRateLimit(clientAddress(request.headers));
      return wait > 0 ? rateLimited(wait) : apiError(error);
    }
    const wait = await takeTokenRateLimit(caller.actor.token.id);
    if (wait > 0) return rateLimited(wait);
    if (options.scope === "write") {
      if (caller.scope !== "write") throw new AppError("forbidden", "This token is read-only: create a write token to make changes");
      if (!can(caller.actor, "case.create"))
        throw new AppError("forbidden", "Your role does not allow this: a viewer's token can never write");
    }
    const url = new URL(request.url);
    const query = (options.query ? parseInput(options.query, Object.fromEntries(url.searchParams)) : undefined) as Input<Q>;
    const body = (options.body ? parseInput(options.body, await readJsonBody(request)) : undefined) as Input<B>;
    const result = await run({ actor: caller.actor, body, query, url });
    return apiJson(result.status, result.body);
  } catch (error) {
    if (isAppError(error)) return apiError(error);
    // A unique-constraint race no domain function named: 409, reload and try again.
    if (isUniqueViolation(error)) return apiError(raceConflict());
    console.error("[api] unexpected error", error);
    return apiJson(500, { error: { code: "internal", message: "Something went wrong on our side: try again later" } });
  }
}

/** Renames the domain's field keys to the API's (e.g. reporter.member.handle → reporter.handle). */
export function renameFields(error: unknown, rename: (key: string) => string): never {
  if (isAppError(error) && error.fields) {
    const fields = Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [rename(k), v]));
    throw new AppError(error.code, error.message, fields);
  }
  throw error;
}
