import { test, expect, type Page } from "@playwright/test";
import { consoleProblems, DEMO_PASSWORD, signIn, waitForHydration } from "./helpers";

// Every page, as a citizen and as an official opens it: the islands
// hydrate (a mismatch between the server's HTML and the WASM's view, a
// panic or a failed load shows in the console as an error or a warning),
// and nothing else complains. Nothing here sends an SMS or changes a
// request, so the specs after it find the demo as it starts.
/** Opens a page; a page that answers 4xx on purpose (not found, not this
 * role's) has the browser's own note of that status left out. */
async function visit(page: Page, path: string, problems: string[]) {
  const before = problems.length;
  const response = await page.goto(path);
  // The document checker is a plain page of the server's, without the WASM.
  if (path !== "/check-document") await waitForHydration(page);
  // Let the islands' first effects and timers run.
  await page.waitForTimeout(300);
  if ((response?.status() ?? 200) >= 400) {
    const mine = problems.splice(before).filter((p) => !p.includes("Failed to load resource"));
    problems.push(...mine);
  }
}

test("no page logs an error or a warning in the browser's console, in any language", async ({ page }) => {
  test.setTimeout(120_000);
  const problems = consoleProblems(page);
  for (const lang of ["kk", "ru", "en"]) {
    await page.goto(`/lang/${lang}?next=/`);
    for (const path of ["/", "/sign-in", "/demo/phone", "/office/sign-in", "/check-document", "/no-such-page"]) {
      await visit(page, path, problems);
    }
  }
  await page.goto("/lang/kk?next=/");
  await signIn(page, "720314410000");
  for (const path of ["/cabinet", "/cabinet/complaints", "/cabinet/complaints/new"]) {
    await visit(page, path, problems);
  }
  expect(problems).toEqual([]);
});

test("no back-office page logs an error or a warning", async ({ page }) => {
  test.setTimeout(60_000);
  const problems = consoleProblems(page);
  for (const login of ["official.demo", "reviewer.demo", "admin.demo"]) {
    await page.goto("/office/sign-in");
    await page.locator("#login").fill(login);
    await page.locator("#password").fill(DEMO_PASSWORD);
    await page.locator("form[action^='/fn/staff_sign_in'] button[type=submit]").click();
    await expect(page.getByTestId("staff-who")).toContainText(login);
    for (const path of ["/office", "/office/dashboard"]) {
      await visit(page, path, problems);
    }
    await page.context().clearCookies();
  }
  expect(problems).toEqual([]);
});
