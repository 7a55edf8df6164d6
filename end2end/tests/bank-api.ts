import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { createSign } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { codeFromDemoPhone } from "./helpers";

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");

/** A biometric assertion signed with the demo provider's key (trusted in demo mode only). */
export function demoAssertion(iin: string, nonce: string): string {
  const key = readFileSync(resolve(__dirname, "../../server/demo-biometrics/provider.key.pem"), "utf8");
  const now = Math.floor(Date.now() / 1000);
  const head = b64url(JSON.stringify({ alg: "ES256", typ: "JWT", kid: "demo-biometrics" }));
  const body = b64url(JSON.stringify({ sub: iin, nonce, liveness: true, score: 0.95, iat: now, exp: now + 120 }));
  const signature = createSign("SHA256").update(`${head}.${body}`).sign({ key, dsaEncoding: "ieee-p1363" });
  return `${head}.${body}.${b64url(signature)}`;
}

/** The demo bank's bearer token. */
export async function bankToken(request: APIRequestContext): Promise<string> {
  const r = await request.post("/api/v1/token", {
    headers: { Authorization: `Basic ${Buffer.from("demo-bank:demo-bank-secret").toString("base64")}` },
    form: { grant_type: "client_credentials" },
  });
  expect(r.status()).toBe(200);
  return (await r.json()).access_token;
}

/** The demo bank binds `number` (shown as `shown`) for `iin`, asking to view two documents. */
export async function bankBinds(request: APIRequestContext, page: Page, iin: string, number: string, shown: string) {
  const asked = await bankAsks(request, iin, number);
  await asked.finish(page, shown);
}

/** The demo bank asks to bind `number` for `iin`; `finish` enters the code and passes biometrics. */
export async function bankAsks(request: APIRequestContext, iin: string, number: string) {
  const token = await bankToken(request);
  const auth = { Authorization: `Bearer ${token}` };
  const expires = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
  const started = await request.post("/api/v1/bank/binding-requests", {
    headers: auth,
    data: { iin, number, consent: true, permission: { documents: "identity-card passport", expires_at: expires } },
  });
  expect(started.status()).toBe(201);
  const id = (await started.json()).request.id;
  return { id, finish: (page: Page, shown: string) => bankFinishes(request, page, auth, id, iin, shown) };
}

async function bankFinishes(
  request: APIRequestContext,
  page: Page,
  auth: Record<string, string>,
  id: string,
  iin: string,
  shown: string,
) {
  const code = await codeFromDemoPhone(page, shown);
  const confirmed = await request.post(`/api/v1/bank/binding-requests/${id}/code`, { headers: auth, data: { code } });
  const nonce = (await confirmed.json()).request.biometric_nonce;
  const done = await request.post(`/api/v1/bank/binding-requests/${id}/biometrics`, {
    headers: auth,
    data: { assertion: demoAssertion(iin, nonce) },
  });
  const outcome = await done.json();
  expect(outcome.request.state).toBe("bound");
  expect(outcome.permission.state).toBe("in_force");
}

/** The states of the demo bank's permissions for `iin`, as the bank sees them. */
export async function bankSees(request: APIRequestContext, iin: string): Promise<string[]> {
  const token = await bankToken(request);
  const r = await request.get(`/api/v1/bank/permissions?iin=${iin}`, { headers: { Authorization: `Bearer ${token}` } });
  return (await r.json()).permissions.map((p: { state: string }) => p.state);
}
