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
    expect(caseAccess(actor, caseParties)).toBe(access);
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
    { role: "moderator", access: "full", allowed: true, why: "a moderator with full access may" },
    { role: "admin", access: "full", allowed: true, why: "an admin with full access may" },
  ])("$role with $access access: $why", ({ role, access, allowed }) => {
    expect(mayRevealReporter(role, access)).toBe(allowed);
    expect(mayWorkCase(role, access)).toBe(allowed);
  });

  it("the table above covers every role and every access", () => {
    const accesses: CaseAccess[] = ["hidden", "recused", "full"];
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
    const access = caseAccess(actor, parties);
    expect(mayRevealReporter(role, access)).toBe(reveal);
    expect(mayWorkCase(role, access)).toBe(work);
  });
});
