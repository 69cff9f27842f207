import { expect, it } from "vitest";
import { addNote } from "@/lib/server/cases/add-note.ts";
import { createCase } from "@/lib/server/cases/create-case.ts";
import { BROKEN_TEXT_MESSAGE } from "@/lib/server/zod-errors.ts";
import { caseInput, logCase, newActor, newMember, snapshot } from "./cases-helpers.ts";
import { describeEachBackend } from "./harness.ts";

/*
 * Text that cannot be stored (a NUL, a lone surrogate) is refused by name, in any field of any
 * domain function, before the database sees it: a clear field message, nothing written, never a 500.
 */
describeEachBackend("text that cannot be stored", ({ db }) => {
  it.each([
    ["a NUL in a case description", { description: "Hostile comment\u0000 on a review" }, "description"],
    ["a lone surrogate in a case description", { description: "Hostile comment \ud800 on a review" }, "description"],
    ["a NUL in an evidence link", { evidence: ["https://example.org/\u0000"] }, "evidence.0"],
  ])("%s is refused beside its field and nothing is written", async (_title, override, field) => {
    const moderator = await newActor(db(), "moderator");
    const subject = await newMember(db(), "Subject");
    const before = await snapshot(db());
    await expect(createCase({ actor: moderator, input: caseInput(subject.id, override) })).rejects.toMatchObject({
      code: "invalid",
      fields: { [field]: expect.any(String) },
    });
    expect(await snapshot(db())).toEqual(before);
  });

  it("a note with a NUL is refused with the message that says why", async () => {
    const moderator = await newActor(db(), "moderator");
    const subject = await newMember(db(), "Subject");
    const c = await logCase(moderator, subject.id);
    const before = await snapshot(db(), c.id);
    await expect(addNote({ actor: moderator, input: { caseId: c.id, body: "Called the reporter\u0000 back" } })).rejects.toMatchObject({
      code: "invalid",
      fields: { body: BROKEN_TEXT_MESSAGE },
    });
    expect(await snapshot(db(), c.id)).toEqual(before);
  });
});
