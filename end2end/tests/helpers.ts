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

/** Waits until the WASM has hydrated the page (a loaded 2-core machine
 * has taken over 10 s to fetch and start it). */
export async function waitForHydration(page: Page) {
  await expect(page.locator("[data-hydrated=true]")).toHaveCount(1, { timeout: 30_000 });
}

export async function signIn(page: Page, iin: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.locator("#iin").fill(iin);
  await page.locator("#password").fill(password);
  await page.locator("form[action^='/fn/sign_in'] button[type=submit]").click();
  // With the WASM the form does not navigate: wait for the outcome.
  await expect(page.getByTestId("holder-name").or(page.getByTestId("error-summary"))).toBeVisible();
}

/** The newest code the demo phone received on `number` (as shown, e.g. "+7 701 123 45 67"). */
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
  await waitForHydration(page);
  await page.locator("#number").fill(number);
  if (consent) await page.locator("#consent").check();
  await page.locator("form[action^='/fn/request_code'] button[type=submit]").click();
  await expect(page).toHaveURL(/\/cabinet\/request\/[0-9a-f-]+$/);
}

export async function enterCode(page: Page, code: string) {
  await page.locator("#code").fill(code);
  await page.locator("form[action^='/fn/confirm_code'] button[type=submit]").click();
}

/** Where the code form posts (the `confirm_code` server function) and the request's id. */
export async function confirmTarget(page: Page): Promise<{ path: string; id: string }> {
  const form = page.locator("form[action^='/fn/confirm_code']");
  const path = (await form.getAttribute("action"))!;
  const id = (await form.locator("input[name=id]").getAttribute("value"))!;
  return { path, id };
}

/** Scans the page in Kazakh, Russian and English (switching with the
 * language links' target), then comes back to Kazakh. */
export async function expectNoAxeViolationsInEveryLanguage(page: Page) {
  const url = new URL(page.url());
  const here = url.pathname + url.search;
  for (const lang of ["kk", "ru", "en"]) {
    if (lang !== "kk") await page.goto(`/lang/${lang}?next=${encodeURIComponent(here)}`);
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await expectNoAxeViolations(page);
  }
  await page.goto(`/lang/kk?next=${encodeURIComponent(here)}`);
}

/** Presses Tab until `selector` has focus (at most `max` times): proves the keyboard reaches it. */
export async function tabTo(page: Page, selector: string, max = 40) {
  for (let i = 0; i < max; i++) {
    if (await page.locator(selector).evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  await expect(page.locator(selector)).toBeFocused();
}

/** Certifies the request through the (demo) NCALayer and waits for the outcome page. */
export async function certify(page: Page) {
  await waitForHydration(page);
  await page.getByTestId("sign-button").click();
  await expect(page.getByTestId("sign-button")).toHaveCount(0, { timeout: 20_000 });
}

/** axe-core runs in the page, so a page without JavaScript is scanned as the
 * same address opened, with the same cookies, in a scripted browser (the
 * error states live in the address, so they are the same state). */
export async function expectNoAxeViolationsWithoutScript(page: Page) {
  const origin = new URL(page.url()).origin;
  const context = await page.context().browser()!.newContext({
    storageState: await page.context().storageState(),
    baseURL: origin,
    javaScriptEnabled: true,
  });
  const scripted = await context.newPage();
  await scripted.goto(page.url());
  await expectNoAxeViolationsInEveryLanguage(scripted);
  await context.close();
}

/** Sign in, ask for a code, enter it, certify; the outcome page is then shown. */
export async function bindThroughPortal(page: Page, iin: string, typed: string, shown: string, consent = true) {
  await signIn(page, iin);
  await requestCode(page, typed, consent);
  await expect(page.getByTestId("request-number")).toHaveText(shown);
  const code = await codeFromDemoPhone(page, shown);
  await enterCode(page, code);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ЭЦҚ-мен куәландыру");
  await certify(page);
}


/** Collects what the page logs as an error or a warning, and uncaught
 * errors (a hydration mismatch, a panic, a closure called after it was
 * dropped); `ignore` leaves out the browser's own notes. */
export function consoleProblems(page: Page, ignore?: (text: string) => boolean): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    if ((m.type() === "error" || m.type() === "warning") && !ignore?.(m.text())) {
      problems.push(`${page.url()}: ${m.text()}`);
    }
  });
  page.on("pageerror", (e) => problems.push(`${page.url()}: ${e.message}`));
  return problems;
}
