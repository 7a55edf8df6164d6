import { test, expect, type Page } from "@playwright/test";
import { certify, codeFromDemoPhone, DEMO_PASSWORD, waitForHydration } from "./helpers";

// Browser extensions (dark themes, translators, password managers,
// accessibility checkers) add elements to pages they did not write. Every
// step must still show its outcome: here each step is taken after a
// `<style>` and a `<script>` were added to `<head>` and a `<div>` to `<body>`.
// Runs after procedure.spec.ts: Aigerim then holds +7 701 123 45 67 and
// changes it here to her second number.

/** What an extension does to a page, once per call. */
async function meddle(page: Page) {
  await page.evaluate(() => {
    const style = document.createElement("style");
    style.textContent = "html { scrollbar-color: auto; }";
    style.dataset.extension = "";
    document.head.appendChild(style);
    const script = document.createElement("script");
    script.type = "text/plain";
    script.dataset.extension = "";
    script.textContent = "extension state";
    document.head.appendChild(script);
    const div = document.createElement("div");
    div.dataset.extension = "";
    div.textContent = "extension toolbar";
    document.body.appendChild(div);
  });
}

const heading = (page: Page) => page.getByRole("heading", { level: 1 });

// An extension's style applies whatever the page's Content Security Policy
// says; so does the one added here.
test.use({ bypassCSP: true });

test("with extensions' elements added before each step, every step shows its outcome", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(e.message));

  await page.goto("/sign-in");
  await waitForHydration(page);
  // A full page load would lose this: every step below changes in place.
  await page.evaluate(() => { (window as any).samePage = true; });
  const inPlace = async () => expect(await page.evaluate(() => (window as any).samePage)).toBe(true);
  await meddle(page);
  await page.locator("#iin").fill("900515410001");
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.locator("form[action^='/fn/sign_in'] button[type=submit]").click();
  await expect(page).toHaveURL(/\/cabinet$/);
  await expect(page.getByTestId("holder-name")).toHaveText("Сапарова Әйгерім");
  await expect(heading(page)).toBeFocused();
  await inPlace();

  // A link, then the number form.
  await meddle(page);
  await page.locator("nav.main-nav a[href='/']").click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("holder-name")).toHaveCount(0);
  await meddle(page);
  await page.goBack();
  await expect(page.getByTestId("holder-name")).toHaveText("Сапарова Әйгерім");
  await waitForHydration(page);
  await inPlace();

  await meddle(page);
  await page.locator("#number").fill("+7 701 765 43 21");
  await page.locator("#consent").check();
  await page.locator("form[action^='/fn/request_code'] button[type=submit]").click();
  await expect(page).toHaveURL(/\/cabinet\/request\/[0-9a-f-]+$/);
  await expect(heading(page)).toHaveText("Нөмірді растау");
  await expect(page.getByTestId("request-number")).toHaveText("+7 701 765 43 21");
  await expect(page.getByTestId("code-status")).toHaveText("Растау коды SMS арқылы жіберілді.");
  await expect(heading(page)).toBeFocused();
  await inPlace();

  // Resending at once: the button is off for the first minute; sent anyway
  // (a script submits the form), the server refuses and the refusal is shown.
  await meddle(page);
  await expect(page.getByTestId("resend-button")).toBeDisabled();
  await page.locator("form[action^='/fn/resend_code']").evaluate((f) => (f as HTMLFormElement).requestSubmit());
  await expect(page.getByTestId("error-summary")).toContainText("Кодтар тым жиі сұралды");
  await expect(page.getByTestId("error-summary")).toBeFocused();
  await inPlace();

  const code = await codeFromDemoPhone(page, "+7 701 765 43 21");
  const wrong = code === "000000" ? "111111" : "000000";
  await meddle(page);
  await page.locator("#code").fill(wrong);
  await page.locator("form[action^='/fn/confirm_code'] button[type=submit]").click();
  await expect(page.getByTestId("error-summary")).toContainText("Код қате.");
  await expect(page.getByTestId("tries-left")).toHaveText("2");
  // One error in the address, however many came before it.
  expect(new URL(page.url()).searchParams.getAll("__err")).toHaveLength(1);
  await inPlace();

  await meddle(page);
  await page.locator("#code").fill(code);
  await page.locator("form[action^='/fn/confirm_code'] button[type=submit]").click();
  await expect(heading(page)).toHaveText("ЭЦҚ-мен куәландыру");
  await expect(page.getByTestId("error-summary")).toHaveCount(0);
  await expect(heading(page)).toBeFocused();
  await inPlace();

  await waitForHydration(page);
  await meddle(page);
  await certify(page);
  await expect(heading(page)).toHaveText("Нөмір қосылды");
  await inPlace();

  await meddle(page);
  await page.locator("main a[href='/cabinet']").click();
  await expect(page.getByTestId("bound-number")).toHaveText("+7 701 765 43 21");
  // The extensions' own elements are theirs: the page never removes them.
  await expect(page.locator("body > div[data-extension]")).not.toHaveCount(0);
  // The islands the last step brought are hydrated.
  await expect(page.locator("[data-hydrated=true]")).toHaveCount(1);
  await inPlace();
  expect(errors).toEqual([]);
});

test("an answer that cannot be put in place is loaded as a full page", async ({ page }) => {
  const samePage = () => page.evaluate(() => (window as any).samePage);
  await page.goto("/");
  await waitForHydration(page);
  // A page that is not the app's (it has no layout): the browser loads it.
  await page.evaluate(() => {
    (window as any).samePage = true;
    const a = document.createElement("a");
    a.href = "/api/v1/docs";
    a.id = "api-link";
    a.textContent = "API";
    document.querySelector("main")!.appendChild(a);
  });
  await page.locator("#api-link").click();
  await expect(heading(page)).toHaveText("Nomir API құжаттамасы");
  expect(await samePage()).toBeUndefined();

  // A page of another release (other assets) is loaded in full too.
  await page.goto("/sign-in");
  await waitForHydration(page);
  await page.evaluate(() => {
    (window as any).samePage = true;
    document.querySelector("link#leptos")!.setAttribute("href", "/pkg/an-older-release.css");
  });
  await page.locator("nav.main-nav a[href='/']").click();
  await expect(heading(page)).toHaveText("Ұялы нөмірді электрондық үкімет порталында тіркеу");
  expect(await samePage()).toBeUndefined();

  // Anything else changes in place.
  await waitForHydration(page);
  await page.evaluate(() => { (window as any).samePage = true; });
  await page.locator("nav.main-nav a[href='/demo/phone']").click();
  await expect(page).toHaveURL(/\/demo\/phone$/);
  await waitForHydration(page);
  expect(await samePage()).toBe(true);
});

test("back keeps where the page was scrolled to; a change of the #part alone fetches nothing", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 240 });
  await page.goto("/");
  await waitForHydration(page);
  await page.evaluate(() => { (window as any).samePage = true; });
  await page.evaluate(() => window.scrollTo(0, 150));
  expect(await page.evaluate(() => window.scrollY)).toBe(150);
  // A click that does not scroll to the link first, as Playwright's would.
  await page.evaluate(() => (document.querySelector("nav.main-nav a[href='/demo/phone']") as HTMLElement).click());
  await expect(page).toHaveURL(/\/demo\/phone$/);
  await page.goBack();
  await expect(heading(page)).toHaveText("Ұялы нөмірді электрондық үкімет порталында тіркеу");
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(150);
  expect(await page.evaluate(() => (window as any).samePage)).toBe(true);

  const fetched: string[] = [];
  page.on("request", (r) => {
    if (["document", "fetch"].includes(r.resourceType())) fetched.push(r.url());
  });
  await page.evaluate(() => { location.hash = "main"; });
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  expect(fetched).toEqual([]);
});

test("a second press while a form's post is on its way sends nothing", async ({ page }) => {
  await page.goto("/sign-in");
  await waitForHydration(page);
  let posts = 0;
  await page.route(/\/fn\/sign_in\d/, async (route) => {
    posts += 1;
    await new Promise((done) => setTimeout(done, 700));
    await route.continue();
  });
  await page.locator("#iin").fill("950301400011");
  await page.locator("#password").fill("not-the-password");
  const send = page.locator("form[action^='/fn/sign_in'] button[type=submit]");
  await send.click();
  await send.click();
  await expect(page.getByTestId("error-summary")).toContainText("ЖСН немесе құпиясөз қате.");
  expect(posts).toBe(1);
});

test("without JavaScript, errors never pile up in the address", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/sign-in");
  for (const password of ["wrong-1", "wrong-2", "wrong-3"]) {
    await page.locator("#iin").fill("950301300003");
    await page.locator("#password").fill(password);
    await page.locator("form[action^='/fn/sign_in'] button[type=submit]").click();
    await expect(page.getByTestId("error-summary")).toContainText("ЖСН немесе құпиясөз қате.");
    const params = new URL(page.url()).searchParams;
    expect(params.getAll("__err")).toHaveLength(1);
    expect(params.getAll("__path")).toHaveLength(1);
  }
  await context.close();
});
