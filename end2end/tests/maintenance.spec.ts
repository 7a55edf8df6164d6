import { test, expect, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { DEMO_PASSWORD, expectNoAxeViolations, expectNoAxeViolationsInEveryLanguage } from "./helpers";

// Appendix row 7. The operator's command announces the window on the demo
// server's database (scripts/test.sh says where both are).
const BIN = process.env.NOMIR_BIN;
const DB = process.env.E2E_DATABASE_URL;

function nomir(...args: string[]): string {
  return execFileSync(BIN!, ["maintenance", ...args], {
    env: { ...process.env, DATABASE_URL: DB!, NOMIR_DEMO: "1", NOMIR_SECRET: "an-end-to-end-secret-for-maintenance-0123" },
    encoding: "utf8",
  });
}

/** How far the tests before moved the demo server's clock, in minutes. */
async function clockShift(page: Page): Promise<number> {
  await page.goto("/");
  const moved = page.getByTestId("demo-clock-moved");
  if ((await moved.count()) === 0) return 0;
  return Number((await moved.textContent())!.match(/(\d+)\s*$/)![1]);
}

test("a maintenance break ahead: every page shows when, in every language", async ({ page }) => {
  test.skip(!BIN || !DB, "scripts/test.sh sets NOMIR_BIN and E2E_DATABASE_URL");
  const serverNow = Date.now() + (await clockShift(page)) * 60_000;
  const from = new Date(serverNow + 60 * 60_000);
  const until = new Date(from.getTime() + 60 * 60_000);
  const id = nomir("announce", "--from", from.toISOString(), "--until", until.toISOString()).split(/\s+/)[1];
  try {
    await page.goto("/sign-in");
    const banner = page.getByTestId("maintenance-banner");
    await expect(banner).toContainText("Жоспарлы техникалық үзіліс");
    await expect(banner).not.toHaveAttribute("data-paused", "true");
    await expect(banner.locator("time").first()).toHaveAttribute("datetime", /\+05:00$/);
    await expectNoAxeViolationsInEveryLanguage(page);
  } finally {
    nomir("cancel", id);
  }
  await page.goto("/sign-in");
  await expect(page.getByTestId("maintenance-banner")).toHaveCount(0);
});

// The demo clock is not moved (the tests after this one read it): the
// window starts a few seconds from the server's now, and the test waits.
test("during a break pages say until when and a form post is answered 503 with a page", async ({ page }) => {
  test.skip(!BIN || !DB, "scripts/test.sh sets NOMIR_BIN and E2E_DATABASE_URL");
  const serverNow = Date.now() + (await clockShift(page)) * 60_000;
  const from = new Date(serverNow + 3_000);
  const until = new Date(from.getTime() + 30 * 60_000);
  const id = nomir("announce", "--from", from.toISOString(), "--until", until.toISOString()).split(/\s+/)[1];
  try {
    await page.waitForTimeout(from.getTime() - serverNow + 1_000);
    await page.goto("/sign-in");
    const banner = page.getByTestId("maintenance-banner");
    await expect(banner).toHaveAttribute("data-paused", "true");
    await expect(banner).toContainText("уақытша тоқтатылды");
    await expectNoAxeViolationsInEveryLanguage(page);
    const action = (await page.locator("form:has(#password)").getAttribute("action"))!;
    const answer = await page.request.post(action, {
      form: { iin: "900515410001", password: DEMO_PASSWORD },
      headers: { origin: new URL(page.url()).origin, accept: "text/html" },
    });
    expect(answer.status()).toBe(503);
    expect(Number(answer.headers()["retry-after"])).toBeGreaterThan(0);
    await page.setContent(await answer.text());
    await expect(page.getByRole("heading", { level: 1 })).toContainText("уақытша тоқтатылды");
    await expectNoAxeViolations(page);
  } finally {
    nomir("cancel", id);
  }
  await page.goto("/sign-in");
  await expect(page.getByTestId("maintenance-banner")).toHaveCount(0);
});
