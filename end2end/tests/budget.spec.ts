import { test, expect } from "@playwright/test";
import { DEMO_PASSWORD, waitForHydration } from "./helpers";

// The front end's weight (issue 19 item 5): the cabinet's first load, with
// an empty cache, as the browser itself counts it, and the WASM gzipped.
// Sizes, not times: how long it takes is the benchmarks' business.
const BUDGET = 150_000;

test("the cabinet's first load transfers at most 150 KB, and the WASM gzipped is at most 150 KB", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  // Signed in without opening a page, so the cache is still empty.
  const signIn = (await (await context.request.get("/sign-in")).text()).match(/\/fn\/sign_in\d+/)![0];
  const answer = await context.request.post(signIn, {
    form: { iin: "000229510005", password: DEMO_PASSWORD },
    headers: { Origin: new URL(baseURL!).origin, Accept: "application/json" },
  });
  expect(answer.ok()).toBe(true);

  const page = await context.newPage();
  await page.goto("/cabinet");
  await waitForHydration(page);
  await expect(page.getByTestId("holder-name")).toBeVisible();
  const sizes = await page.evaluate(() =>
    [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")].map((e) => ({
      name: e.name,
      bytes: (e as PerformanceResourceTiming).transferSize,
    })),
  );
  const wasm = sizes.find((s) => s.name.endsWith(".wasm"));
  expect(wasm, "the WASM was loaded").toBeTruthy();
  expect(wasm!.bytes).toBeGreaterThan(0);
  const total = sizes.reduce((sum, s) => sum + s.bytes, 0);
  console.log(`cabinet first load: ${total} bytes in ${sizes.length} transfers`);
  expect(total, JSON.stringify(sizes)).toBeLessThanOrEqual(BUDGET);

  // The WASM as a browser that takes only gzip gets it.
  const gz = await context.request.get(new URL(wasm!.name).pathname, { headers: { "accept-encoding": "gzip" } });
  expect(gz.headers()["content-encoding"]).toBe("gzip");
  const length = Number(gz.headers()["content-length"]);
  expect(length).toBeGreaterThan(0);
  console.log(`WASM gzipped: ${length} bytes`);
  expect(length).toBeLessThanOrEqual(BUDGET);
  await context.close();
});
