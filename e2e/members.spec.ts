import type { Page } from "@playwright/test";
import { DEMO, expect, expectNoViolations, hoursAgo, signInAs, test, uniqueHandle } from "./fixtures.ts";
import { HOUR, DAY } from "@/lib/policy/durations.ts";

/** Fills in and submits the Add a member form; identities are [space code, handle]. */
async function addMember(page: Page, name: string, identities: [string, string][]) {
  await page.goto("/members/new");
  await page.getByRole("textbox", { name: "Display name" }).fill(name);
  for (const [i, [space, handle]] of identities.entries()) {
    if (i > 0) await page.getByRole("button", { name: "Add identity" }).click();
    await page.getByRole("combobox", { name: `Space ${i + 1}` }).selectOption(space);
    await page.getByRole("textbox", { name: `Handle ${i + 1}` }).fill(handle);
  }
  await page.getByRole("button", { name: "Add member" }).click();
}

async function openMorgan(page: Page) {
  await page.goto("/members/lookup?space=github&handle=mblake");
  await expect(page).toHaveURL(/\/members\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Morgan Blake" })).toBeVisible();
}

test("searching by a handle, in any case and with @, finds the member", async ({ page }) => {
  await signInAs(page, DEMO.moderator);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search members" }).fill("@MBLA");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/q=%40MBLA/);
  const results = page.getByRole("region", { name: /Members matching/ });
  await expect(results.getByRole("link", { name: "Morgan Blake" })).toBeVisible();
  await expect(results.getByRole("link", { name: "Casey Liu" })).toHaveCount(0);
  await expect(results.getByRole("row", { name: /Morgan Blake/ })).toContainText("Warned — no contact until");

  await page.getByRole("searchbox", { name: "Search members" }).fill("nobody-has-this-handle");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByText("No member matches “nobody-has-this-handle” by name or handle.")).toBeVisible();
});

test("a moderator adds a member with a GitHub and a Slack identity, then finds them by either", async ({ page }) => {
  const name = `Robin Newcomer ${Date.now()}`;
  const github = uniqueHandle("robin");
  const slack = uniqueHandle("U0ROBIN").toUpperCase();
  await signInAs(page, DEMO.moderator);
  await page.goto("/members");
  await page.getByRole("link", { name: "Add member" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add a member" })).toBeVisible();

  // Nothing typed: each field says what is missing, and nothing is added.
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByText("Enter a name", { exact: true })).toBeVisible();
  await expect(page.getByText("Enter a handle", { exact: true })).toBeVisible();
  await expect(page).toHaveURL(/\/members\/new$/);

  await addMember(page, name, [
    ["github", github],
    ["slack", slack],
  ]);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Member added." })).toBeVisible();
  const identities = page.getByRole("region", { name: "Identities" });
  await expect(identities).toContainText(`GitHub: ${github}`);
  await expect(identities).toContainText(`Slack: ${slack}`);
  await expect(page.getByText("Good standing", { exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "Changes to this record" })).toContainText(`${DEMO.moderator.name} added `);

  await page.goto(`/members?q=${encodeURIComponent(slack.toLowerCase())}`);
  await expect(page.getByRole("link", { name })).toBeVisible();
  await page.goto(`/members/lookup?space=github&handle=${encodeURIComponent(`@${github.toUpperCase()}`)}`);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
});

test("a handle someone already holds, typed in another case and with @, is refused naming the holder", async ({ page }) => {
  const name = `Not Morgan ${Date.now()}`;
  await signInAs(page, DEMO.moderator);
  await addMember(page, name, [
    ["slack", uniqueHandle("U0FREE")],
    ["github", "@MBlake"],
  ]);
  const handle = page.getByRole("textbox", { name: "Handle 2" });
  await expect(page.getByText("The GitHub handle mblake already belongs to Morgan Blake", { exact: true })).toBeVisible();
  await expect(handle).toHaveAttribute("aria-invalid", "true");
  await expect(handle).toHaveValue("@MBlake");
  await expect(page.getByRole("textbox", { name: "Display name" })).toHaveValue(name);
  await expect(page.getByRole("region", { name: "Nothing was saved" })).toBeVisible();
  await page.goto(`/members?q=${encodeURIComponent(name)}`);
  await expect(page.getByRole("link", { name })).toHaveCount(0);
});

test("Morgan Blake's page shows the Warning's no-contact date, the protected people and the cases in order", async ({ page }) => {
  await signInAs(page, DEMO.admin);
  await openMorgan(page);
  // The demo Warning was decided 20 days ago with a 90-day no-contact period.
  const format = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  const ends = [Date.now() + 70 * DAY, Date.now() + 70 * DAY - HOUR].map((t) => format.format(t));
  const standing = page.getByText(/^Warned — no contact until /);
  await expect(standing).toBeVisible();
  expect(ends.map((d) => `Warned — no contact until ${d}`)).toContain(await standing.textContent());

  const terms = page.getByRole("region", { name: "Active no-contact terms" });
  await expect(terms).toContainText(/Ends on \d{1,2} \w+ \d{4} · 70 days left/);
  for (const person of ["Casey Liu", "Sam Okafor"]) await expect(terms.getByRole("link", { name: person })).toBeVisible();
  // Dana reported the case: protected, but never named on a member page.
  await expect(terms.getByText("The reporter (confidential)")).toBeVisible();
  await expect(terms.getByText("Dana Whitfield")).toHaveCount(0);

  // Every case about Morgan, in the order they happened (other tests may add more).
  const history = page.getByRole("region", { name: "Enforcement history" });
  // One line above the list counts the decisions that stand, in ladder order.
  await expect(history.getByText(/^Decisions: \d+ Reminders? · \d+ Warnings?( · |$)/)).toBeVisible();
  const cases = history.getByRole("article");
  expect(await cases.count()).toBeGreaterThanOrEqual(3);
  const happened = await history
    .locator("article > div:first-child > time")
    .evaluateAll((els) => els.map((e) => e.getAttribute("datetime")!));
  expect(happened).toEqual([...happened].sort());
  const reminder = cases.filter({ hasText: "Reminder" }).first();
  const warning = cases.filter({ hasText: "Warning" }).filter({ hasText: "No contact from" }).first();
  const breach = cases.filter({ hasText: "Breach of no-contact terms" }).first();
  const [reminderNumber, warningNumber, breachNumber] = await Promise.all(
    [reminder, warning, breach].map(async (c) => (await c.getByRole("heading", { level: 3 }).textContent())!.replace("Case ", "")),
  );
  expect([reminderNumber, warningNumber, breachNumber]).toEqual([...[reminderNumber, warningNumber, breachNumber]].sort());
  await expect(breach).toContainText(`Breaches the no-contact terms of the Warning in case ${warningNumber}`);
  await expect(history.getByRole("link", { name: `Case ${reminderNumber}` })).toHaveAttribute("href", `/cases/${reminderNumber}`);

  // The same cases, newest first, and back.
  const order = history.getByRole("navigation", { name: "Order of cases" });
  await expect(order.getByRole("link", { name: "Oldest first" })).toHaveAttribute("aria-current", "true");
  await order.getByRole("link", { name: "Newest first" }).click();
  await expect(page).toHaveURL(/\?order=newest$/);
  await expect(order.getByRole("link", { name: "Newest first" })).toHaveAttribute("aria-current", "true");
  const newestFirst = await history
    .locator("article > div:first-child > time")
    .evaluateAll((els) => els.map((e) => e.getAttribute("datetime")!));
  expect(newestFirst).toEqual([...happened].reverse());
  await order.getByRole("link", { name: "Oldest first" }).click();
  await expect(page).not.toHaveURL(/order=/);
});

test("a viewer reads member pages but sees no controls to add, edit or merge", async ({ page }) => {
  await signInAs(page, DEMO.viewer);
  await page.goto("/members");
  await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Add member" })).toHaveCount(0);
  await openMorgan(page);
  const memberUrl = page.url();
  await expect(page.getByRole("region", { name: "Enforcement history" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit member" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Merge a duplicate record" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Find duplicate" })).toHaveCount(0);
  expect((await page.goto("/members/new"))?.status()).toBe(404);
  expect((await page.goto(`${memberUrl}/edit`))?.status()).toBe(404);
});

test("a moderator's own member record shows identities only: cases about them are not shown to them", async ({ page }) => {
  await signInAs(page, DEMO.moderator);
  await page.goto("/members/lookup?space=github&handle=sokafor");
  await expect(page.getByRole("heading", { level: 1, name: "Sam Okafor" })).toBeVisible();
  await expect(page.getByRole("note")).toContainText("Cases about you are not shown to you");
  await expect(page.getByRole("region", { name: "Identities" })).toContainText("GitHub: sokafor");
  await expect(page.getByRole("region", { name: "Enforcement history" })).toHaveCount(0);
  await expect(page.getByText(/Good standing|Reminded|Warned|Permanently banned/)).toHaveCount(0);
});

test("an unknown handle says so and offers to add the member with it", async ({ page }) => {
  const handle = uniqueHandle("ghost");
  await signInAs(page, DEMO.moderator);
  await page.goto(`/members/lookup?space=github&handle=${encodeURIComponent(`@${handle.toUpperCase()}`)}`);
  await expect(page.getByRole("heading", { level: 1, name: `No member has the GitHub handle ${handle}` })).toBeVisible();
  await page.getByRole("link", { name: "Add a member with this handle" }).click();
  await expect(page.getByRole("combobox", { name: "Space 1" })).toHaveValue("github");
  await expect(page.getByRole("textbox", { name: "Handle 1" })).toHaveValue(`@${handle.toUpperCase()}`);
});

test("a save over someone else's newer edit is refused and shows the current values", async ({ page, signedIn }) => {
  const name = `Edit Race ${Date.now()}`;
  await signInAs(page, DEMO.moderator);
  await addMember(page, name, [["github", uniqueHandle("race")]]);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const editUrl = `${page.url().replace(/\?.*$/, "")}/edit`;

  const { page: other, close: closeOther } = await signedIn(DEMO.admin);
  await other.goto(editUrl);
  await page.goto(editUrl);

  await other.getByRole("textbox", { name: "Display name" }).fill(`${name} (admin)`);
  await other.getByRole("button", { name: "Save changes" }).click();
  await expect(other.getByRole("heading", { level: 1, name: `${name} (admin)` })).toBeVisible();

  await page.getByRole("textbox", { name: "Display name" }).fill(`${name} (moderator)`);
  await page.getByRole("button", { name: "Save changes" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "This member was changed by someone else" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(`${name} (admin)`);
  await expect(page.getByRole("textbox", { name: "Display name" })).toHaveValue(`${name} (moderator)`);
  await expectNoViolations(page);

  await alert.getByRole("link", { name: "Start again from the current values" }).click();
  await expect(page.getByRole("textbox", { name: "Display name" })).toHaveValue(`${name} (admin)`);
  await closeOther();
});

test("a duplicate record found by its handle is merged, with a reason, into the member", async ({ page }) => {
  const [keep, dup] = [`Kept Record ${Date.now()}`, `Duplicate Record ${Date.now()}`];
  const [keepHandle, dupHandle] = [uniqueHandle("keep"), uniqueHandle("U0DUP")];
  await signInAs(page, DEMO.moderator);
  await addMember(page, dup, [["slack", dupHandle]]);
  await expect(page.getByRole("heading", { level: 1, name: dup })).toBeVisible();
  await addMember(page, keep, [["github", keepHandle]]);
  await expect(page.getByRole("heading", { level: 1, name: keep })).toBeVisible();
  const keptUrl = page.url().replace(/\?.*$/, "");

  const merge = page.getByRole("region", { name: "Merge a duplicate record" });
  await merge.getByRole("combobox", { name: "Space of the duplicate" }).selectOption("slack");
  await merge.getByRole("textbox", { name: "Handle of the duplicate" }).fill("@nobody-at-all");
  await merge.getByRole("button", { name: "Find duplicate" }).click();
  await expect(merge.getByText("No member has the Slack handle nobody-at-all", { exact: true })).toBeVisible();

  await merge.getByRole("textbox", { name: "Handle of the duplicate" }).fill(`@${dupHandle.toUpperCase()}`);
  await merge.getByRole("button", { name: "Find duplicate" }).click();
  await expect(merge.getByRole("heading", { name: `Merge ${dup} into ${keep}?` })).toBeFocused();
  await merge.getByRole("button", { name: "Merge records" }).click();
  await expect(merge.getByText("Say why these records are the same person", { exact: true })).toBeVisible();
  await merge.getByRole("textbox", { name: "Reason for the merge" }).fill("Same person: the Slack profile links the GitHub account");
  await merge.getByRole("button", { name: "Merge records" }).click();
  await expect(merge.getByRole("status").filter({ hasText: `The duplicate record was merged into ${keep}` })).toBeVisible();

  await expect(page.getByRole("region", { name: "Identities" })).toContainText(`Slack: ${dupHandle}`);
  const changes = page.getByRole("region", { name: "Changes to this record" });
  await expect(changes).toContainText(`merged the duplicate record ${dup}`);
  await expect(changes).toContainText(`into ${keep}: “Same person: the Slack profile links the GitHub account”`);
  await page.goto(`/members/lookup?space=slack&handle=${encodeURIComponent(dupHandle)}`);
  await expect(page).toHaveURL(keptUrl);
  await page.goto(`/members?q=${encodeURIComponent(dup)}`);
  await expect(page.getByRole("link", { name: dup })).toHaveCount(0);
});

test("the members pages have no WCAG 2.1 A/AA violations", async ({ page }) => {
  await signInAs(page, DEMO.admin);
  await page.goto("/members");
  await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  await expectNoViolations(page);

  await page.goto("/members/new");
  await page.getByRole("button", { name: "Add identity" }).click();
  await expectNoViolations(page);
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByText("Enter a name", { exact: true })).toBeVisible();
  await expectNoViolations(page);

  await openMorgan(page);
  await expectNoViolations(page);
  await page.getByRole("link", { name: "Edit member" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit Morgan Blake" })).toBeVisible();
  await expectNoViolations(page);

  await page.goto("/members/lookup?space=github&handle=nobody-here");
  await expect(page.getByRole("heading", { level: 1, name: "No member has the GitHub handle nobody-here" })).toBeVisible();
  await expectNoViolations(page);
});

/** Logs a case about a GitHub handle through the form (anonymous reporter) and returns its number. */
async function logCase(page: Page, subject: string, involved: string[] = []): Promise<string> {
  await page.goto("/cases/new");
  await page.getByLabel("Subject's space").selectOption("github");
  await page.getByLabel("Subject's handle").fill(subject);
  await page.getByRole("radio", { name: "Anonymous" }).check();
  await page.getByLabel("Space where it happened").selectOption("github");
  await page.getByLabel("When it happened (UTC)").fill(hoursAgo(5));
  await page.getByRole("checkbox", { name: "Public or private harassment" }).check();
  await page.getByLabel("Description").fill(`A case about ${subject} ${uniqueHandle("case")}`);
  for (const [i, handle] of involved.entries()) {
    await page.getByRole("button", { name: "Add an involved person" }).click();
    await page.getByLabel(`Handle of involved person ${i + 1}`).fill(handle);
  }
  await page.getByRole("button", { name: "Log case" }).click();
  await expect(page).toHaveURL(/\/cases\/\d{4}-\d{4,}$/);
  return /\/cases\/(\d{4}-\d{4,})$/.exec(page.url())![1]!;
}

test("a moderator cannot change their own record, nor that of a case's subject when they are recused from it; a handle a colleague retires still leads to them", async ({
  page,
  signedIn,
}) => {
  const witnessName = `Witness ${Date.now()}`;
  const witnessHandle = uniqueHandle("witness");
  await signInAs(page, DEMO.admin);
  await addMember(page, witnessName, [["github", witnessHandle]]);
  await expect(page.getByRole("heading", { level: 1, name: witnessName })).toBeVisible();
  const witnessUrl = page.url().replace(/\?.*$/, "");

  // Sam (the demo moderator, member sokafor) opens the witness's edit form while still allowed to.
  const { page: sam, close: closeSam } = await signedIn(DEMO.moderator);
  await sam.goto(`${witnessUrl}/edit`);
  await expect(sam.getByRole("heading", { level: 1, name: `Edit ${witnessName}` })).toBeVisible();

  // Then a case about the witness names Sam as involved: Sam is recused from it and may no longer
  // touch the witness's record, and the server says so.
  await logCase(page, witnessHandle, ["sokafor"]);
  await sam.getByRole("button", { name: "Add identity" }).click();
  await sam.getByRole("textbox", { name: "Handle 2" }).fill(uniqueHandle("U0W").toUpperCase());
  await sam.getByRole("combobox", { name: "Space 2" }).selectOption("slack");
  await sam.getByRole("button", { name: "Remove identity 1" }).click();
  await sam.getByRole("button", { name: "Save changes" }).click();
  await expect(
    sam.getByRole("region", { name: "You cannot change this member record: its person is a party to a case you are recused from" }),
  ).toBeVisible();
  await sam.goto(witnessUrl);
  await expect(sam.getByRole("region", { name: "Identities" })).toContainText(`GitHub: ${witnessHandle}`);
  await expect(sam.getByRole("link", { name: "Edit member" })).toHaveCount(0);

  // Sam's own record: no Edit link, the reason instead; the edit page offers no form.
  await sam.goto("/members/lookup?space=github&handle=sokafor");
  await expect(sam.getByRole("heading", { level: 1, name: "Sam Okafor" })).toBeVisible();
  const samUrl = sam.url();
  await expect(sam.getByRole("link", { name: "Edit member" })).toHaveCount(0);
  await expect(sam.getByText("You cannot change your own member record: ask another moderator")).toBeVisible();
  await sam.goto(`${samUrl}/edit`);
  await expect(sam.getByRole("note")).toContainText("You cannot change your own member record: ask another moderator");
  await expect(sam.getByRole("button", { name: "Save changes" })).toHaveCount(0);
  await expect(sam.getByRole("textbox", { name: "Handle 1" })).toHaveCount(0);

  // A colleague removes the GitHub handle: it is kept as a former one and still leads to Sam.
  await page.goto(`${samUrl}/edit`);
  await expect(page.getByRole("textbox", { name: "Handle 1" })).toHaveValue("sokafor");
  await page.getByRole("button", { name: "Remove identity 1" }).click();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved." })).toBeVisible();
  const identities = page.getByRole("region", { name: "Identities" });
  await expect(identities).toContainText(/GitHub: was @sokafor until \d{1,2} \w{3} \d{4}/);
  await expect(identities).not.toContainText("GitHub: sokafor");
  await expect(page.getByRole("region", { name: "Changes to this record" })).toContainText("edited Sam Okafor: retired GitHub: sokafor");
  await page.goto("/members/lookup?space=github&handle=%40SOKAFOR");
  await expect(page).toHaveURL(samUrl);

  // The same handle is never given to anyone else.
  await addMember(page, `Not Sam ${Date.now()}`, [["github", "sokafor"]]);
  await expect(page.getByText(/^The GitHub handle sokafor belonged to Sam Okafor until \d{1,2} \w{3} \d{4}$/)).toBeVisible();

  // A new case about the old handle lands on Sam's record, and stays hidden from Sam.
  await page.goto("/cases/new");
  await page.getByLabel("Subject's handle").fill("@SOKAFOR");
  await page.getByLabel("Subject's handle").blur();
  await expect(page.getByText("Existing member: Sam Okafor")).toBeVisible();
  const later = await logCase(page, "@SOKAFOR");
  await expect(page.getByRole("region", { name: "Details", exact: true })).toContainText("Sam Okafor");
  expect((await sam.goto(`/cases/${later}`))?.status()).toBe(404);
  await sam.goto(`/cases?q=${later}`);
  await expect(sam.getByText("No case matches these filters.")).toBeVisible();
  await closeSam();

  // Typing it again on Sam's record brings it back (audited), as the other tests expect it.
  await page.goto(`${samUrl}/edit`);
  await expect(page.getByRole("textbox", { name: "Handle 1" })).toHaveValue("U01SAMOK");
  await expect(page.getByText("Type a former handle again to bring it back.")).toBeVisible();
  await page.getByRole("button", { name: "Add identity" }).click();
  const last = await page.getByRole("textbox", { name: /^Handle \d+$/ }).count();
  await page.getByRole("combobox", { name: `Space ${last}` }).selectOption("github");
  await page.getByRole("textbox", { name: `Handle ${last}` }).fill("sokafor");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("region", { name: "Identities" })).toContainText("GitHub: sokafor");
  await expect(page.getByRole("region", { name: "Changes to this record" })).toContainText(
    "edited Sam Okafor: brought back GitHub: sokafor",
  );
});

test("a handle that only looks like a member's is flagged: the case form offers that member, the member form asks for confirmation", async ({
  page,
}) => {
  await signInAs(page, DEMO.moderator);
  // "rnblake" reads as "mblake" (Morgan Blake).
  await page.goto("/cases/new");
  await page.getByLabel("Subject's handle").fill("rnblake");
  await page.getByLabel("Subject's handle").blur();
  await expect(page.getByText("Looks like @mblake (Morgan Blake)")).toBeVisible();
  await expect(page.getByText("New member will be created")).toBeVisible();
  await page.getByRole("button", { name: "Use @mblake as the subject's handle" }).click();
  await expect(page.getByLabel("Subject's handle")).toHaveValue("mblake");
  await expect(page.getByText("Existing member: Morgan Blake")).toBeVisible();
  await expect(page.getByText("Looks like @mblake (Morgan Blake)")).toHaveCount(0);
  await page.getByRole("button", { name: "Add an involved person" }).click();
  await page.getByLabel("Handle of involved person 1").fill("mbIake"); // a capital I
  await page.getByLabel("Handle of involved person 1").blur();
  await expect(page.getByText("Looks like @mblake (Morgan Blake)")).toBeVisible();
  await expectNoViolations(page);

  // On the member form: a warning as the field is left, a refusal beside it, then the confirmation.
  const name = `Look Alike ${Date.now()}`;
  await page.goto("/members/new");
  await page.getByRole("textbox", { name: "Display name" }).fill(name);
  await page.getByRole("textbox", { name: "Handle 1" }).fill("mbIake");
  await page.getByRole("textbox", { name: "Handle 1" }).blur();
  await expect(page.getByText("Looks like @mblake (Morgan Blake)")).toBeVisible();
  await expect(page.getByRole("link", { name: "Open Morgan Blake’s record instead" })).toBeVisible();
  await expectNoViolations(page);
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(
    page.getByText("Looks like @mblake (Morgan Blake). If this is someone else, tick “This is a different person”", { exact: true }),
  ).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Handle 1" })).toHaveAttribute("aria-invalid", "true");
  await page.getByRole("checkbox", { name: "This is a different person" }).check();
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("region", { name: "Identities" })).toContainText("GitHub: mbIake");
});
