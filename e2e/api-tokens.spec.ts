import { DEMO, expect, expectNoViolations, signInAs, test } from "./fixtures.ts";

test("a moderator creates an API token, sees it once, uses it, revokes it and it stops working", async ({ page, request }) => {
  await signInAs(page, DEMO.moderator);
  await page.goto("/settings/tokens");
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();

  const name = `Slack bot ${Date.now()}`;
  await page.getByRole("textbox", { name: "Name" }).fill(name);
  await page.getByRole("combobox", { name: "Scope" }).selectOption("read");
  await page.getByRole("spinbutton", { name: "Expires after (days)" }).fill("30");
  await page.getByRole("button", { name: "Create token" }).click();

  const secretBox = page.getByRole("textbox", { name: "Token secret" });
  await expect(secretBox).toBeVisible();
  await expect(page.getByText("you will not see it again")).toBeVisible();
  const secret = await secretBox.inputValue();
  expect(secret).toMatch(/^cd_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("button", { name: "Copy token" })).toBeVisible();

  const lookup = () =>
    request.get("/api/v1/members/lookup?space=github&handle=QHarlow", { headers: { authorization: `Bearer ${secret}` } });
  const found = await lookup();
  expect(found.status()).toBe(200);
  expect(await found.json()).toMatchObject({
    displayName: "Quinn Harlow",
    identities: expect.arrayContaining([{ space: "github", handle: "qharlow" }]),
  });

  // Shown once: after a reload the secret is gone, the token is listed with its last use.
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Token secret" })).toHaveCount(0);
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Read");
  await expect(row).toContainText("Active");
  await expect(row).not.toContainText("Never used");
  expect(await page.content()).not.toContain(secret);

  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(row).toContainText("Revoked");

  const refused = await lookup();
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toEqual({ error: { code: "unauthenticated", message: "This API token was revoked" } });
});

test("the API answers 401 JSON, not a sign-in redirect, without a token; the OpenAPI document is public", async ({ request }) => {
  const res = await request.get("/api/v1/members/lookup?space=github&handle=qharlow", { maxRedirects: 0 });
  expect(res.status()).toBe(401);
  expect((await res.json()).error.code).toBe("unauthenticated");
  const doc = await request.get("/api/v1/openapi.json");
  expect(doc.status()).toBe(200);
  expect((await doc.json()).openapi).toBe("3.1.0");
});

test("a viewer can create read tokens only", async ({ page }) => {
  await signInAs(page, DEMO.viewer);
  await page.goto("/settings/tokens");
  const scope = page.getByRole("combobox", { name: "Scope" });
  await expect(scope.getByRole("option")).toHaveText(["Read: look up members, cases and decisions"]);
  await expect(page.getByText("Your role reads only, so your tokens are read tokens.")).toBeVisible();
});

test("the API tokens page has no WCAG 2.1 A/AA violations, with a new secret shown", async ({ page }) => {
  await signInAs(page, DEMO.admin);
  await page.goto("/settings/tokens");
  await page.getByRole("textbox", { name: "Name" }).fill(`axe ${Date.now()}`);
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByRole("textbox", { name: "Token secret" })).toBeVisible();
  await expectNoViolations(page, "the API tokens page with a new secret");
});
