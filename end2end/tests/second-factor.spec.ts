import { test, expect, type Page, type APIRequestContext } from "@playwright/test";
import { bankBinds } from "./bank-api";
import {
  codeFromDemoPhone,
  DEMO_PASSWORD,
  expectNoAxeViolationsInEveryLanguage,
  expectNoAxeViolationsWithoutScript,
  signIn,
  waitForHydration,
} from "./helpers";

// The bound number at work: sign-in with a code sent to it (turned on in
// the cabinet), a state service's notification reaching the demo phone and
// the cabinet, and an optional purpose turned off. Yerlan is used: after
// procedure.spec his number is bound; run alone, the demo bank binds one.
const YERLAN = "851102310000";
test.describe.configure({ timeout: 120_000 });

/** Yerlan's bound number as shown, once a test has found it. */
let boundNumber = "+7 705 123 45 68";

/** Signs Yerlan in and makes sure a number is bound; the number as shown. */
async function withBoundNumber(page: Page, request: APIRequestContext): Promise<string> {
  await signIn(page, YERLAN);
  if (await page.getByTestId("no-number").isVisible()) {
    await bankBinds(request, page, YERLAN, "+77051234568", "+7 705 123 45 68");
    await page.goto("/cabinet");
  }
  boundNumber = (await page.getByTestId("bound-number").textContent())!.trim();
  return boundNumber;
}

async function passwordStep(page: Page) {
  await page.goto("/sign-in");
  await page.locator("#iin").fill(YERLAN);
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.locator("form[action^='/fn/sign_in'] button[type=submit]").click();
  await expect(page).toHaveURL(/\/sign-in\/code$/);
}

async function turnOff(page: Page) {
  await page.goto("/cabinet");
  const off = page.getByTestId("second-factor-off");
  if (await off.isVisible()) {
    await off.click();
    await expect(page.getByTestId("second-factor-on")).toBeVisible();
  }
}

// Whatever a test's outcome, Yerlan leaves with the factor off, so the
// specs after this one sign him in with the password alone.
test.afterEach(async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.locator("#iin").fill(YERLAN);
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.locator("form[action^='/fn/sign_in'] button[type=submit]").click();
  await page.waitForURL(/\/(cabinet|sign-in\/code)$/);
  if (page.url().endsWith("/sign-in/code")) {
    await page.locator("#code").fill(await codeFromDemoPhone(page, boundNumber));
    await page.locator("form[action^='/fn/confirm_sign_in_code'] button[type=submit]").click();
    await page.waitForURL(/\/cabinet$/);
  }
  await turnOff(page);
  await context.close();
});

test("with the second factor on, a password sign-in needs the code sent to the bound number", async ({ page, request }) => {
  const shown = await withBoundNumber(page, request);
  await waitForHydration(page);
  await page.getByTestId("second-factor-on").click();
  await expect(page.getByTestId("second-factor-off")).toBeVisible();
  await page.locator("form[action^='/fn/sign_out'] button[type=submit]").click();
  await expect(page).toHaveURL(/\/sign-in/);

  await passwordStep(page);
  // Only the last two digits: the password alone does not tell the number.
  await expect(page.getByTestId("sign-in-code-sent")).toContainText(`+7 *** *** ** ${shown.slice(-2)}`);
  await expectNoAxeViolationsInEveryLanguage(page);
  // A wrong code: the error beside the field, still not signed in.
  const code = await codeFromDemoPhone(page, shown);
  await waitForHydration(page);
  await page.locator("#code").fill(code === "000000" ? "111111" : "000000");
  await page.locator("form[action^='/fn/confirm_sign_in_code'] button[type=submit]").click();
  await expect(page.getByTestId("error-summary")).toBeVisible();
  await expect(page.locator("#code")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolationsInEveryLanguage(page);
  await page.goto("/cabinet");
  await expect(page).toHaveURL(/\/sign-in/);
  // The right code: the cabinet, which lists the code among the messages.
  await page.goto("/sign-in/code");
  await page.locator("#code").fill(code);
  await page.locator("form[action^='/fn/confirm_sign_in_code'] button[type=submit]").click();
  await expect(page.getByTestId("holder-name")).toHaveText("Ахметов Ерлан");
  await expect(page.getByTestId("messages")).toContainText("Порталға кіру коды");
  await expect(page.getByTestId("messages")).not.toContainText(code);
  // Finished: the attempt's cookie is gone, and the code page offers to sign in again.
  await page.goto("/sign-in/code");
  await expect(page.getByTestId("sign-in-again")).toBeVisible();
  await expectNoAxeViolationsInEveryLanguage(page);
  await turnOff(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the second factor's steps are plain forms", async ({ page, request }) => {
    const shown = await withBoundNumber(page, request);
    await page.getByTestId("second-factor-on").click();
    await expect(page.getByTestId("second-factor-off")).toBeVisible();
    await page.locator("form[action^='/fn/sign_out'] button[type=submit]").click();
    await passwordStep(page);
    // Empty: the error comes back in the address, beside the field.
    await page.locator("form[action^='/fn/confirm_sign_in_code'] button[type=submit]").click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await expectNoAxeViolationsWithoutScript(page);
    // A new code at once is too soon.
    await page.locator("form[action^='/fn/resend_sign_in_code'] button[type=submit]").click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    const code = await codeFromDemoPhone(page, shown);
    await page.locator("#code").fill(code);
    await page.locator("form[action^='/fn/confirm_sign_in_code'] button[type=submit]").click();
    await expect(page).toHaveURL(/\/cabinet$/);
    await expect(page.getByTestId("holder-name")).toHaveText("Ахметов Ерлан");
    await turnOff(page);
  });
});

test("a state service's notification reaches the demo phone and the cabinet; an optional purpose can be turned off", async ({ page, request }) => {
  const shown = await withBoundNumber(page, request);
  const basic = Buffer.from("demo-state-service:demo-state-service-secret").toString("base64");
  const token = (await (await request.post("/api/v1/token", {
    headers: { Authorization: `Basic ${basic}` },
    form: { grant_type: "client_credentials" },
  })).json()).access_token;
  const notify = (purpose: string, key: string) =>
    request.post("/api/v1/notifications", {
      headers: { Authorization: `Bearer ${token}`, "Idempotency-Key": key },
      data: { iin: YERLAN, purpose, text_kk: "Жеке куәлігіңіз дайын.", text_ru: "Ваше удостоверение готово." },
    });
  const r = await notify("document-ready", `e2e-doc-${Date.now()}`);
  expect(r.status()).toBe(202);
  const answer = await r.json();
  expect(Object.keys(answer).sort()).toEqual(["id", "status"]);
  expect(JSON.stringify(answer)).not.toContain(shown.replace(/\D/g, "").slice(1));
  const phone = await page.context().newPage();
  await phone.goto("/demo/phone");
  await expect(phone.locator(`section[aria-label="${shown}"] .sms-body`).first()).toContainText("Жеке куәлігіңіз дайын.");
  await phone.close();
  await page.goto("/cabinet");
  const first = page.getByTestId("message").first();
  await expect(first).toContainText("Public Service Center (demo)");
  await expect(first).toContainText("Құжатыңыз дайын");
  await expect(first.getByTestId("message-text")).toContainText("Ваше удостоверение готово.");
  // Turned off: a tax reminder is answered `opted_out` and not sent.
  const tax = page.locator("[data-testid=preference][data-purpose=tax-reminder]");
  await tax.getByRole("button").click();
  await expect(tax.getByTestId("preference-state")).toHaveText("Өшірілген");
  const refused = await notify("tax-reminder", `e2e-tax-${Date.now()}`);
  expect((await refused.json()).status).toBe("opted_out");
  await expectNoAxeViolationsInEveryLanguage(page);
  await tax.getByRole("button").click();
  await expect(tax.getByTestId("preference-state")).toHaveText("Келеді");
});
