import { test, expect } from "@playwright/test";
import { expectNoAxeViolations, expectNoAxeViolationsInEveryLanguage, signIn, waitForHydration } from "./helpers";

test("the sign-in page passes an accessibility scan", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Кіру");
  await expectNoAxeViolations(page);
});

test("a demo citizen signs in, sees the cabinet and signs out", async ({ page }) => {
  // Timur: only ever refused, so his history stays empty whatever ran before.
  await signIn(page, "000229510005");
  await expect(page).toHaveURL(/\/cabinet$/);
  await expect(page.getByTestId("holder-name")).toHaveText("Беков Тимур");
  await expect(page.getByTestId("holder-iin")).toHaveText("0002******05");
  await expect(page.getByTestId("no-number")).toHaveText("Нөмір қосылмаған");
  await expect(page.getByTestId("history-empty")).toBeVisible();
  await waitForHydration(page);
  await expectNoAxeViolationsInEveryLanguage(page);
  await waitForHydration(page);

  await page.getByRole("button", { name: "Шығу" }).click();
  await expect(page).toHaveURL(/\/sign-in\?signed_out=1$/);
  await expect(page.getByRole("status")).toHaveText("Сіз жүйеден шықтыңыз.");
  await expectNoAxeViolations(page);
  await page.goto("/cabinet");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("the cabinet shows the Latin name in English", async ({ page }) => {
  await page.goto("/lang/en?next=/sign-in");
  await signIn(page, "550101310009");
  await expect(page.getByTestId("holder-name")).toHaveText("Bolat Seitov");
  await expect(page.getByTestId("no-number")).toHaveText("No number bound");
});

test("a wrong password gets one generic message", async ({ page }) => {
  await signIn(page, "900515410001", "not-the-password");
  await expect(page.getByTestId("error-summary")).toContainText("ЖСН немесе құпиясөз қате.");
  await expect(page.locator("#iin")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page);
});

test("an unknown IIN gets the same message as a wrong password", async ({ page }) => {
  await signIn(page, "991331700012");
  await expect(page.getByTestId("error-summary")).toContainText("ЖСН немесе құпиясөз қате.");
});

for (const [iin, message] of [
  ["", "ЖСН енгізіңіз."],
  ["90051541000A", "ЖСН тек цифрлардан тұрады."],
  ["<script>alert(1)</script>", "ЖСН тек цифрлардан тұрады."],
  ["900515", "ЖСН дәл 12 цифрдан тұрады."],
  ["900515410002", "бақылау цифры сәйкес келмейді"],
  ["940140000385", "бизнес-сәйкестендіру нөмірі"],
] as const) {
  test(`a malformed IIN ${JSON.stringify(iin)} is explained`, async ({ page }) => {
    await signIn(page, iin);
    await expect(page.getByTestId("error-summary")).toContainText(message);
  });
}

test("sign-in works by keyboard alone", async ({ page }) => {
  await page.goto("/sign-in");
  await page.locator("#iin").focus();
  await page.keyboard.type("880808410008");
  await page.keyboard.press("Tab");
  await page.keyboard.type("demo-pass-2026");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("holder-name")).toHaveText("Жұмабаева Мадина");
});

test("the sign-in form works before the WASM loads", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, "010721510001");
  await expect(page.getByTestId("holder-name")).toHaveText("Қасымов Арман");
  await context.close();
});
