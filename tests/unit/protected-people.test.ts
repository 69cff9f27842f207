import { describe, expect, it } from "vitest";
import { protectedPeople, REPORTER_LABEL } from "@/lib/policy/protected-people.ts";

/*
 * The Warning's protected people, as every page lists them: the reporter by role only, the
 * enforcing moderators by role, the rest by name. Two situations a reader could tell apart
 * would tell them who reported.
 */

const involved = { id: "m-involved", displayName: "Casey Liu", named: true };
const decider = { name: "Sam Okafor", memberId: "m-sam" };
const assignee = { name: "Alex Rivera", memberId: "m-alex" };

describe("protectedPeople", () => {
  it("names the involved, the reporter only by role, and the enforcing moderators by their roles", () => {
    const people = protectedPeople({
      protectedMembers: [
        involved,
        { id: "m-reporter", displayName: "Dana Whitfield", named: false },
        { id: "m-sam", displayName: "Sam O.", named: true },
      ],
      roles: ["reporter", "decider"],
      involvedMemberIds: ["m-involved"],
      decider,
      assignee: null,
    });
    expect(people).toEqual([
      { memberId: "m-involved", label: "Casey Liu", role: "involved" },
      { memberId: null, label: REPORTER_LABEL, role: "reporter" },
      { memberId: "m-sam", label: "Sam Okafor (deciding moderator)", role: "decider" },
    ]);
    expect(JSON.stringify(people)).not.toContain("Dana");
  });

  it("an assignee who is the reporter reads exactly like an assignee who is not", () => {
    const same = protectedPeople({
      protectedMembers: [involved, { id: "m-alex", displayName: "Alex R.", named: true }],
      roles: ["reporter", "assignee"],
      involvedMemberIds: ["m-involved"],
      decider: null,
      assignee,
    });
    const different = protectedPeople({
      protectedMembers: [
        involved,
        { id: "m-reporter", displayName: "Dana", named: false },
        { id: "m-alex", displayName: "Alex R.", named: true },
      ],
      roles: ["reporter", "assignee"],
      involvedMemberIds: ["m-involved"],
      decider: null,
      assignee,
    });
    expect(same).toEqual(different);
  });

  it("someone protected by name stays named, even when they are the reporter (whoever named them knew them)", () => {
    const people = protectedPeople({
      protectedMembers: [{ id: "m-reporter", displayName: "Dana Whitfield", named: true }],
      roles: [],
      involvedMemberIds: [],
      decider: null,
      assignee: null,
    });
    expect(people).toEqual([{ memberId: "m-reporter", label: "Dana Whitfield", role: "named" }]);
  });

  it("a role line appears only when its person is protected; the same moderator deciding and assigned is listed once", () => {
    expect(
      protectedPeople({
        protectedMembers: [involved],
        roles: ["decider", "assignee"],
        involvedMemberIds: ["m-involved"],
        decider,
        assignee,
      }),
    ).toEqual([{ memberId: "m-involved", label: "Casey Liu", role: "involved" }]);
    expect(
      protectedPeople({
        protectedMembers: [{ id: "m-sam", displayName: "Sam", named: true }],
        roles: ["decider", "assignee"],
        involvedMemberIds: [],
        decider,
        assignee: { name: "Sam Okafor", memberId: "m-sam" },
      }),
    ).toEqual([{ memberId: "m-sam", label: "Sam Okafor (deciding moderator)", role: "decider" }]);
  });
});
