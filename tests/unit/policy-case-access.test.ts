import { describe, expect, it } from "vitest";
import { caseAccess, mayRevealReporter, mayWorkCase, type CaseAccess, type CaseParties } from "@/lib/policy/case-access.ts";
import { ROLES, type TRole } from "@/lib/schemas/vocabulary.ts";

/*
 * DESIGN.md rule 5: "Core team members are community members too. A moderator who is the
 * subject of a case never sees it anywhere. One who is its reporter or an involved party is
 * recused: they cannot see the reporter's identity, decide, or edit that case."
 * And "Who uses it": viewers "see cases and decisions but never a reporter's identity".
 * The guidelines' Reporting section: the core team "is obligated to respect the privacy and
 * security of the reporter of any incident".
 */

const parties: CaseParties = { subjectId: "subject", reporterMemberId: "reporter", involvedMemberIds: ["involved-1", "involved-2"] };

describe("caseAccess: what a core team member who is also a community member may see (DESIGN.md rule 5)", () => {
  it.each<{ title: string; actor: string | null | undefined; parties: CaseParties; access: CaseAccess }>([
    { title: "the subject of a case never sees it → hidden", actor: "subject", parties, access: "hidden" },
    {
      title: "being the subject wins over being listed as reporter or involved → hidden",
      actor: "subject",
      parties: { subjectId: "subject", reporterMemberId: "subject", involvedMemberIds: ["subject"] },
      access: "hidden",
    },
    { title: "the reporter is recused → recused", actor: "reporter", parties, access: "recused" },
    { title: "an involved person is recused → recused", actor: "involved-2", parties, access: "recused" },
    {
      title: "a reporter who is also involved is recused → recused",
      actor: "reporter",
      parties: { ...parties, involvedMemberIds: ["reporter"] },
      access: "recused",
    },
    { title: "an unrelated member works the case → full", actor: "bystander", parties, access: "full" },
    {
      title: "an anonymous report (no reporter member) does not recuse an unrelated member → full",
      actor: "bystander",
      parties: { ...parties, reporterMemberId: null },
      access: "full",
    },
    {
      title: "a case with nobody involved does not recuse an unrelated member → full",
      actor: "bystander",
      parties: { ...parties, involvedMemberIds: [] },
      access: "full",
    },
    { title: "a user with no linked member (null) is no party to any case → full", actor: null, parties, access: "full" },
    { title: "a user with no linked member (undefined) is no party to any case → full", actor: undefined, parties, access: "full" },
    {
      title: "a user with no linked member stays full on an anonymous report → full",
      actor: null,
      parties: { ...parties, reporterMemberId: null },
      access: "full",
    },
  ])("$title", ({ actor, parties: caseParties, access }) => {
    expect(caseAccess({ userId: "u1", memberId: actor ?? null, role: "moderator" }, caseParties)).toBe(access);
  });
});

describe("caseAccess: a restricted case is seen only by its case team (need to know)", () => {
  const restricted: CaseParties = { ...parties, restricted: true, teamUserIds: ["on-team"] };
  it.each<{ title: string; userId: string; memberId: string | null; role: TRole; access: CaseAccess }>([
    { title: "a moderator on the case team works it → full", userId: "on-team", memberId: null, role: "moderator", access: "full" },
    { title: "a moderator outside the team finds nothing → hidden", userId: "other", memberId: null, role: "moderator", access: "hidden" },
    { title: "a viewer outside the team finds nothing → hidden", userId: "other", memberId: null, role: "viewer", access: "hidden" },
    { title: "an admin outside the team sees that it exists → stub", userId: "other", memberId: null, role: "admin", access: "stub" },
    {
      title: "the subject on the team still never sees it → hidden",
      userId: "on-team",
      memberId: "subject",
      role: "admin",
      access: "hidden",
    },
    {
      title: "the subject outside the team, even an admin → hidden",
      userId: "other",
      memberId: "subject",
      role: "admin",
      access: "hidden",
    },
    {
      title: "an involved person on the team is recused → recused",
      userId: "on-team",
      memberId: "involved-1",
      role: "admin",
      access: "recused",
    },
    { title: "an involved admin outside the team → stub", userId: "other", memberId: "involved-1", role: "admin", access: "stub" },
  ])("$title", ({ userId, memberId, role, access }) => {
    expect(caseAccess({ userId, memberId, role }, restricted)).toBe(access);
  });

  it("an unrestricted case ignores the team list", () => {
    expect(caseAccess({ userId: "other", memberId: null, role: "viewer" }, { ...parties, teamUserIds: ["on-team"] })).toBe("full");
  });

  it("the system (command-line tools) has full access", () => {
    expect(caseAccess({ system: true }, restricted)).toBe("full");
  });
});

describe("mayRevealReporter / mayWorkCase: the role × access table", () => {
  // Viewers never see a reporter or work a case; a recused or hidden moderator neither.
  it.each<{ role: TRole; access: CaseAccess; allowed: boolean; why: string }>([
    { role: "viewer", access: "full", allowed: false, why: "a viewer never" },
    { role: "viewer", access: "recused", allowed: false, why: "a viewer never" },
    { role: "viewer", access: "hidden", allowed: false, why: "a viewer never" },
    { role: "moderator", access: "recused", allowed: false, why: "a recused moderator never" },
    { role: "admin", access: "recused", allowed: false, why: "a recused admin never" },
    { role: "moderator", access: "hidden", allowed: false, why: "the subject never" },
    { role: "admin", access: "hidden", allowed: false, why: "the subject never, even an admin" },
    { role: "admin", access: "stub", allowed: false, why: "an admin outside a restricted case's team never, until they join" },
    { role: "moderator", access: "full", allowed: true, why: "a moderator with full access may" },
    { role: "admin", access: "full", allowed: true, why: "an admin with full access may" },
  ])("$role with $access access: $why", ({ role, access, allowed }) => {
    expect(mayRevealReporter(role, access)).toBe(allowed);
    expect(mayWorkCase(role, access)).toBe(allowed);
  });

  it("the table above covers every role and every access", () => {
    const accesses: CaseAccess[] = ["hidden", "stub", "recused", "full"];
    for (const role of ROLES) {
      for (const access of accesses) {
        const allowed = access === "full" && role !== "viewer";
        expect(mayRevealReporter(role, access), `${role}/${access}`).toBe(allowed);
        expect(mayWorkCase(role, access), `${role}/${access}`).toBe(allowed);
      }
    }
  });

  it.each<{ title: string; actor: string; role: TRole; reveal: boolean; work: boolean }>([
    {
      title: "a moderator who reported the incident may neither reveal the reporter nor decide",
      actor: "reporter",
      role: "moderator",
      reveal: false,
      work: false,
    },
    {
      title: "an admin involved in the incident may neither reveal the reporter nor decide",
      actor: "involved-1",
      role: "admin",
      reveal: false,
      work: false,
    },
    { title: "an unrelated moderator may reveal the reporter and decide", actor: "bystander", role: "moderator", reveal: true, work: true },
    { title: "an unrelated viewer may do neither", actor: "bystander", role: "viewer", reveal: false, work: false },
  ])("end to end: $title", ({ actor, role, reveal, work }) => {
    const access = caseAccess({ userId: "u1", memberId: actor, role }, parties);
    expect(mayRevealReporter(role, access)).toBe(reveal);
    expect(mayWorkCase(role, access)).toBe(work);
  });
});
