import { DEMO, expect, signInAs, test } from "./fixtures.ts";

test("an admin verifies the audit chain from the Audit log, and the page keeps the result with the head", async ({ page }) => {
  await signInAs(page, DEMO.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const chain = page.getByRole("region", { name: "Chain status" });

  await chain.getByRole("button", { name: "Verify the chain now" }).click();
  const message = chain.getByText(/^Verified: [\d,]+ events, intact; [\d,]+ signed checkpoints? holds?$/);
  await expect(message).toBeVisible();
  const verified = Number(/Verified: ([\d,]+)/.exec((await message.textContent())!)![1]!.replace(/\D/g, ""));
  expect(verified).toBeGreaterThan(10); // the demo data alone writes dozens of events

  // The result is itself an event of the chain, so it stays on the page, with the head it reached.
  await page.reload();
  await expect(chain.getByText(/^Intact: verified up to event [\d,]+ \([\d,]+ events\) on .+ by Alex Rivera\.$/)).toBeVisible();
  await expect(chain.getByText(/^Head \d+:[0-9a-f]{64}$/)).toBeVisible();
  await expect(
    page
      .getByRole("table")
      .getByText(/^Alex Rivera verified the audit chain: intact, [\d,]+ events$/)
      .first(),
  ).toBeVisible();
  // The verify signed the head it reached: the latest checkpoint is that one, with the key to keep elsewhere.
  await expect(chain.getByText(/^event [\d,]+, signed .+ \(verify\) · [\d,]+ in all$/)).toBeVisible();
  await expect(chain.getByText(/^[A-Za-z0-9+/]{43}=/)).toBeVisible();
});

test("moderators and viewers have no Audit log", async ({ page }) => {
  for (const account of [DEMO.moderator, DEMO.viewer]) {
    await signInAs(page, account);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" })).toHaveCount(0);
    const response = await page.goto("/audit");
    expect(response?.status()).toBe(404);
    await page.context().clearCookies();
  }
});

test("the audit log and the case history read as sentences, with the stored details behind a disclosure", async ({ page }) => {
  await signInAs(page, DEMO.admin);
  await page.goto("/audit?action=decision.recorded");
  const table = page.getByRole("table");
  const recorded = / recorded a (Reminder|Warning|Permanent ban|decision to take no action) on \d{4}-\d{4,}/;
  await expect(table.getByText(recorded).first()).toBeVisible();
  await expect(table).not.toContainText("(token ");
  const row = table.getByRole("row").filter({ hasText: recorded }).first();
  await row.getByText("Details").click();
  await expect(row.getByText(/"after"/)).toBeVisible();
  // The decision's case shows the same sentence in its history.
  await row.getByRole("link", { name: /^Decision on / }).click();
  await expect(page.getByRole("region", { name: "History", exact: true })).toContainText(
    / recorded a (Reminder|Warning|Permanent ban|decision to take no action) on \d{4}-\d{4,}/,
  );
  await expect(page.getByRole("region", { name: "History", exact: true })).toContainText(/ logged \d{4}-\d{4,} about /);
});
