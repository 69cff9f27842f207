import type { Page } from "@playwright/test";
import { CASE_URL, DEMO, expect, expectNoViolations, signInAs, test, uniqueHandle } from "./fixtures.ts";

/*
 * Every form refuses the same way (components/forms/action-form.tsx): an error summary at the
 * top that takes focus and links to each field it names, each field marked invalid and described
 * by its error, and what was typed kept.
 */

const summary = (page: Page) => page.getByRole("region", { name: "Nothing was saved: correct the marked fields" });

/** The text of the elements a control's aria-describedby names. */
async function description(page: Page, control: ReturnType<Page["getByLabel"]>): Promise<string> {
  const ids = (await control.getAttribute("aria-describedby")) ?? "";
  const texts = await Promise.all(
    ids
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => page.locator(`[id="${id}"]`).textContent()),
  );
  return texts.join(" ");
}

test("a refused case form: the summary takes focus, links to each field, marks fields and groups invalid, and keeps what was typed", async ({
  page,
}) => {
  await signInAs(page, DEMO.moderator);
  await page.goto("/cases/new");
  await page.getByLabel("Description").fill("Typed before a refusal: kept.");
  await page.getByRole("button", { name: "Log case" }).click();

  const box = summary(page);
  await expect(box).toBeFocused();
  const handle = page.getByLabel("Subject's handle");
  await expect(handle).toHaveAttribute("aria-invalid", "true");
  const handleError = await description(page, handle);
  expect(handleError.length).toBeGreaterThan(0);

  // A group (radios, checkboxes) is marked as a whole and described by its error.
  const reporter = page.getByRole("group", { name: "Who reported it" });
  await expect(reporter).toHaveAttribute("aria-invalid", "true");
  expect((await description(page, reporter)).length).toBeGreaterThan(0);
  const standards = page.getByRole("group", { name: "Standards violated" });
  await expect(standards).toHaveAttribute("aria-invalid", "true");

  // Each link names the field and its error, and moves focus to the field.
  const link = box.getByRole("link", { name: `Subject's handle: ${handleError.trim()}` });
  await expect(link).toBeVisible();
  await expect(box.getByRole("link", { name: /^Who reported it: / })).toBeVisible();
  await link.click();
  await expect(handle).toBeFocused();
  await box.getByRole("link", { name: /^Who reported it: / }).click();
  await expect(reporter.getByRole("radio").first()).toBeFocused();

  // By keyboard from the summary too.
  await box.focus();
  await page.keyboard.press("Tab");
  await expect(box.getByRole("link").first()).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator(":focus")).not.toHaveAttribute("tabindex", "-1");

  await expect(page.getByLabel("Description")).toHaveValue("Typed before a refusal: kept.");
  await expect(page.getByLabel("Description")).not.toHaveAttribute("aria-invalid", "true");
  await expectNoViolations(page, "the refused case form");

  // Put right, the same form is accepted.
  await handle.fill(uniqueHandle("forms"));
  await page.getByRole("radio", { name: "Anonymous" }).check();
  await page.getByRole("button", { name: "Use the current time" }).click();
  await page.getByRole("checkbox", { name: "Public or private harassment" }).check();
  await page.getByRole("button", { name: "Log case" }).click();
  await expect(page).toHaveURL(CASE_URL);
});

test("a refused decision: the summary takes focus and its link leads to the justification the other level needs", async ({ page }) => {
  await signInAs(page, DEMO.moderator);
  await page.goto("/cases/new");
  await page.getByLabel("Subject's handle").fill(uniqueHandle("forms-decision"));
  await page.getByRole("radio", { name: "Anonymous" }).check();
  await page.getByRole("button", { name: "Use the current time" }).click();
  await page.getByRole("checkbox", { name: "Public or private harassment" }).check();
  await page.getByLabel("Description").fill("A case to decide with a level other than the recommended one.");
  await page.getByRole("button", { name: "Log case" }).click();
  await expect(page).toHaveURL(CASE_URL);

  const decision = page.getByRole("region", { name: "Decision", exact: true });
  await decision.getByRole("radio", { name: /^Permanent ban/ }).check();
  await decision.getByLabel("Rationale").fill("Typed rationale, kept after the refusal.");
  await decision.getByRole("button", { name: "Record decision" }).click();

  const box = summary(page);
  await expect(box).toBeFocused();
  const justification = decision.getByLabel("Justification for choosing another level");
  await expect(justification).toHaveAttribute("aria-invalid", "true");
  await box.getByRole("link", { name: /^Justification for choosing another level: / }).click();
  await expect(justification).toBeFocused();
  await expect(decision.getByLabel("Rationale")).toHaveValue("Typed rationale, kept after the refusal.");
  await expect(decision.getByRole("radio", { name: /^Permanent ban/ })).toBeChecked();
});

test("a refused member form: the summary links to the identity row whose handle someone else holds, and the rows are kept", async ({
  page,
}) => {
  const name = `Forms Member ${Date.now()}`;
  const free = uniqueHandle("U0FORMS");
  await signInAs(page, DEMO.moderator);
  await page.goto("/members/new");
  await page.getByRole("textbox", { name: "Display name" }).fill(name);
  await page.getByRole("combobox", { name: "Space 1" }).selectOption("slack");
  await page.getByRole("textbox", { name: "Handle 1" }).fill(free);
  await page.getByRole("button", { name: "Add identity" }).click();
  await page.getByRole("combobox", { name: "Space 2" }).selectOption("github");
  await page.getByRole("textbox", { name: "Handle 2" }).fill("mblake");
  await page.getByRole("button", { name: "Add member" }).click();

  const box = summary(page);
  await expect(box).toBeFocused();
  const taken = page.getByRole("textbox", { name: "Handle 2" });
  await expect(taken).toHaveAttribute("aria-invalid", "true");
  await expect(taken).toHaveAccessibleDescription(/already belongs to Morgan Blake/);
  await expect(page.getByRole("textbox", { name: "Handle 1" })).not.toHaveAttribute("aria-invalid", "true");
  await box.getByRole("link", { name: /already belongs to Morgan Blake/ }).click();
  await expect(taken).toBeFocused();
  // Both rows, as typed.
  await expect(page.getByRole("textbox", { name: "Display name" })).toHaveValue(name);
  await expect(page.getByRole("textbox", { name: "Handle 1" })).toHaveValue(free);
  await expect(taken).toHaveValue("mblake");
  await expectNoViolations(page, "the refused member form");
});
