import { test, expect } from "@playwright/test";
import { codeFromDemoPhone, DEMO_PASSWORD, expectNoAxeViolationsWithoutScript } from "./helpers";

// Every step up to the EDS works as plain HTML forms posting to the server
// functions; errors come back in the address, so each error state can be
// scanned in every language.
test.use({ javaScriptEnabled: false });
// Each test walks many full pages, each scanned by axe in several
// languages: 25 s on an idle machine, so a loaded one needs room.
test.describe.configure({ timeout: 90_000 });

test("without JavaScript: sign in, number and consent, code, resend, up to the EDS step", async ({ page }) => {
  // Sign-in: a wrong password comes back with the error summary, focused.
  await page.goto("/sign-in");
  await page.locator("#iin").fill("010721510001");
  await page.locator("#password").fill("wrong");
  await page.locator("form[action^='/fn/sign_in'] button[type=submit]").click();
  await expect(page.getByTestId("error-summary")).toContainText("ЖСН немесе құпиясөз қате.");
  await expect(page.getByTestId("error-summary")).toBeFocused();
  await expect(page.locator("#iin")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolationsWithoutScript(page);
  await page.locator("#iin").fill("010721510001");
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.locator("form[action^='/fn/sign_in'] button[type=submit]").click();
  await expect(page).toHaveURL(/\/cabinet$/);
  await expect(page.getByTestId("holder-name")).toHaveText("Қасымов Арман");

  // A landline is explained beside the field.
  await page.locator("#number").fill("+7 727 123 45 67");
  await page.locator("#consent").check();
  await page.locator("form[action^='/fn/request_code'] button[type=submit]").click();
  await expect(page.locator("#number-error")).toHaveText("Бұл қалалық нөмір. Ұялы нөмірді енгізіңіз.");
  await expect(page.getByTestId("error-summary").getByRole("link")).toHaveAttribute("href", "#number");
  await expectNoAxeViolationsWithoutScript(page);

  // The right number with consent: the request page, code sent.
  await page.locator("#number").fill("+7 708 111 22 33");
  await page.locator("#consent").check();
  await page.locator("form[action^='/fn/request_code'] button[type=submit]").click();
  await expect(page).toHaveURL(/\/cabinet\/request\/[0-9a-f-]+$/);
  await expect(page.getByTestId("code-status")).toHaveText("Растау коды SMS арқылы жіберілді.");
  await expect(page.getByTestId("tries-left")).toHaveText("3");

  // Resending at once is refused with its reason; then a wrong code.
  await page.locator("form[action^='/fn/resend_code'] button[type=submit]").click();
  await expect(page.getByTestId("error-summary")).toContainText("Кодтар тым жиі сұралды");
  const code = await codeFromDemoPhone(page, "+7 708 111 22 33");
  const wrong = code === "000000" ? "111111" : "000000";
  await page.locator("#code").fill(wrong);
  await page.locator("form[action^='/fn/confirm_code'] button[type=submit]").click();
  await expect(page.getByTestId("error-summary")).toContainText("Код қате.");
  await expect(page.getByTestId("tries-left")).toHaveText("2");
  await expect(page.locator("#code")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolationsWithoutScript(page);

  // The right code: the EDS step says what it needs.
  await page.locator("#code").fill(code);
  await page.locator("form[action^='/fn/confirm_code'] button[type=submit]").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ЭЦҚ-мен куәландыру");
  await expect(page.getByTestId("sign-needs-script")).toContainText("JavaScript");
  await expect(page.getByTestId("sign-needs-script")).toContainText("NCALayer");
  await expect(page.getByTestId("sign-button")).toBeDisabled();
  await expectNoAxeViolationsWithoutScript(page);

  // Consent can be revoked, and signing out works, without JavaScript too.
  await page.goto("/cabinet");
  await page.locator("form[action^='/fn/revoke_consent'] button[type=submit]").click();
  await expect(page).toHaveURL(/consent=revoked/);
  await expect(page.getByTestId("consent-none")).toBeVisible();
  await page.locator("form[action^='/fn/sign_out'] button[type=submit]").click();
  await expect(page).toHaveURL(/\/sign-in\?signed_out=1$/);
});

test("without JavaScript: the outcome pages (not performed after three wrong codes, withdrawn)", async ({ page }) => {
  await page.goto("/sign-in");
  await page.locator("#iin").fill("550101310009");
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.locator("form[action^='/fn/sign_in'] button[type=submit]").click();
  const ask = async () => {
    await page.goto("/cabinet");
    await page.locator("#number").fill("+7 701 555 00 00");
    await page.locator("#consent").check();
    await page.locator("form[action^='/fn/request_code'] button[type=submit]").click();
    await expect(page).toHaveURL(/\/cabinet\/request\/[0-9a-f-]+$/);
    return page.url();
  };
  await ask();
  const code = await codeFromDemoPhone(page, "+7 701 555 00 00");
  const wrong = code === "000000" ? "111111" : "000000";
  for (let i = 0; i < 3; i++) {
    await page.locator("#code").fill(wrong);
    await page.locator("form[action^='/fn/confirm_code'] button[type=submit]").click();
  }
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Мемлекеттік қызмет көрсетілмеді");
  await expect(page.getByTestId("refusal-reason")).toHaveText("Бір реттік пароль расталмады.");
  await expect(page.getByTestId("refusal-basis")).toContainText("9");
  await expectNoAxeViolationsWithoutScript(page);

  const older = await ask();
  await ask();
  await page.goto(older);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Сұрау салу жаңасымен ауыстырылды");
  await expectNoAxeViolationsWithoutScript(page);
});
