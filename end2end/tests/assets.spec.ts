import { test, expect } from "@playwright/test";

test("the front end's files are served compressed, with hashed names, cached for a year", async ({ page, request }) => {
  await page.goto("/");
  const html = await (await request.get("/")).text();
  const files = [...html.matchAll(/\/pkg\/[^"]+\.(?:css|js|wasm)/g)].map((m) => m[0]);
  expect(files.length).toBeGreaterThanOrEqual(3);
  for (const file of new Set(files)) {
    expect(file).toMatch(/\/pkg\/nomir\.[A-Za-z0-9_-]{8,}\.(css|js|wasm)$/);
    const r = await request.get(file, { headers: { "accept-encoding": "br, gzip" } });
    expect(r.status()).toBe(200);
    expect(r.headers()["content-encoding"], file).toBe("br");
    expect(r.headers()["cache-control"], file).toBe("public, max-age=31536000, immutable");
    expect(r.headers()["vary"], file).toContain("accept-encoding");
    const gz = await request.get(file, { headers: { "accept-encoding": "gzip" } });
    expect(gz.headers()["content-encoding"], file).toBe("gzip");
  }
  // Pages carry personal data: never cached.
  expect((await request.get("/sign-in")).headers()["cache-control"]).toBe("no-store");
});
