import { test, expect, type Browser, type Page } from "@playwright/test";
import { consoleProblems, expectNoAxeViolations, requestCode, signIn, waitForHydration } from "./helpers";

// The fields help as the citizen types (issue 19 item 3): the number is
// shown back the way it is read, a pasted SMS leaves its code, and what
// the server would refuse first is said before anything is sent, with the
// server's own words. Runs after the specs that count the demo's SMS.

const CITIZEN = "880808410008";
const NUMBER = "+7 702 555 12 34";

/** The error summary's and the field's words the server itself gives for
 * `value` typed into `field` on `path` (a browser without JavaScript). */
async function serverSays(browser: Browser, page: Page, path: string, field: string, value: string) {
  const context = await browser.newContext({
    storageState: await page.context().storageState(),
    baseURL: new URL(page.url()).origin,
    javaScriptEnabled: false,
  });
  const plain = await context.newPage();
  await plain.goto(path);
  await plain.locator(`#${field}`).fill(value);
  await plain.locator(`#${field}`).evaluate((e) => (e as HTMLInputElement).form!.requestSubmit());
  const summary = (await plain.getByTestId("error-summary").innerText()).trim();
  const beside = (await plain.locator(`#${field}-error`).innerText()).trim();
  await context.close();
  return { summary, beside };
}

test("the number is shown as it is read however it is typed, and a landline is refused before sending, in the server's words", async ({ page, browser }) => {
  await signIn(page, CITIZEN);
  await page.goto("/cabinet");
  await waitForHydration(page);
  const number = page.locator("#number");
  for (const typed of ["87025551234", "8 702 555 12 34", "+7 (702) 555-12-34", "+77025551234"]) {
    await number.fill(typed);
    await expect(number, typed).toHaveValue(NUMBER);
  }
  // Pasted whole, even the ten digits alone.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.evaluate(() => navigator.clipboard.writeText("702 555 1234"));
  await number.fill("");
  await number.focus();
  await page.keyboard.press("ControlOrMeta+V");
  await expect(number).toHaveValue(NUMBER);
  // Typed key by key, from the keyboard alone.
  await number.fill("");
  await number.focus();
  await page.keyboard.type("8(702)5551234");
  await expect(number).toHaveValue(NUMBER);
  // With the country code but no "+": ten digits in, the number is not yet whole.
  await number.fill("");
  await page.keyboard.type("7702555123");
  await expect(number).toHaveValue("7702555123");
  await page.keyboard.type("4");
  await expect(number).toHaveValue(NUMBER);
  // Ten digits, then leaving the field: that is the whole number.
  await number.fill("");
  await page.keyboard.type("7025551234");
  await expect(number).toHaveValue("7025551234");
  await page.keyboard.press("Tab");
  await expect(number).toHaveValue(NUMBER);
  // A number still being typed is left as it is.
  await number.fill("8 702 55");
  await expect(number).toHaveValue("8 702 55");

  // An Almaty landline: nothing is posted, the error shows as the server's page would.
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST") posts.push(r.url());
  });
  await number.fill("8 727 123 45 67");
  await page.locator("#consent").check();
  await page.locator("form[action^='/fn/request_code'] button[type=submit]").click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  // Where the server's page has it: before the card with the form.
  await expect(page.locator("section.card .error-summary")).toHaveCount(0);
  await expect(page.locator(".error-summary + section.card #number")).toHaveCount(1);
  await expect(number).toHaveAttribute("aria-invalid", "true");
  await expect(number).toHaveAttribute("aria-describedby", "number-hint number-error");
  expect(posts).toEqual([]);
  const server = await serverSays(browser, page, "/cabinet", "number", "8 727 123 45 67");
  expect((await summary.innerText()).trim()).toBe(server.summary);
  expect((await page.locator("#number-error").innerText()).trim()).toBe(server.beside);
  await expectNoAxeViolations(page);
  // Following the summary's link puts the citizen back in the field.
  await summary.getByRole("link").click();
  await expect(number).toBeFocused();

  // In Russian and English too: the server's words in that language, and axe.
  for (const lang of ["ru", "en"]) {
    await page.goto(`/lang/${lang}?next=/cabinet`);
    await waitForHydration(page);
    await number.fill("8 727 123 45 67");
    await page.locator("form[action^='/fn/request_code'] button[type=submit]").click();
    await expect(summary).toBeFocused();
    const words = await serverSays(browser, page, "/cabinet", "number", "8 727 123 45 67");
    expect((await summary.innerText()).trim()).toBe(words.summary);
    expect(words.summary).not.toBe(server.summary);
    await expectNoAxeViolations(page);
  }
  await page.goto("/lang/kk?next=/cabinet");
  expect(posts).toEqual([]);
});

test("the IIN's check digit is checked before signing in, in the server's words", async ({ page, browser }) => {
  await page.goto("/sign-in");
  await waitForHydration(page);
  await page.locator("#iin").fill("880808410009");
  await page.locator("#password").fill("anything");
  await page.locator("form[action^='/fn/sign_in'] button[type=submit]").click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  // Under the page's heading, as the server's page has it.
  await expect(page.locator("main h1 + .error-summary")).toHaveCount(1);
  await expect(page.locator("#iin")).toHaveAttribute("aria-invalid", "true");
  const server = await serverSays(browser, page, "/sign-in", "iin", "880808410009");
  expect((await summary.innerText()).trim()).toBe(server.summary);
  expect((await page.locator("#iin-error").innerText()).trim()).toBe(server.beside);
  // Corrected, the error moves to the next field the server checks.
  await page.locator("#iin").fill(CITIZEN);
  await page.locator("#password").fill("");
  await page.locator("form[action^='/fn/sign_in'] button[type=submit]").click();
  await expect(page.locator("#iin")).toHaveAttribute("aria-invalid", "false");
  await expect(page.locator("#iin-error")).toHaveCount(0);
  await expect(page.locator("#password")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#password")).toHaveAttribute("aria-describedby", "password-error");
  await expect(page.getByTestId("error-summary")).toHaveCount(1);
  // Corrected again, the form goes, cleared of what was shown.
  await page.locator("#password").fill("not-the-password");
  await page.locator("form[action^='/fn/sign_in'] button[type=submit]").click();
  await expect(page.locator("#password")).not.toHaveAttribute("aria-describedby", /password-error/);
  await expectNoAxeViolations(page);
});

test("a whole SMS pasted into the code field leaves its code, which is then accepted", async ({ page, context }) => {
  const problems = consoleProblems(page);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, CITIZEN);
  await requestCode(page, "8 702 555 12 34");
  await waitForHydration(page);
  const phone = await context.newPage();
  await phone.goto("/demo/phone");
  const sms = (await phone.locator('section[aria-label="+7 702 555 12 34"] .sms-body').first().textContent())!;
  await phone.close();
  const code = sms.match(/\b\d{6}\b/)![0];
  expect(sms.length).toBeGreaterThan(20);

  await page.evaluate((text) => navigator.clipboard.writeText(text), sms);
  await page.locator("#code").focus();
  await page.keyboard.press("ControlOrMeta+V");
  await expect(page.locator("#code")).toHaveValue(code);
  await page.locator("form[action^='/fn/confirm_code'] button[type=submit]").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ЭЦҚ-мен куәландыру");
  expect(problems).toEqual([]);
});
