import { test, expect, type Page } from "@playwright/test";
import {
  bindThroughPortal, certify, codeFromDemoPhone, confirmTarget, consoleProblems, DEMO_PASSWORD, enterCode,
  expectNoAxeViolations, expectNoAxeViolationsInEveryLanguage, requestCode, signIn, tabTo, waitForHydration,
} from "./helpers";
import { bankAsks, bankBinds, bankSees } from "./bank-api";

/** The WASM island `name` on the page (Leptos names it `{name}_{hash}`). */
const island = (page: Page, name: string) => page.locator(`leptos-island[data-component^="${name}_"]`);

test("a citizen binds a number with the keyboard alone; focus follows each step", async ({ page }) => {
  // The binding card and each step are islands that render the flow: what
  // the citizen uses is inside them, and they hydrate without a mismatch.
  const problems = consoleProblems(page);
  const card = island(page, "BindingCard");
  const step = island(page, "RequestStep");
  const heading = page.getByRole("heading", { level: 1 });
  await page.goto("/sign-in");
  await waitForHydration(page);
  await expectNoAxeViolations(page);
  await tabTo(page, "#iin");
  await page.keyboard.type("900515410001");
  await page.keyboard.press("Tab");
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/cabinet$/);
  await expect(heading).toBeFocused();
  await expect(card.getByTestId("no-number")).toBeVisible();
  await expect(card.locator("#number")).toBeVisible();
  await expect(card.locator("#consent")).toBeVisible();

  await tabTo(page, "#number");
  await page.keyboard.type("8 701 123 45 67");
  await tabTo(page, "#consent");
  await page.keyboard.press("Space");
  await tabTo(page, "form[action^='/fn/request_code'] button[type=submit]");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/cabinet\/request\/[0-9a-f-]+$/);
  await expect(heading).toHaveText("Нөмірді растау");
  await expect(heading).toBeFocused();
  await expect(step.getByTestId("tries-left")).toHaveText("3");
  await expect(step.getByTestId("code-status")).toHaveText("Растау коды SMS арқылы жіберілді.");
  for (const part of ["time-left", "resend-button", "request-number"]) {
    await expect(step.getByTestId(part)).toBeVisible();
  }
  await expect(step.locator("#code")).toBeVisible();
  await expectNoAxeViolationsInEveryLanguage(page);
  await waitForHydration(page);

  const code = await codeFromDemoPhone(page, "+7 701 123 45 67");
  const wrong = code === "000000" ? "111111" : "000000";
  await tabTo(page, "#code");
  await page.keyboard.type(wrong);
  await page.keyboard.press("Enter");
  const summary = step.getByTestId("error-summary");
  await expect(summary).toContainText("Код қате.");
  await expect(summary).toBeFocused();
  await expect(step.getByTestId("tries-left")).toHaveText("2");
  await expect(step.locator("#code")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page);
  // The summary's link takes the keyboard to the field to correct.
  await page.keyboard.press("Tab");
  await expect(summary.getByRole("link")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("#code")).toBeFocused();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type(code);
  await page.keyboard.press("Enter");
  await expect(heading).toHaveText("ЭЦҚ-мен куәландыру");
  await expect(heading).toBeFocused();
  await expectNoAxeViolationsInEveryLanguage(page);
  await waitForHydration(page);

  await expect(step.getByTestId("sign-button")).toBeEnabled();
  await tabTo(page, "[data-testid=sign-button]");
  await page.keyboard.press("Enter");
  await expect(heading).toHaveText("Нөмір қосылды", { timeout: 20_000 });
  await expect(heading).toBeFocused();
  await expect(step.getByRole("heading", { level: 1 })).toHaveText("Нөмір қосылды");
  await expect(step.getByTestId("result-document")).toBeVisible();
  await expectNoAxeViolationsInEveryLanguage(page);

  await tabTo(page, "main a[href='/cabinet']");
  await page.keyboard.press("Enter");
  await expect(card.getByTestId("bound-number")).toHaveText("+7 701 123 45 67");
  await expect(page.getByTestId("history")).toContainText("Kcell");
  await expect(page.getByTestId("consent-given")).toBeVisible();
  await expectNoAxeViolationsInEveryLanguage(page);
  expect(problems).toEqual([]);
});

test("a citizen changes the number; the old one stays in the history", async ({ page }) => {
  await bindThroughPortal(page, "851102310000", "+77051234568", "+7 705 123 45 68");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Нөмір қосылды");
  await requestCode(page, "+7 (747) 123-45-69");
  const code = await codeFromDemoPhone(page, "+7 747 123 45 69");
  await enterCode(page, code);
  await certify(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Нөмір қосылды");
  await page.goto("/cabinet");
  await expect(page.getByTestId("bound-number")).toHaveText("+7 747 123 45 69");
  const history = page.getByTestId("history").locator("li");
  await expect(history).toHaveCount(2);
  await expect(history.nth(1)).toContainText("+7 705 123 45 68");
});

// After the change above: his state number is +7 747…, and a bank holds +7 705….
test("a bank binds its number with a permission; the cabinet shows both, and revoking works", async ({ page, request }) => {
  await bankBinds(request, page, "851102310000", "+77051234568", "+7 705 123 45 68");
  await signIn(page, "851102310000");
  await expect(page.getByTestId("bound-number")).toHaveText("+7 705 123 45 68");
  await expect(page.getByTestId("uses")).toContainText("Demo Bank");
  const permission = page.getByTestId("permission");
  await expect(permission).toHaveCount(1);
  await expect(permission.getByTestId("permission-bank")).toHaveText("Demo Bank");
  await expect(permission.getByTestId("permission-state")).toHaveText("қолданыста");
  await expectNoAxeViolationsInEveryLanguage(page);
  await permission.getByRole("button").click();
  await expect(page.getByTestId("permission-revoked")).toBeVisible();
  await expect(page.getByTestId("permission-state")).toHaveText("кері қайтарылды");
  await expect(permission.getByRole("button")).toHaveCount(0);
  expect(await bankSees(request, "851102310000")).toEqual(["revoked"]);
  await expectNoAxeViolations(page);
});

// A bank's open request is the bank's app's to go on with: the cabinet
// links to it, and its page says so, with no form, in every language.
test("a bank's open request shows as the bank's to go on with, with no form", async ({ page, request }) => {
  const asked = await bankAsks(request, "851102310000", "+77051234568");
  await signIn(page, "851102310000");
  await page.getByTestId("open-request").getByRole("link").click();
  await expect(page.getByTestId("at-bank")).toBeVisible();
  await expect(page.locator("input[name=code]")).toHaveCount(0);
  await expect(page.locator("main form")).toHaveCount(0);
  await expectNoAxeViolationsInEveryLanguage(page);
  // The bank's app finishes it: the number stays bound, now confirmed.
  await asked.finish(page, "+7 705 123 45 68");
  await page.goto("/cabinet");
  await expect(page.getByTestId("open-request")).toHaveCount(0);
  await expect(page.getByTestId("bound-number")).toHaveText("+7 705 123 45 68");
});

test("three wrong codes end the request; the right code no longer works", async ({ page }) => {
  await signIn(page, "880808410008");
  await requestCode(page, "+77025551234");
  const url = page.url();
  const target = await confirmTarget(page);
  const right = await codeFromDemoPhone(page, "+7 702 555 12 34");
  const wrong = right === "000000" ? "111111" : "000000";
  await enterCode(page, wrong);
  await expect(page.getByTestId("error-summary")).toContainText("Код қате.");
  await expect(page.getByTestId("tries-left")).toHaveText("2");
  await expectNoAxeViolations(page);
  await enterCode(page, wrong);
  await expect(page.getByTestId("tries-left")).toHaveText("1");
  await enterCode(page, wrong);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Мемлекеттік қызмет көрсетілмеді");
  // The outcome is the step's island too.
  await expect(island(page, "RequestStep").getByTestId("refusal-reason")).toHaveText("Бір реттік пароль расталмады.");
  await expect(island(page, "RequestStep").getByTestId("result-document")).toBeVisible();
  await expectNoAxeViolationsInEveryLanguage(page);
  // The right code, posted now, changes nothing.
  await page.request.post(target.path, { form: { id: target.id, code: right } });
  await page.goto(url);
  await expect(page.getByTestId("refusal-reason")).toHaveText("Бір реттік пароль расталмады.");
  await page.goto("/cabinet");
  await expect(page.getByTestId("no-number")).toBeVisible();
});

test("bad numbers are explained on the cabinet page", async ({ page }) => {
  await signIn(page, "991231410007");
  for (const [typed, message] of [
    ["", "Ұялы нөмірді енгізіңіз."],
    ["+7 727 123 45 67", "Бұл қалалық нөмір."],
    ["+7 916 123 45 67", "Бұл Қазақстан нөмірі емес."],
    ["<script>alert(1)</script>", "Нөмірде тек цифрлар"],
    ["8701", "10 цифр"],
  ]) {
    await page.goto("/cabinet");
    await page.locator("#number").fill(typed);
    await page.locator("form[action^='/fn/request_code'] button[type=submit]").click();
    await expect(page.getByTestId("error-summary")).toContainText(message);
    await expect(page.locator("#number")).toHaveAttribute("aria-invalid", "true");
  }
  await expectNoAxeViolations(page);
});

for (const [who, iin, typed, shown, consent, reason] of [
  ["an expired ID card", "720314410000", "+77014440000", "+7 701 444 00 00", true, "куәландыратын жарамды құжат жоқ"],
  ["a deceased person", "550101310009", "+77015550000", "+7 701 555 00 00", true, "қайтыс болды"],
  ["no register record", "000229510005", "+77016660000", "+7 701 666 00 00", true, "жазба табылмады"],
  ["no consent", "880808410008", "+77025551234", "+7 702 555 12 34", false, "келісім берілмеді"],
] as const) {
  test(`refusal: ${who}`, async ({ page }) => {
    await bindThroughPortal(page, iin, typed, shown, consent);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Мемлекеттік қызметті көрсетуден бас тартылды");
    await expect(page.getByTestId("refusal-reason")).toContainText(reason);
    await expect(page.getByTestId("refusal-basis")).not.toBeEmpty();
    await expect(page.getByText("1414, 8-800-080-7777").first()).toBeVisible();
    await expectNoAxeViolationsInEveryLanguage(page);
  });
}

// No code goes to a number the operator attributes to someone else (or to
// nobody): the cabinet says so at once, and nothing is started.
for (const [who, iin, typed] of [
  ["someone else's number", "991231410007", "+77011234567"],
  ["an unassigned number", "010721510001", "+77000000000"],
] as const) {
  test(`no code to ${who}`, async ({ page }) => {
    await signIn(page, iin);
    await page.goto("/cabinet");
    await page.locator("#number").fill(typed);
    await page.locator("#consent").check();
    await page.locator("form[action^='/fn/request_code'] button[type=submit]").click();
    await expect(page.getByTestId("error-summary")).toContainText("оператор");
    await expect(page.locator("#number")).toHaveAttribute("aria-invalid", "true");
    // Nothing was started: the cabinet is still the page shown.
    expect(new URL(page.url()).pathname).toBe("/cabinet");
    await expectNoAxeViolationsInEveryLanguage(page);
  });
}

// Nor to a number whose SIM card changed in the last 72 hours (the demo's
// +77013330000, 24 hours before the demo loaded): the citizen is told why.
test("no code to a number whose SIM card was just replaced", async ({ page }) => {
  await signIn(page, "900515410001");
  await page.goto("/cabinet");
  await page.locator("#number").fill("+7 701 333 00 00");
  await page.locator("#consent").check();
  await page.locator("form[action^='/fn/request_code'] button[type=submit]").click();
  await expect(page.getByTestId("error-summary")).toContainText("SIM-картасы 72 сағаттан аз уақыт бұрын");
  await expect(page.locator("#number")).toHaveAttribute("aria-invalid", "true");
  expect(new URL(page.url()).pathname).toBe("/cabinet");
  await expectNoAxeViolationsInEveryLanguage(page);
});

test("the refusal is given in Russian and English too", async ({ page }) => {
  await page.goto("/lang/ru?next=/sign-in");
  await signIn(page, "000229510005");
  await requestCode(page, "+77016660000");
  const code = await codeFromDemoPhone(page, "+7 701 666 00 00");
  await enterCode(page, code);
  await certify(page);
  await expect(page.getByTestId("refusal-basis")).toContainText("О национальных реестрах идентификационных номеров");
  await page.goto(`/lang/en?next=${new URL(page.url()).pathname}`);
  await expect(page.getByTestId("refusal-reason")).toHaveText("The national register of individuals holds no record of your IIN.");
});

test("a newer request replaces the older one, whose code then binds nothing", async ({ page }) => {
  await signIn(page, "991231410007");
  await requestCode(page, "+77777654321");
  const first = page.url();
  const target = await confirmTarget(page);
  const oldCode = await codeFromDemoPhone(page, "+7 777 765 43 21");
  // The cabinet links back to the request in progress.
  await page.goto("/cabinet");
  await expect(page.getByTestId("open-request")).toContainText("+7 777 765 43 21");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Сұрау салуды жалғастыру" }).click();
  await expect(page).toHaveURL(first);
  // The request page is in place before the next navigation starts.
  await expect(page.getByTestId("request-number")).toHaveText("+7 777 765 43 21");
  await requestCode(page, "+7 777 765 43 21");
  expect(page.url()).not.toBe(first);
  await page.goto(first);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Сұрау салу жаңасымен ауыстырылды");
  await expectNoAxeViolationsInEveryLanguage(page);
  const replayed = await page.request.post(target.path, { form: { id: target.id, code: oldCode } });
  expect(replayed.status()).toBeLessThan(500);
  await page.goto(first);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Сұрау салу жаңасымен ауыстырылды");
  await page.goto("/cabinet");
  await expect(page.getByTestId("no-number")).toBeVisible();
});

test("a recycled number: binding it ends the previous holder's binding, and her cabinet says why", async ({ page }) => {
  // Gulnar has held +7 701 777 00 00 since 2023; the operator now attributes it to Dana.
  await signIn(page, "720314410000");
  await page.goto("/cabinet");
  await expect(page.getByTestId("bound-number")).toHaveText("+7 701 777 00 00");
  await page.context().clearCookies();

  await bindThroughPortal(page, "991231410007", "+7 701 777 00 00", "+7 701 777 00 00");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Нөмір қосылды");
  await page.goto("/cabinet");
  await expect(page.getByTestId("bound-number")).toHaveText("+7 701 777 00 00");
  await page.context().clearCookies();

  await signIn(page, "720314410000");
  await page.goto("/cabinet");
  await expect(page.getByTestId("no-number")).toBeVisible();
  await expect(page.getByTestId("history")).toContainText("+7 701 777 00 00");
  await expect(page.getByTestId("history-reassigned")).toHaveText("аяқталды: оператор нөмірді басқа абонентке берді");
  await expectNoAxeViolations(page);
});

test("with the WASM, steps change in place, and the back button understands them", async ({ page }) => {
  await signIn(page, "000229510005");
  await expect(page).toHaveURL(/\/cabinet$/);
  await waitForHydration(page);
  // A full page load would lose this.
  await page.evaluate(() => { (window as any).samePage = true; });
  await page.locator("#number").fill("+77016660000");
  await page.locator("#consent").check();
  await page.locator("form[action^='/fn/request_code'] button[type=submit]").click();
  await expect(page).toHaveURL(/\/cabinet\/request\/[0-9a-f-]+$/);
  const request = page.url();
  await page.goBack();
  await expect(page).toHaveURL(/\/cabinet$/);
  await expect(page.getByTestId("open-request")).toContainText("+7 701 666 00 00");
  await page.goForward();
  await expect(page).toHaveURL(request);
  await expect(page.getByTestId("request-number")).toHaveText("+7 701 666 00 00");
  expect(await page.evaluate(() => (window as any).samePage)).toBe(true);
});

// Last: it moves the demo server's clock forward.
test("a request not completed in 10 minutes expires", async ({ page }) => {
  await signIn(page, "010721510001");
  await requestCode(page, "+77081112233");
  const url = page.url();
  const response = await page.request.post("/demo/clock?minutes=11");
  expect(response.status()).toBe(204);
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Сұрау салу мерзімі өтті");
  await expect(page.getByTestId("demo-clock-moved")).toContainText("11");
  await expectNoAxeViolationsInEveryLanguage(page);
});

