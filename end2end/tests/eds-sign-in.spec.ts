import { test, expect, Page, WebSocketRoute } from "@playwright/test";
import { expectNoAxeViolations, waitForHydration } from "./helpers";

// Signing in with EDS: the demo signer (started beside the server) plays
// NCALayer and signs the challenge with the demo citizen's AUTH key. The
// error cases replace it with a scripted NCALayer (Playwright's WebSocket
// routing), each answer as NCALayer gives it.

const SIGNER = /127\.0\.0\.1:13579/;
const eds = (page: Page) => page.locator("section.eds-sign-in");

async function openSignIn(page: Page) {
  await page.goto("/sign-in");
  await waitForHydration(page);
  await expect(eds(page).getByTestId("sign-button")).toBeEnabled();
}

/** NCALayer that greets, then answers the sign request with `answer`. */
async function scriptedSigner(page: Page, answer: object | null) {
  await page.routeWebSocket(SIGNER, (ws: WebSocketRoute) => {
    ws.send(JSON.stringify({ result: { version: "1.4" } }));
    ws.onMessage(() => {
      if (answer) ws.send(JSON.stringify(answer));
    });
  });
}

test("a citizen signs in with the authentication key through NCALayer", async ({ page }) => {
  await openSignIn(page);
  await expect(eds(page).getByRole("heading", { level: 2 })).toHaveText("Электрондық цифрлық қолтаңбамен (ЭЦҚ) кіру");
  await expectNoAxeViolations(page);
  await eds(page).getByTestId("sign-button").click();
  await expect(page.getByTestId("holder-name")).toHaveText("Сапарова Әйгерім");
});

test("NCALayer not running: instructions and a retry", async ({ page }) => {
  await page.routeWebSocket(SIGNER, (ws: WebSocketRoute) => ws.close());
  await openSignIn(page);
  await eds(page).getByTestId("sign-button").click();
  await expect(eds(page).getByTestId("sign-status")).toContainText("NCALayer жауап бермейді");
  await expect(eds(page).getByTestId("sign-status")).toContainText("pki.gov.kz");
  await expect(eds(page).getByTestId("sign-button")).toHaveText("Қайталау");
  await expectNoAxeViolations(page);
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
  await scriptedSigner(page, null);
  await openSignIn(page);
  await eds(page).getByTestId("sign-button").click();
  await page.clock.runFor(5 * 60_000 + 1_000);
  await expect(eds(page).getByTestId("sign-status")).toContainText("NCALayer уақытында жауап бермеді");
});

test("the signing key chosen to sign in is refused, saying which key to choose", async ({ page }) => {
  // The real demo signer, asked (by rewriting the request) for the SIGN key.
  await page.routeWebSocket(SIGNER, (ws: WebSocketRoute) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(String(message).replace("1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.4")));
  });
  await openSignIn(page);
  await eds(page).getByTestId("sign-button").click();
  await expect(page.getByTestId("error-summary")).toContainText("аутентификация кілтін таңдаңыз");
  await expectNoAxeViolations(page);
});
