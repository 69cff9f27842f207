import { expect, it } from "vitest";
import { getDashboardSummary, lastTwelveMonths } from "@/lib/server/dashboard/get-dashboard-summary.ts";
import { seedDemoCommunity } from "@/prisma/demo-community.ts";
import { describeEachBackend } from "./harness.ts";

describeEachBackend("dashboard", ({ db }) => {
  it("shows what needs attention, and hides from a moderator every case they are the subject of", async () => {
    const demo = await seedDemoCommunity();
    const prisma = db().prisma;
    const admin = demo.accounts.find((a) => a.role === "admin")!;
    const adminActor = { id: admin.id, name: admin.name, role: "admin" as const, memberId: null };

    const s = await getDashboardSummary(adminActor);
    const newUnassigned = await prisma.case.count({ where: { status: "new", assigneeId: null } });
    expect(s.counts.newUnassigned).toBe(newUnassigned);
    expect(s.newUnassigned.map((c) => c.number)).toHaveLength(Math.min(5, newUnassigned));
    expect(s.counts.awaitingDecision).toBe(await prisma.case.count({ where: { status: "investigating" } }));
    expect(s.breaches).toEqual([expect.objectContaining({ memberName: "Morgan Blake" })]);
    expect(s.endingSoon).toEqual([expect.objectContaining({ memberName: "Taylor Brooks", daysLeft: expect.any(Number) })]);
    expect(s.endingSoon[0]!.daysLeft).toBeLessThanOrEqual(14);

    // The trend counts every case logged and every decision of the last 12 months, by level.
    expect(s.trend.map((t) => t.month)).toEqual(lastTwelveMonths(new Date()));
    const since = new Date(`${s.trend[0]!.month}-01T00:00:00Z`);
    expect(s.trend.reduce((n, t) => n + t.cases, 0)).toBe(await prisma.case.count({ where: { createdAt: { gte: since } } }));
    expect(s.trend.reduce((n, t) => n + t.decisions.warning, 0)).toBe(
      await prisma.decision.count({ where: { level: "warning", decidedAt: { gte: since } } }),
    );

    // A moderator who is Morgan Blake never sees Morgan's cases, not even as numbers.
    const morgan = await prisma.member.findFirstOrThrow({ where: { displayName: "Morgan Blake" } });
    const morganCases = await prisma.case.count({ where: { subjectId: morgan.id, createdAt: { gte: since } } });
    const asMorgan = await getDashboardSummary({ ...adminActor, role: "moderator", memberId: morgan.id });
    expect(asMorgan.breaches).toEqual([]);
    expect(asMorgan.counts.newUnassigned).toBe(s.counts.newUnassigned - 1);
    expect(asMorgan.newUnassigned.map((c) => c.subjectName)).not.toContain("Morgan Blake");
    expect(asMorgan.trend.reduce((n, t) => n + t.cases, 0)).toBe(s.trend.reduce((n, t) => n + t.cases, 0) - morganCases);
  });
});
