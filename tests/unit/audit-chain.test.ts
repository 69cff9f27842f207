import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalEvent, canonicalJson, GENESIS_HASH, hashEvent } from "@/lib/server/audit/chain.ts";

const event = {
  seq: 1n,
  occurredAt: new Date("2026-01-02T03:04:05.678Z"),
  actorType: "user",
  actorUserId: "u1",
  actorTokenId: null,
  actorLabel: "Alex",
  action: "case.created",
  entityType: "case",
  entityId: "c1",
  before: null,
  after: { status: "new", standards: ["harassment"] },
  metadata: null,
  prevHash: GENESIS_HASH,
};

describe("audit hash chain", () => {
  it("serialises objects with sorted keys at every depth, so jsonb key order cannot change a hash", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ when: new Date("2026-01-01T00:00:00Z"), n: 10n })).toBe('{"n":"10","when":"2026-01-01T00:00:00.000Z"}');
  });

  it("any change to a field or to the previous hash changes the event's hash", () => {
    const hash = hashEvent(event);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashEvent({ ...event })).toBe(hash);
    expect(hashEvent({ ...event, after: { standards: ["harassment"], status: "new" } })).toBe(hash);
    expect(hashEvent({ ...event, after: { status: "closed", standards: ["harassment"] } })).not.toBe(hash);
    expect(hashEvent({ ...event, actorLabel: "Someone else" })).not.toBe(hash);
    expect(hashEvent({ ...event, seq: 2n })).not.toBe(hash);
    expect(hashEvent({ ...event, occurredAt: new Date("2026-01-02T03:04:05.679Z") })).not.toBe(hash);
    expect(hashEvent({ ...event, prevHash: "f".repeat(64) })).not.toBe(hash);
  });

  it("the event serialiser writes the same bytes as canonicalJson of the event, so chains written before it still verify", () => {
    const json = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
    const nullable = (arb: fc.Arbitrary<string>) => fc.option(arb, { nil: null });
    fc.assert(
      fc.property(
        fc.record({
          seq: fc.bigInt({ min: 1n, max: 2n ** 62n }),
          occurredAt: fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }),
          actorType: fc.constantFrom("user", "api_token", "system"),
          actorUserId: nullable(fc.uuid()),
          actorTokenId: nullable(fc.uuid()),
          actorLabel: fc.string({ unit: "grapheme" }),
          action: fc.string(),
          entityType: nullable(fc.string()),
          entityId: nullable(fc.string()),
          before: fc.option(json, { nil: null }),
          after: fc.option(json, { nil: null }),
          metadata: fc.option(json, { nil: null }),
          prevHash: fc.stringMatching(/^[0-9a-f]{64}$/),
        }),
        (e) => {
          expect(canonicalEvent(e)).toBe(canonicalJson(e));
          expect(hashEvent(e)).toBe(createHash("sha256").update(canonicalJson(e)).digest("hex"));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
