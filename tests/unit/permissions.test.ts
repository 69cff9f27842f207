import { describe, expect, it } from "vitest";
import { assertCan, can } from "@/lib/server/permissions.ts";

describe("role permissions", () => {
  const admin = { role: "admin" as const };
  const moderator = { role: "moderator" as const };
  const viewer = { role: "viewer" as const };

  it("viewers can read but never write or see a reporter", () => {
    expect(can(viewer, "case.view")).toBe(true);
    expect(can(viewer, "dashboard.view")).toBe(true);
    for (const write of ["case.create", "case.update", "decision.create", "member.update", "case.reveal_reporter"] as const) {
      expect(can(viewer, write)).toBe(false);
    }
  });

  it("moderators work cases but only admins reverse decisions, manage users or read the audit log", () => {
    expect(can(moderator, "decision.create")).toBe(true);
    expect(can(moderator, "decision.reverse")).toBe(false);
    expect(can(moderator, "user.manage")).toBe(false);
    expect(can(moderator, "audit.view")).toBe(false);
    expect(can(admin, "decision.reverse")).toBe(true);
    expect(can(admin, "user.manage")).toBe(true);
  });

  it("no actor can do nothing; assertCan names why", () => {
    expect(can(null, "case.view")).toBe(false);
    expect(() => assertCan(null, "case.view")).toThrow(expect.objectContaining({ code: "unauthenticated" }));
    expect(() => assertCan(viewer, "case.create")).toThrow(expect.objectContaining({ code: "forbidden" }));
    expect(() => assertCan(admin, "case.create")).not.toThrow();
  });
});
