import { test, expect } from "@playwright/test";
import { expectNoAxeViolationsInEveryLanguage } from "./helpers";

test("the demo phone exists and its outbox starts empty", async ({ page }) => {
  await page.goto("/demo/phone");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Демо-телефон");
  await expect(page.getByTestId("outbox-empty")).toHaveText("Әзірге хабарлама жоқ.");
  await expect(page.getByRole("note")).toContainText("Демо-режим");
  await expectNoAxeViolationsInEveryLanguage(page);
});
