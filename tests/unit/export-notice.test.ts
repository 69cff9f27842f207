import { describe, expect, it } from "vitest";
import { buildNoticeText, noticeText, protectedPeopleText, type NoticeInput } from "@/lib/exports/decision-notice.ts";
import { SPACES, STANDARDS } from "@/lib/schemas/vocabulary.ts";

const base: NoticeInput = {
  caseNumber: "2026-0042",
  memberName: "Morgan Blake",
  level: "reminder",
  rationale: "Sarcasm toward a contributor's report is unprofessional and unwelcoming.",
  standards: ["unprofessional"],
  space: "github",
  occurredAt: new Date("2026-03-01T10:00:00Z"),
  decidedAt: new Date("2026-03-04T10:00:00Z"),
  noContact: null,
};

describe("decision notices in the guidelines' words", () => {
  it("a Reminder explains the nature of the violation and why it was inappropriate", () => {
    const n = buildNoticeText(base);
    expect(n.subject).toBe("A private reminder about our Code of Conduct (case 2026-0042)");
    expect(n.body).toContain("This is a private, written reminder from the core team about case 2026-0042, decided on 4 Mar 2026.");
    expect(n.body).toContain(
      "On 1 Mar 2026, your conduct on GitHub went against this standard of our Code of Conduct: conduct inappropriate in a professional setting.",
    );
    expect(n.body.startsWith("Hello Morgan Blake,\n\n")).toBe(true);
    expect(n.body).toContain(`Why it was inappropriate: ${base.rationale}`);
    expect(n.body).not.toMatch(/permanent ban/i);
  });

  it("a Warning states the consequences, the no-contact terms with exact dates and whom they protect, and that breaking them leads to a permanent ban", () => {
    const n = buildNoticeText({
      ...base,
      level: "warning",
      noContact: {
        startsAt: new Date("2026-03-04T10:00:00Z"),
        endsAt: new Date("2026-06-02T10:00:00Z"),
        protected: [
          { kind: "reporter" },
          { kind: "named", name: "Sam Okafor", coreTeam: true },
          { kind: "named", name: "Casey Liu", coreTeam: false },
        ],
      },
    });
    expect(n.body).toContain("consequences for continued behavior");
    expect(n.body).toContain(
      "from 4 Mar 2026 until 2 Jun 2026 (UTC), you must have no interaction with Casey Liu, Sam Okafor (core team) and the person who reported this, including unsolicited interaction with those enforcing the Code of Conduct.",
    );
    expect(n.body).toContain("including unsolicited interaction with those enforcing the Code of Conduct");
    expect(n.body).toContain("external channels like social media");
    expect(n.body).toContain("Violating these terms will lead to a permanent ban.");
  });

  it("the reporter is never named: they are only 'the person who reported this'", () => {
    expect(protectedPeopleText([{ kind: "reporter" }])).toBe("the person who reported this");
    expect(protectedPeopleText([])).toBe("");
  });

  it("a Permanent ban states its scope", () => {
    const n = buildNoticeText({ ...base, level: "permanent_ban", standards: ["harassment", "doxxing"] });
    expect(n.subject).toBe("A permanent ban under our Code of Conduct (case 2026-0042)");
    expect(n.body).toContain("a permanent ban from any sort of public interaction within the community");
    expect(n.body).toContain(
      "On 1 Mar 2026, your conduct on GitHub went against these standards of our Code of Conduct: public or private harassment; and publishing others' private information.",
    );
    expect(n.body).toContain("Why the core team decided this: ");
    expect(noticeText(n)).toMatch(/^Subject: A permanent ban/);
  });

  it("reads as plain sentences for every level, space and standard: no label glued into a sentence, no doubled words", () => {
    for (const level of ["reminder", "warning", "permanent_ban"] as const) {
      for (const space of SPACES) {
        for (const standard of STANDARDS) {
          const { body } = buildNoticeText({ ...base, level, space, standards: [standard] });
          const sentence = body.split("\n\n").find((p) => p.startsWith("On 1 Mar 2026, your conduct "))!;
          expect(sentence, `${level} ${space} ${standard}`).toMatch(/^On 1 Mar 2026, your conduct (on|by|at|in) [a-z ]+? went against /i);
          expect(sentence.endsWith(".")).toBe(true);
          expect(sentence).not.toMatch(/found to be|\.\./);
          // A label never keeps its capital in mid-sentence.
          expect(sentence.split(": ")[1] ?? "", standard).not.toMatch(/^[A-Z]/);
        }
      }
      const other = buildNoticeText({ ...base, level, standards: ["other"] }).body;
      expect(other).toContain("On 1 Mar 2026, your conduct on GitHub went against our Code of Conduct.");
    }
  });

  it("greets a member without a display name of their own without naming a handle", () => {
    expect(buildNoticeText({ ...base, memberName: null }).body.startsWith("Hello,\n\n")).toBe(true);
    expect(buildNoticeText({ ...base, memberName: "  " }).body.startsWith("Hello,\n\n")).toBe(true);
  });
});
