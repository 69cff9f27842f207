import type { Page } from "@playwright/test";
import { CASE_URL, DEMO, expect, expectNoViolations, hoursAgo, signInAs, test, uniqueHandle } from "./fixtures.ts";

/*
 * Issue 12, items 5 and 6: the reporter is seen only through the audited reveal. No page HTML,
 * React Server Components payload or member list gives them away, and a Warning protects them
 * (and the enforcing moderators) without the page ever holding who they are.
 */

/** The page's HTML and its React Server Components payload, as the server sends them to this user. */
async function rawPayloads(page: Page, path: string) {
  const html = await (await page.request.get(path)).text();
  const rsc = await (await page.request.get(path, { headers: { RSC: "1" } })).text();
  return html + rsc;
}

test("a new reporter reaches no page, payload or list before the reveal; a Warning protects them by role, and the reveal is recorded", async ({
  page,
  signedIn,
}) => {
  const subject = uniqueHandle("conf-subject");
  const reporter = uniqueHandle("conf-reporter");
  await signInAs(page, DEMO.moderator);

  await page.goto("/cases/new");
  await page.getByLabel("Subject's space").selectOption("github");
  await page.getByLabel("Subject's handle").fill(subject);
  await page.getByRole("radio", { name: "A community member" }).check();
  await page.getByLabel("Reporter's space").selectOption("github");
  await page.getByLabel("Reporter's handle").fill(reporter);
  await page.getByLabel("Space where it happened").selectOption("github");
  await page.getByLabel("When it happened (UTC)").fill(hoursAgo(3));
  await page.getByRole("checkbox", { name: "Public or private harassment" }).check();
  await page.getByLabel("Description").fill("Repeated hostile direct messages after a review disagreement.");
  await page.getByRole("button", { name: "Add an involved person" }).click();
  await page.getByLabel("Handle of involved person 1").fill("noorh");
  await page.getByRole("button", { name: "Log case" }).click();
  await expect(page).toHaveURL(CASE_URL);
  const number = CASE_URL.exec(page.url())![1]!;
  const path = `/cases/${number}`;

  // The Warning form offers the reporter by role: its checkbox carries the word, not an id.
  await page
    .getByRole("group", { name: "Level", exact: true })
    .getByRole("radio", { name: /^Warning/ })
    .check();
  const noContact = page.getByRole("group", { name: "No-contact period", exact: true });
  const reporterBox = noContact.getByRole("checkbox", { name: "The reporter (confidential)" });
  await expect(reporterBox).toBeChecked();
  await expect(reporterBox).toHaveAttribute("value", "reporter");
  await expect(noContact.getByRole("checkbox", { name: "Sam Okafor (you, deciding)" })).toBeChecked();
  await expect(noContact.getByRole("checkbox", { name: "Noor Haddad" })).toBeChecked();
  expect(await rawPayloads(page, path)).not.toContain(reporter);

  await page
    .getByRole("textbox", { name: "Justification for choosing another level" })
    .fill("Hostile direct messages call for a Warning at once.");
  await page
    .getByRole("textbox", { name: "Rationale", exact: true })
    .fill("Repeated hostile direct messages to a contributor after a disagreement.");
  await page.getByRole("button", { name: "Record decision" }).click();
  const decision = page.getByRole("region", { name: "Decision", exact: true });
  await expect(
    decision.getByText(/protecting Noor Haddad, The reporter \(confidential\), Sam Okafor \(deciding moderator\)/),
  ).toBeVisible();
  expect(await rawPayloads(page, path)).not.toContain(reporter);

  // Nobody finds the new reporter through the members list or their handle.
  const { page: viewer, close: closeViewer } = await signedIn(DEMO.viewer);
  await viewer.goto(`/members?q=${reporter}`);
  await expect(viewer.getByText(`No member matches “${reporter}” by name or handle.`)).toBeVisible();
  expect(await rawPayloads(viewer, "/members")).not.toContain(reporter);
  // A handle lookup answers exactly as for a handle nobody holds.
  await viewer.goto(`/members/lookup?space=github&handle=${reporter}`);
  await expect(viewer.getByRole("heading", { level: 1, name: `No member has the GitHub handle ${reporter}` })).toBeVisible();
  expect(await rawPayloads(viewer, path)).not.toContain(reporter);
  await closeViewer();

  // The explicit reveal shows them, and only then; it is recorded in the case's history.
  await page.getByRole("button", { name: "Reveal reporter" }).click();
  await expect(page.getByRole("status").filter({ hasText: reporter })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("region", { name: "History" }).getByText("Reporter revealed")).toBeVisible();

  await expectNoViolations(page, "a case after the reveal");
});
