import { parse } from "csv-parse/sync";
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { DEMO, expect, expectNoViolations, signInAs, test } from "./fixtures.ts";

/*
 * Exports (issue 5): decision summaries downloaded from /exports in each mode, the
 * transparency report with its withheld counts, and the decision notice on a case with
 * Mark as sent. The demo community's decisions are the records.
 */

const HEADER = [
  "Case number",
  "Decided at",
  "Level",
  "Standards",
  "Space",
  "Rationale",
  "No-contact period",
  "Member",
  "Moderator",
  "Reversed",
];
const DEMO_MEMBERS = ["Quinn Harlow", "Morgan Blake", "Riley Chen", "Taylor Brooks", "Jamie Ortiz"];

/** Chooses the mode and format on /exports, downloads, and returns the file's text. */
async function download(page: Page, mode: "Internal" | "Public", format: "CSV" | "JSON" | "Markdown" = "CSV") {
  await page.getByRole("radio", { name: mode }).check();
  await page.getByRole("radio", { name: format }).check();
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download export" }).click()]);
  await expect(page.getByRole("status").filter({ hasText: /^Downloaded / })).toBeVisible();
  return readFile((await file.path())!, "utf8");
}

test("an internal CSV of decision summaries downloads from /exports and parses back, with members named", async ({ page }) => {
  await signInAs(page, DEMO.moderator);
  await page.goto("/exports");
  await expect(page.getByRole("heading", { level: 1, name: "Exports" })).toBeVisible();
  await expectNoViolations(page);
  const text = await download(page, "Internal");
  const rows = parse(text, { bom: true }) as string[][];
  expect(rows[0]).toEqual(HEADER);
  const records = parse(text, { columns: true, bom: true }) as Record<string, string>[];
  expect(records.length).toBeGreaterThanOrEqual(8);
  expect(records.map((r) => r.Member)).toContain("Quinn Harlow");
  expect(records.find((r) => r.Level === "permanent_ban")).toMatchObject({ Member: "Quinn Harlow", Space: "social" });
  // The reversed Reminder is marked, not shown as standing.
  expect(records.find((r) => r.Member === "Jamie Ortiz")!.Reversed).not.toBe("");
});

test("a public export names no member and no moderator", async ({ page }) => {
  await signInAs(page, DEMO.admin);
  await page.goto("/exports");
  const text = await download(page, "Public", "Markdown");
  for (const name of [...DEMO_MEMBERS, DEMO.admin.name, DEMO.moderator.name]) expect(text).not.toContain(name);
  expect(text).toContain("Member A");
});

test("a viewer may export internal and public summaries but has no Full option; an admin's Full needs a reason", async ({ signedIn }) => {
  const { page: viewer } = await signedIn(DEMO.viewer);
  await viewer.goto("/exports");
  await expect(viewer.getByRole("radio", { name: "Internal" })).toBeChecked();
  await expect(viewer.getByRole("radio", { name: "Public" })).toBeVisible();
  await expect(viewer.getByRole("radio", { name: "Full" })).toHaveCount(0);
  await viewer.close();

  const { page: admin } = await signedIn(DEMO.admin);
  await admin.goto("/exports");
  await admin.getByRole("radio", { name: "Full" }).check();
  await admin.getByRole("button", { name: "Download export" }).click();
  await expect(admin.getByRole("region", { name: "Nothing was exported: correct the marked fields" })).toBeFocused();
  await expect(admin.getByLabel("Reason for a full export")).toHaveAccessibleDescription(/give the reason for it/);
  await admin.close();
});

test("the transparency report withholds small counts and those that would give them away, says how, and has no WCAG 2.1 A/AA violations", async ({
  page,
}) => {
  await signInAs(page, DEMO.viewer);
  await page.goto("/exports/transparency?period=quarter");
  await expect(page.getByRole("heading", { level: 1, name: "Transparency report" })).toBeVisible();
  await expect(
    page.getByText(/are withheld \(shown as “x”\) so that no person can be singled out, and so are enough other counts/),
  ).toBeVisible();
  // A withheld count shows as "x" and is read out as "withheld".
  await expect(page.getByRole("cell", { name: "withheld", exact: true }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "<3", exact: true })).toHaveCount(0);
  await expect(page.getByRole("img", { name: "Cases received per period" })).toBeVisible();
  await expectNoViolations(page);
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  const rows = parse(await readFile((await file.path())!, "utf8"), { columns: true, bom: true }) as Record<string, string>[];
  expect(rows.map((r) => r.Period).at(-1)).toBe("Total");
  const figures = rows.flatMap((r) =>
    Object.entries(r)
      .filter(([k]) => k !== "Period" && k !== "Median days to decision")
      .map(([, v]) => v),
  );
  expect(figures).toContain("x");
  expect(figures.every((v) => v === "x" || /^\d+$/.test(v))).toBe(true);
  expect(figures.filter((v) => v === "1" || v === "2")).toEqual([]);
});

test("the notice of Quinn Harlow's Permanent ban states its scope; Mark as sent then shows when it was sent", async ({ page }) => {
  await signInAs(page, DEMO.admin);
  await page.goto("/cases?status=decided");
  await page.getByRole("row").filter({ hasText: "Quinn Harlow" }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1, name: /^Case / })).toBeVisible();
  const notice = page.getByRole("region", { name: "Decision notice" });
  await expect(notice.getByLabel("Notice text")).toContainText("a permanent ban from any sort of public interaction within the community");
  await expect(notice.getByLabel("Notice text")).toContainText("Hello Quinn Harlow,");
  await expect(notice.getByLabel("Notice text")).not.toContainText("Noor Haddad");
  await expect(notice.getByText("Not sent yet")).toBeVisible();
  await expect(notice.getByRole("link", { name: "Download .txt" })).toBeVisible();
  await expectNoViolations(page);
  await notice.getByRole("button", { name: "Mark as sent" }).click();
  await expect(notice.getByText(/^Sent on \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC by .+$/)).toBeVisible();
  await expect(notice.getByRole("button", { name: "Mark as sent" })).toHaveCount(0);
  await expectNoViolations(page);
});
