import { test, expect, Page, WebSocketRoute } from "@playwright/test";
import { consoleProblems, expectNoAxeViolations, waitForHydration } from "./helpers";

// Signing in with EDS: the demo signer (started beside the server) plays
// NCALayer and signs the challenge with the demo citizen's AUTH key. The
// error cases replace it with a scripted NCALayer (Playwright's WebSocket
// routing), each answer as NCALayer gives it. The page makes no challenge:
// the button asks the server for one when pressed (any attempt spends it).

// The test command starts the signer on a free port and says which.
const SIGNER_ADDR = process.env.SIGNER_ADDR ?? "127.0.0.1:13579";
const SIGNER = new RegExp(SIGNER_ADDR.replace(/\./g, "\\.") + "(/|$)");
const CHALLENGE = "/fn/get_eds_challenge";
const eds = (page: Page) => page.locator("section.eds-sign-in");

async function openSignIn(page: Page) {
  await page.goto("/sign-in");
  await waitForHydration(page);
  await expect(eds(page).getByTestId("sign-button")).toBeEnabled();
}

/** NCALayer that greets, then answers the sign request with `answer`;
 * the returned function says whether a sign request has arrived. */
async function scriptedSigner(page: Page, answer: object | null): Promise<() => boolean> {
  let asked = false;
  await page.routeWebSocket(SIGNER, (ws: WebSocketRoute) => {
    ws.send(JSON.stringify({ result: { version: "1.4" } }));
    ws.onMessage(() => {
      asked = true;
      if (answer) ws.send(JSON.stringify(answer));
    });
  });
  return () => asked;
}

test("a citizen signs in with the authentication key through NCALayer", async ({ page }) => {
  // Showing the page asks for no challenge; pressing the button asks for one.
  const asked: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes(CHALLENGE)) asked.push(r.url());
  });
  // The socket to NCALayer is closed and let go without a word in the console.
  const problems = consoleProblems(page);
  await openSignIn(page);
  await expect(eds(page).getByRole("heading", { level: 2 })).toHaveText("Электрондық цифрлық қолтаңбамен (ЭЦҚ) кіру");
  await expectNoAxeViolations(page);
  expect(asked).toHaveLength(0);
  await eds(page).getByTestId("sign-button").click();
  await expect(page.getByTestId("holder-name")).toHaveText("Сапарова Әйгерім");
  expect(asked).toHaveLength(1);
  // The challenge was this browser's: an HttpOnly, SameSite=Strict binder.
  const binder = (await page.context().cookies()).find((c) => c.name === "nomir_eds_binder");
  expect(binder?.httpOnly).toBe(true);
  expect(binder?.sameSite).toBe("Strict");
  await page.waitForTimeout(500);
  expect(problems).toEqual([]);
});

test("NCALayer not running: instructions and a retry", async ({ page }) => {
  // Nothing is sent into a socket that did not connect: the console has no
  // complaint of the page's own (the browser's note of the failed
  // connection is the browser's).
  const problems = consoleProblems(page, (text) => text.startsWith("WebSocket connection to"));
  await page.routeWebSocket(SIGNER, (ws: WebSocketRoute) => ws.close());
  await openSignIn(page);
  await eds(page).getByTestId("sign-button").click();
  await expect(eds(page).getByTestId("sign-status")).toContainText("NCALayer жауап бермейді");
  await expect(eds(page).getByTestId("sign-status")).toContainText("pki.gov.kz");
  await expect(eds(page).getByTestId("sign-button")).toHaveText("Қайталау");
  await expectNoAxeViolations(page);
  expect(problems).toEqual([]);
});

for (const [name, answer, expected] of [
  ["the citizen cancels", { status: true, body: {} }, "Қол қою тоқтатылды."],
  ["a wrong key password", { status: false, code: "SIGNING_FAILURE", message: "Неверный пароль" }, "Кілттің құпиясөзі қате."],
  ["no key in the chosen storage", { status: false, code: "GENERAL_ERROR", message: "Storage is empty" }, "жарамды кілт табылмады"],
] as const) {
  test(`NCALayer answers: ${name}`, async ({ page }) => {
    await scriptedSigner(page, answer);
    await openSignIn(page);
    await eds(page).getByTestId("sign-button").click();
    await expect(eds(page).getByTestId("sign-status")).toContainText(expected);
    await expect(eds(page).getByTestId("sign-button")).toHaveText("Қайталау");
    await expect(page).toHaveURL(/\/sign-in$/);
  });
}

test("NCALayer that never answers times out", async ({ page }) => {
  await page.clock.install();
  const asked = await scriptedSigner(page, null);
  await openSignIn(page);
  await eds(page).getByTestId("sign-button").click();
  // The challenge comes from the server first; then NCALayer is asked.
  await expect.poll(asked).toBe(true);
  await page.clock.runFor(5 * 60_000 + 1_000);
  await expect(eds(page).getByTestId("sign-status")).toContainText("NCALayer уақытында жауап бермеді");
});

test("NCALayer that greets, then closes without answering, failed to sign: it is running", async ({ page }) => {
  await page.routeWebSocket(SIGNER, (ws: WebSocketRoute) => {
    ws.send(JSON.stringify({ result: { version: "1.4" } }));
    ws.onMessage(() => ws.close());
  });
  await openSignIn(page);
  await eds(page).getByTestId("sign-button").click();
  await expect(eds(page).getByTestId("sign-status")).toContainText("NCALayer қол қоя алмады");
  await expect(eds(page).getByTestId("sign-status")).not.toContainText("NCALayer жауап бермейді");
  await expect(eds(page).getByTestId("sign-button")).toHaveText("Қайталау");
});

test("the signing key chosen to sign in is refused, saying which key to choose", async ({ page }) => {
  // The real demo signer, asked (by rewriting the first request) for the SIGN key.
  let connections = 0;
  await page.routeWebSocket(SIGNER, (ws: WebSocketRoute) => {
    const server = ws.connectToServer();
    const first = ++connections === 1;
    ws.onMessage((message) =>
      server.send(first ? String(message).replace("1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.4") : String(message)),
    );
  });
  await openSignIn(page);
  await eds(page).getByTestId("sign-button").click();
  await expect(page.getByTestId("error-summary")).toContainText("аутентификация кілтін таңдаңыз");
  await expectNoAxeViolations(page);
  // That attempt spent its challenge; pressing again asks for a new one.
  await eds(page).getByTestId("sign-button").click();
  await expect(page.getByTestId("holder-name")).toHaveText("Сапарова Әйгерім");
});
