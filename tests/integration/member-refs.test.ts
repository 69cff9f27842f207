import { expect, it } from "vitest";
import { resolveMemberRef } from "@/lib/server/members/resolve-member-ref.ts";
import { describeEachBackend, unique } from "./harness.ts";

describeEachBackend("members named by handle", ({ db }) => {
  it("requests naming the same new handle at the same moment all resolve to one new member, none fails", async () => {
    const handle = unique("new");
    const actor = { type: "system" as const, label: "test" };
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        db().prisma.$transaction((tx) =>
          resolveMemberRef(tx, { space: "github", handle: `@${handle.toUpperCase()}`, displayName: "Newcomer" }, actor),
        ),
      ),
    );
    const identities = await db().prisma.memberIdentity.findMany({ where: { space: "github", handleNormalized: handle.toLowerCase() } });
    expect(identities).toHaveLength(1);
    expect(new Set(results.map((r) => r.id))).toEqual(new Set([identities[0]!.memberId]));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db().prisma.member.count({ where: { displayName: "Newcomer", identities: { none: {} } } })).toBe(0);
    expect(await db().prisma.auditEvent.count({ where: { action: "member.created", entityId: identities[0]!.memberId } })).toBe(1);
  });
});
