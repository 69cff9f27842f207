import { expect, it } from "vitest";
import { verifyChain } from "@/lib/server/audit/verify-chain.ts";
import { signInWithPassword } from "@/lib/server/users/sign-in-with-password.ts";
import { DEMO_PASSWORD, isDatabaseEmpty, seedDemoCommunity } from "@/prisma/demo-community.ts";
import { describeEachBackend } from "./harness.ts";

describeEachBackend("demo data", ({ db }) => {
  it("fills an empty database with a community that shows every status, level and an active no-contact period", async () => {
    expect(await isDatabaseEmpty()).toBe(true);
    const summary = await seedDemoCommunity();
    expect(await isDatabaseEmpty()).toBe(false);
    const prisma = db().prisma;

    expect(summary.accounts.map((a) => [a.role, a.email])).toEqual([
      ["admin", "admin@example.org"],
      ["moderator", "moderator@example.org"],
      ["viewer", "viewer@example.org"],
    ]);
    for (const account of summary.accounts) {
      expect(await signInWithPassword({ email: account.email, password: DEMO_PASSWORD })).toMatchObject({ id: account.id });
    }

    const statuses = await prisma.case.groupBy({ by: ["status"], _count: true });
    expect(statuses.map((s) => s.status).sort()).toEqual(["closed", "decided", "dismissed", "investigating", "new"]);
    const levels = await prisma.decision.groupBy({ by: ["level"], _count: true });
    expect(levels.map((l) => l.level).sort()).toEqual(["permanent_ban", "reminder", "warning"]);

    const identities = await prisma.memberIdentity.groupBy({ by: ["space"], _count: true });
    expect(identities.map((i) => i.space)).toEqual(expect.arrayContaining(["github", "slack", "email"]));

    const now = new Date();
    const active = await prisma.decision.findMany({
      where: { level: "warning", reversal: { is: null }, noContactStartsAt: { lte: now }, noContactEndsAt: { gt: now } },
      include: { protections: true },
    });
    expect(active.length).toBeGreaterThanOrEqual(1);
    expect(active.every((d) => d.protections.length > 0)).toBe(true);
    expect(await prisma.case.count({ where: { breachOfDecisionId: { not: null } } })).toBeGreaterThanOrEqual(1);
    expect(await prisma.decisionReversal.count()).toBeGreaterThanOrEqual(1);

    // Case numbers are YYYY-NNNN, sequential within each year.
    const cases = await prisma.case.findMany({
      select: { number: true, year: true, sequence: true },
      orderBy: [{ year: "asc" }, { sequence: "asc" }],
    });
    for (const c of cases) expect(c.number).toBe(`${c.year}-${String(c.sequence).padStart(4, "0")}`);
    for (const year of new Set(cases.map((c) => c.year))) {
      expect(cases.filter((c) => c.year === year).map((c) => c.sequence)).toEqual(
        cases.filter((c) => c.year === year).map((_, i) => i + 1),
      );
    }

    // Every record came with its audit event, on one valid chain.
    const events = await prisma.auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(events.filter((e) => e.action === "case.created").length).toBe(summary.cases);
    expect(events.filter((e) => e.action === "decision.recorded").length).toBe(summary.decisions);
    expect(await verifyChain(prisma)).toMatchObject({ ok: true, count: events.length });
  });
});
