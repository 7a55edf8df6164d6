import { test, expect, type Page } from "@playwright/test";
import { signIn } from "./helpers";

/** Nothing scrolls sideways: the page reflows into the viewport's width. */
async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

// WCAG 1.4.10: 320 CSS px wide, and 1280 px at 200 % zoom (640 CSS px).
for (const width of [320, 640]) {
  test(`every page reflows at ${width} CSS px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    for (const path of ["/", "/sign-in", "/demo/phone", "/no-such-page"]) {
      await page.goto(path);
      await expectNoHorizontalScroll(page);
    }
    await signIn(page, "000229510005");
    await expect(page).toHaveURL(/\/cabinet$/);
    await expectNoHorizontalScroll(page);
  });
}

test("keyboard focus is always visible", async ({ page }) => {
  await page.goto("/sign-in");
  await page.locator("#iin").focus();
  await page.keyboard.press("Tab");
  const outline = await page.locator("#password").evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe("solid");
});

test("with reduced motion asked for, nothing moves", async ({ page }) => {
  await page.goto("/sign-in");
  const moving = () => page.locator("button[type=submit]").evaluate((el) => getComputedStyle(el).transitionDuration);
  expect(await moving()).not.toBe("0s");
  await page.emulateMedia({ reducedMotion: "reduce" });
  expect(await moving()).toBe("0s");
});
