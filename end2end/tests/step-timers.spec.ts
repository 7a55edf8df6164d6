import { test, expect } from "@playwright/test";
import {
  codeFromDemoPhone, consoleProblems, enterCode, expectNoAxeViolations, expectNoAxeViolationsInEveryLanguage, requestCode, signIn,
  waitForHydration,
} from "./helpers";

// The browser's clock is Playwright's to move; the service's is not moved
// (later specs expect it where the demo starts). The timers count from the
// service's time given in the page, so a browser clock set anywhere still
// counts the same minutes.
test("the code step counts down its term, turns the resend on at its second and says when the term is over", async ({ page }) => {
  // Hydration mismatches and panics show in the console: none may.
  const problems = consoleProblems(page);
  await page.clock.install({ time: new Date("2031-03-04T05:06:07Z") });
  // Only the browser's clock moves here, so the service's answers about the
  // step (which re-teach the page the service's time) are kept to "still at
  // the code step", without times: the countdown runs on the page's own.
  await page.route("**/cabinet/request/*/step", (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: '{"step":"code"}' }),
  );
  await signIn(page, "010721510001");
  await requestCode(page, "+77081112233");
  await waitForHydration(page);

  const left = page.getByTestId("time-left");
  const heard = page.getByTestId("timer-announcement");
  const resend = page.getByTestId("resend-button");
  await expect(left).toHaveText(/^(10:00|9:5\d)$/);
  await expect(heard).toHaveText("Сұрау салуды аяқтауға 10 минут бар.");
  await expect(resend).toBeDisabled();
  await expect(page.getByTestId("resend-wait")).toContainText(/0:[0-5]\d/);
  await expectNoAxeViolations(page);
  // The running step in Russian and English too (each a page load: the
  // countdown goes on from the service's times).
  await expectNoAxeViolationsInEveryLanguage(page);
  await waitForHydration(page);
  await expect(heard).toHaveText("Сұрау салуды аяқтауға 10 минут бар.");

  // A minute on, a new code may be asked for.
  await page.clock.fastForward("01:02");
  await expect(resend).toBeEnabled();
  await expect(page.getByTestId("resend-wait")).toHaveText("Енді жаңа кодты сұрауға болады.");
  await expect(left).toHaveText(/^8:5\d$/);
  // The time left is heard at 5 minutes, not each second.
  await expect(heard).toHaveText("Сұрау салуды аяқтауға 10 минут бар.");
  await page.clock.fastForward("04:00");
  await expect(heard).toHaveText("Сұрау салуды аяқтауға 5 минут қалды.");
  await page.clock.fastForward("03:00");
  await expect(heard).toHaveText("Сұрау салуды аяқтауға 2 минут қалды.");

  // At the end, without a reload.
  await page.clock.fastForward("02:10");
  await expect(left).toHaveText("0:00");
  await expect(page.getByTestId("code-expired")).toBeVisible();
  await expect(heard).toHaveText("Сұрау салу мерзімі өтті.");
  await expectNoAxeViolations(page);
  expect(problems).toEqual([]);
});

test("the code step learns, without a reload, that its request moved on in another tab", async ({ page, context }) => {
  await signIn(page, "010721510001");
  await requestCode(page, "+77081112233");
  await waitForHydration(page);
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toHaveText("Нөмірді растау");
  const marker = await page.evaluate(() => ((window as any).__sameDocument = true));
  expect(marker).toBe(true);

  // The code is entered in another tab of the same browser.
  const other = await context.newPage();
  await other.goto(page.url());
  const code = await codeFromDemoPhone(other, "+7 708 111 22 33");
  await enterCode(other, code);
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("ЭЦҚ-мен куәландыру");
  await other.close();

  // The first tab shows the EDS step in place: the same document, never reloaded.
  await expect(heading).toHaveText("ЭЦҚ-мен куәландыру", { timeout: 15_000 });
  expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
  await expect(heading).toBeFocused();
});
