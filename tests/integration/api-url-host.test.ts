import { afterEach, expect, it } from "vitest";
import { POST as createCaseRoute } from "@/app/api/v1/cases/route.ts";
import { caseBody, userWithToken } from "./api-helpers.ts";
import { describeEachBackend, unique } from "./harness.ts";

/*
 * Issue 13, item 8: the API's `url` field names the configured public URL, or (none set) the
 * host the client called, never the address Next sees (http://localhost:PORT).
 */

const saved = process.env.NEXTAUTH_URL;
afterEach(() => {
  if (saved === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = saved;
});

async function created(secret: string, headers: Record<string, string>) {
  const response = await createCaseRoute(
    new Request("http://localhost:3000/api/v1/cases", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${secret}`, ...headers },
      body: JSON.stringify(caseBody(unique("gh"))),
    }),
  );
  expect(response.status).toBe(201);
  return (await response.json()) as { number: string; url: string };
}

describeEachBackend("API url fields and the host", () => {
  it("with no public URL configured, a created case's url is on the host the client called", async () => {
    delete process.env.NEXTAUTH_URL;
    const { secret } = await userWithToken("moderator", "write");
    const direct = await created(secret, { host: "desk.example.org:8443" });
    expect(direct.url).toBe(`http://desk.example.org:8443/cases/${direct.number}`);
    // Behind a reverse proxy: the forwarded host and protocol.
    const proxied = await created(secret, {
      host: "127.0.0.1:3000",
      "x-forwarded-host": "conduct.example.net",
      "x-forwarded-proto": "https",
    });
    expect(proxied.url).toBe(`https://conduct.example.net/cases/${proxied.number}`);
    // A Host header that is not a host name is not echoed into a link.
    const hostile = await created(secret, { host: "evil.example/<script>" });
    expect(hostile.url).toBe(`http://localhost:3000/cases/${hostile.number}`);
  });

  it("a configured public URL wins over whatever host the request names", async () => {
    process.env.NEXTAUTH_URL = "https://desk.example.org/";
    const { secret } = await userWithToken("moderator", "write");
    const body = await created(secret, { host: "attacker.example", "x-forwarded-host": "attacker.example" });
    expect(body.url).toBe(`https://desk.example.org/cases/${body.number}`);
  });
});
