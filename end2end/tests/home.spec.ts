import { test, expect } from "@playwright/test";
import { expectNoAxeViolations, expectNoAxeViolationsInEveryLanguage, waitForHydration } from "./helpers";

test("the home page is in Kazakh by default and hydrates without errors", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "kk");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ұялы нөмірді электрондық үкімет порталында тіркеу");
  await expect(page.getByText("«Тексеру кодын алу»", { exact: false })).toBeVisible();
  await expect(page.locator("footer")).toContainText("1414, 8-800-080-7777");
  await waitForHydration(page);
  expect(errors).toEqual([]);
  await expectNoAxeViolations(page);
});

for (const [name, lang, heading] of [
  ["Русский", "ru", "Регистрация мобильного номера на портале электронного правительства"],
  ["English", "en", "Register your mobile number on the e-government portal"],
] as const) {
  test(`the language switch turns the page into ${lang}`, async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    await expect(page.getByRole("link", { name })).toHaveAttribute("aria-current", "true");
    await expectNoAxeViolations(page);
    // The choice is kept on the next page.
    await page.goto("/sign-in");
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
  });
}

test("the keyboard reaches the main content through the skip link", async ({ page }) => {
  await page.goto("/");
  // Before the WASM the browser follows the link itself; with it, focus moves to the content.
  await waitForHydration(page);
  await page.keyboard.press("Tab");
  const skip = page.locator(".skip-link");
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});

test("an unknown page answers 404 in the chosen language", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Бет табылмады");
  await expectNoAxeViolationsInEveryLanguage(page);
});

test("the API documentation page is readable and accessible", async ({ page }) => {
  await page.goto("/api/v1/docs");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nomir API құжаттамасы");
  await expect(page.getByText("POST /api/v1/token")).toBeVisible();
  await expectNoAxeViolations(page);
});
