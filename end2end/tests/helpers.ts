import { expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

export const DEMO_PASSWORD = "demo-pass-2026";

/** Scans the page with axe-core (WCAG 2.x A and AA rules) and expects no violations. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary).toEqual([]);
}

/** Waits until the WASM has hydrated the page. */
export async function waitForHydration(page: Page) {
  await expect(page.locator("[data-hydrated=true]")).toHaveCount(1);
}

export async function signIn(page: Page, iin: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.locator("#iin").fill(iin);
  await page.locator("#password").fill(password);
  await page.locator("form[action='/auth/sign-in'] button[type=submit]").click();
}

/** The newest code the demo phone received on `number` (as shown, e.g. "+7 701 123 4567"). */
export async function codeFromDemoPhone(page: Page, number: string): Promise<string> {
  const phone = await page.context().newPage();
  await phone.goto("/demo/phone");
  const body = await phone.locator(`section[aria-label="${number}"] .sms-body`).first().textContent();
  await phone.close();
  const code = body?.match(/\b\d{6}\b/)?.[0];
  expect(code, `an SMS with a code on ${number}`).toBeTruthy();
  return code!;
}

/** Enters a number with consent (or without) and presses "get code". */
export async function requestCode(page: Page, number: string, consent = true) {
  await page.goto("/cabinet");
  await page.locator("#number").fill(number);
  if (consent) await page.locator("#consent").check();
  await page.locator("form[action='/cabinet/number'] button[type=submit]").click();
  await expect(page).toHaveURL(/\/cabinet\/request\/[0-9a-f-]+$/);
}

export async function enterCode(page: Page, code: string) {
  await page.locator("#code").fill(code);
  await page.locator("form[action$='/code'] button[type=submit]").click();
}

/** Certifies the request through the (demo) NCALayer and waits for the outcome page. */
export async function certify(page: Page) {
  await waitForHydration(page);
  await page.getByTestId("sign-button").click();
  await expect(page.getByTestId("sign-button")).toHaveCount(0, { timeout: 20_000 });
}
