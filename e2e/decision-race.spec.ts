import { CASE_URL, DEMO, expect, hoursAgo, signInAs, test, uniqueHandle } from "./fixtures.ts";

/*
 * Issue 12, item 8: two moderators decide one case at once. The second is refused, and told
 * which decision won, by whom and when, instead of a bare "changed by someone else".
 */

test("a refused second decision shows the decision that won", async ({ page, signedIn }) => {
  const subject = uniqueHandle("race");
  await signInAs(page, DEMO.moderator);
  await page.goto("/cases/new");
  await page.getByLabel("Subject's space").selectOption("github");
  await page.getByLabel("Subject's handle").fill(subject);
  await page.getByRole("radio", { name: "Anonymous" }).check();
  await page.getByLabel("Space where it happened").selectOption("github");
  await page.getByLabel("When it happened (UTC)").fill(hoursAgo(3));
  await page.getByRole("checkbox", { name: "Conduct inappropriate in a professional setting" }).check();
  await page.getByLabel("Description").fill("A dismissive review comment.");
  await page.getByRole("button", { name: "Log case" }).click();
  await expect(page).toHaveURL(CASE_URL);
  const url = page.url();

  // The admin opens the same case and its decision form before Sam decides.
  const { page: admin, close: closeAdmin } = await signedIn(DEMO.admin);
  await admin.goto(url);
  await admin
    .getByRole("textbox", { name: "Rationale", exact: true })
    .fill("A dismissive comment in review: a private Reminder explains why.");

  await page
    .getByRole("textbox", { name: "Rationale", exact: true })
    .fill("A dismissive comment in a review, unwelcome under the guidelines.");
  await page.getByRole("button", { name: "Record decision" }).click();
  // Recorded: the page now shows the decision instead of the form.
  await expect(page.getByRole("region", { name: "Decision", exact: true }).getByText(/decided .* by Sam Okafor/)).toBeVisible();

  await admin.getByRole("button", { name: "Record decision" }).click();
  await expect(
    admin.getByRole("region", { name: /^Not recorded: Sam Okafor decided a Reminder on this case at .+, while you were deciding/ }),
  ).toBeFocused();
  await admin.reload();
  const decision = admin.getByRole("region", { name: "Decision", exact: true });
  await expect(decision.getByRole("listitem")).toHaveCount(1);
  await expect(decision).toContainText("by Sam Okafor");
  await closeAdmin();
});
