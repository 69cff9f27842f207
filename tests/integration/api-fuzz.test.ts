import fc from "fast-check";
import { beforeAll, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "@/lib/server/api/read-json-body.ts";
import { configureRateLimit } from "@/lib/server/api/rate-limit.ts";
import { api, caseBody, openApiDocument, RATIONALE, userWithToken, type ApiResponse } from "./api-helpers.ts";
import { describeEachBackend, unique } from "./harness.ts";

/*
 * Thousands of random and malformed bodies to each POST endpoint: only documented 4xx
 * answers (the contract check in api-helpers.ts rejects anything undocumented, 5xx
 * included), and nothing is written.
 */

const RUNS = Number(process.env.API_FUZZ_RUNS || 2000);

/** A mutation that always makes a valid body invalid. */
function mutated(valid: Record<string, unknown>, required: string[]) {
  const keys = Object.keys(valid);
  const notAString = fc.oneof(
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
  );
  return fc.oneof(
    // an unknown field, at the top or inside a nested object
    fc
      .tuple(
        fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !keys.includes(k) && k !== "__proto__"),
        fc.jsonValue(),
      )
      .map(([k, v]) => ({ ...valid, [k]: v })),
    // a required field of the wrong type
    fc
      .tuple(
        fc.constantFrom(...keys),
        notAString.filter((v) => !Array.isArray(v) || v.length > 0),
      )
      .map(([k, v]) => ({
        ...valid,
        [k]: k === "standards" || k === "involved" ? "not-a-list" : k === "subject" ? JSON.stringify(v) : v,
      })),
    // a missing required field
    fc.constantFrom(...required).map((k) => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== k))),
    // a huge string (over every field's limit, under the body limit)
    fc.constantFrom(...keys).map((k) => ({ ...valid, [k]: "x".repeat(25_000) })),
  );
}

const randomBodies = (valid: Record<string, unknown>, required: string[]) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
    { weight: 3, arbitrary: mutated(valid, required).map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: fc.string({ maxLength: 200 }) }, // mostly not JSON at all
    { weight: 1, arbitrary: fc.constantFrom("", "{", "[1,", '{"subject":', "null", "\u0000", '{"a":1}}') },
  );

describeEachBackend("JSON API: random and malformed bodies", ({ db }) => {
  let secret = "";
  let decidable = "";
  beforeAll(async () => {
    configureRateLimit({ capacity: 1e9, perMinute: 1e9 });
    ({ secret } = await userWithToken("moderator", "write"));
    decidable = (await api(secret).createCase(caseBody(unique("gh")))).body.number as string;
  });

  async function counts() {
    const p = db().prisma;
    const [cases, decisions, members, events, protections] = await Promise.all([
      p.case.count(),
      p.decision.count(),
      p.member.count(),
      p.auditEvent.count(),
      p.noContactProtection.count(),
    ]);
    return { cases, decisions, members, events, protections };
  }

  async function documented4xx(path: string) {
    const doc = (await openApiDocument()) as { paths: Record<string, { post: { responses: Record<string, unknown> } }> };
    return Object.keys(doc.paths[path]!.post.responses)
      .map(Number)
      .filter((s) => s >= 400 && s < 500);
  }

  async function fuzz(path: string, send: (body: string) => Promise<ApiResponse>, valid: Record<string, unknown>, required: string[]) {
    const allowed = await documented4xx(path);
    const before = await counts();
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(randomBodies(valid, required), async (body) => {
        const res = await send(body);
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        expect(allowed).toContain(res.status);
        expect(res.body.error).toBeDefined();
      }),
      { numRuns: RUNS },
    );
    // Bodies over 1 MB: declared, and streamed without a Content-Length.
    const huge = JSON.stringify({ ...valid, description: "x".repeat(MAX_BODY_BYTES) });
    const declared = await send(huge);
    expect(declared.status).toBe(400);
    expect(declared.body.error).toMatchObject({ message: "The request body is larger than 1 MB" });
    const streamed = await send(
      new ReadableStream({
        start(controller) {
          for (let i = 0; i < 5; i++) controller.enqueue(new TextEncoder().encode(" ".repeat(300 * 1024)));
          controller.close();
        },
      }) as unknown as string,
    );
    expect(streamed.status).toBe(400);
    expect(streamed.body.error).toMatchObject({ message: "The request body is larger than 1 MB" });
    expect(await counts()).toEqual(before);
    return seen;
  }

  it(`POST /cases answers ${RUNS} random and malformed bodies with documented 4xx only, and writes nothing`, async () => {
    const client = api(secret);
    const seen = await fuzz(
      "/cases",
      (body) => client.createCase(body),
      caseBody(unique("gh"), { involved: [{ space: "slack", handle: "x" }] }),
      ["subject", "space", "occurredAt", "standards", "description"],
    );
    expect([...seen.keys()]).toEqual([400]);
  }, 600_000);

  it(`POST /cases/{number}/decision answers ${RUNS} random and malformed bodies with documented 4xx only, and writes nothing`, async () => {
    const client = api(secret);
    const seen = await fuzz(
      "/cases/{number}/decision",
      (body) => client.decide(decidable, body),
      {
        level: "warning",
        rationale: RATIONALE,
        noContact: { days: 30, protected: [{ space: "github", handle: unique("nobody") }] },
      },
      ["level", "rationale"],
    );
    expect(seen.get(400)).toBeGreaterThan(RUNS / 2);
  }, 600_000);
});
