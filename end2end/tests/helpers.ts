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
