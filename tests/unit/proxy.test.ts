import { NextRequest, type NextFetchEvent } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { authCookieOptions, sessionCookieName } from "@/lib/http/auth-cookies.ts";
import { malformedActionBody } from "@/lib/http/action-request.ts";
import { publicOrigin } from "@/lib/http/public-origin.ts";
import { foreignOrigin, undecodablePath } from "@/lib/http/request-guard.ts";
import { isHttps, pageCsp } from "@/lib/http/security-headers.ts";

/*
 * Issue 13, items 5, 6 and 8, at the proxy (proxy.ts), which every request passes: driven
 * with real requests, under each configuration of the public URL.
 */

const event = { waitUntil: () => undefined } as unknown as NextFetchEvent;

async function run(url: string, init: ConstructorParameters<typeof NextRequest>[1] = {}) {
  const { proxy } = await import("@/proxy.ts");
  return proxy(new NextRequest(url, init), event);
}

beforeEach(() => {
  vi.resetModules();
  vi.stubEnv("NEXTAUTH_SECRET", "unit-test-secret-0123456789abcdef0123456789");
});
afterEach(() => vi.unstubAllEnvs());

describe("proxy: the right host (no public URL configured)", () => {
  beforeEach(() => vi.stubEnv("NEXTAUTH_URL", undefined));

  it("an empty NEXTAUTH_URL counts as none (next-auth cannot parse it)", async () => {
    vi.stubEnv("NEXTAUTH_URL", "");
    const response = await run("http://localhost:3000/cases", { headers: { host: "desk.example.org" } });
    expect(new URL(response.headers.get("location")!).origin).toBe("http://desk.example.org");
  });

  it("a signed-out visitor is redirected to sign in on the host they came to, never localhost", async () => {
    const response = await run("http://localhost:3000/cases?q=x", { headers: { host: "desk.example.org:8080" } });
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get("location")!);
    expect(location.origin).toBe("http://desk.example.org:8080");
    expect(location.pathname).toBe("/sign-in");
  });

  it("behind a reverse proxy, the forwarded host and protocol; and HSTS, since the visitor is on HTTPS", async () => {
    const response = await run("http://localhost:3000/", {
      headers: { host: "127.0.0.1:3000", "x-forwarded-host": "conduct.example.net", "x-forwarded-proto": "https" },
    });
    expect(new URL(response.headers.get("location")!).origin).toBe("https://conduct.example.net");
    expect(response.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
  });

  it("a Host header that is not a host name is never echoed into a redirect", async () => {
    expect(publicOrigin({ url: "http://localhost:3000/x", headers: new Headers({ host: "evil.example/<x>" }) }, "")).toBe(
      "http://localhost:3000",
    );
    expect(publicOrigin({ url: "http://localhost:3000/x", headers: new Headers({ host: "a.example@b.example" }) }, "")).toBe(
      "http://localhost:3000",
    );
  });
});

describe("proxy: a configured public URL", () => {
  it("wins over any Host header, and over HTTPS every response carries HSTS", async () => {
    vi.stubEnv("NEXTAUTH_URL", "https://desk.example.org");
    const response = await run("http://localhost:3000/members", { headers: { host: "attacker.example" } });
    expect(new URL(response.headers.get("location")!).origin).toBe("https://desk.example.org");
    expect(response.headers.get("strict-transport-security")).toContain("max-age=");
    expect(response.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });

  it("over plain HTTP, no HSTS (it would lock a LAN demo out) and no upgrade of requests", async () => {
    vi.stubEnv("NEXTAUTH_URL", "http://192.168.1.20:3000");
    const response = await run("http://localhost:3000/sign-in");
    expect(response.headers.get("strict-transport-security")).toBeNull();
    expect(response.headers.get("content-security-policy")).not.toContain("upgrade-insecure-requests");
  });
});

describe("proxy: Content-Security-Policy", () => {
  beforeEach(() => vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000"));

  it("each page gets a fresh nonce, passed on to Next in the request's CSP header, with frame-ancestors 'none'", async () => {
    const a = await run("http://localhost:3000/sign-in");
    const b = await run("http://localhost:3000/sign-in");
    const nonceOf = (r: Response) => /'nonce-([^']+)'/.exec(r.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonceOf(a)).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceOf(a)).not.toBe(nonceOf(b));
    // NextResponse.next({ request: { headers } }) hands the nonce to the page's render.
    expect(a.headers.get("x-middleware-request-x-nonce")).toBe(nonceOf(a));
    expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(a.headers.get("content-security-policy"));
    const csp = a.headers.get("content-security-policy")!;
    for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'self'"])
      expect(csp).toContain(directive);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it("the API and downloads get a policy that allows nothing", async () => {
    const response = await run("http://localhost:3000/api/v1/ping");
    expect(response.headers.get("content-security-policy")).toBe(
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
  });

  it("next dev alone gets 'unsafe-eval' and inline styles (its overlay needs them)", () => {
    expect(pageCsp({ nonce: "n", https: false, dev: true })).toContain("'unsafe-eval'");
    expect(pageCsp({ nonce: "n", https: false })).not.toContain("'unsafe-eval'");
  });
});

describe("proxy: refusals instead of a 500", () => {
  beforeEach(() => vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000"));
  const action = { "next-action": "60fe5270aaaa", "content-type": "text/plain;charset=UTF-8" };

  it("a server action from another site: 403 with a message; from the app itself it passes", async () => {
    for (const origin of ["https://evil.example", "null", "javascript:alert(1)", "http://localhost:3000.evil.example"]) {
      const response = await run("http://localhost:3000/cases/new", {
        method: "POST",
        headers: { ...action, origin },
        body: '["$undefined"]',
      });
      expect(response.status, origin).toBe(403);
      expect(await response.text()).toBe("This request came from another site, so it was refused and nothing was changed.");
    }
    const own = await run("http://localhost:3000/cases/new", {
      method: "POST",
      headers: { ...action, origin: "http://localhost:3000" },
      body: '["$undefined"]',
    });
    expect(own.status).not.toBe(403);
  });

  it("next-auth's own routes refuse a foreign Origin too; the token API does not read cookies and is left to its tokens", async () => {
    const signOut = await run("http://localhost:3000/api/auth/signout", { method: "POST", headers: { origin: "https://evil.example" } });
    expect(signOut.status).toBe(403);
    expect(((await signOut.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    const api = await run("http://localhost:3000/api/v1/cases", { method: "POST", headers: { origin: "https://evil.example" } });
    expect(api.status).not.toBe(403);
  });

  it("a server-action body over 1 MB: 413, by its declared length or by counting a streamed body", async () => {
    const big = "x".repeat(1024 * 1024 + 1);
    const declared = await run("http://localhost:3000/cases/new", {
      method: "POST",
      headers: { ...action, origin: "http://localhost:3000" },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(await declared.text()).toBe("The form is larger than 1 MB, so nothing was saved: shorten the text and try again.");
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 20; i++) c.enqueue(new TextEncoder().encode("y".repeat(64 * 1024)));
        c.close();
      },
    });
    const streamed = await run("http://localhost:3000/cases/new", {
      method: "POST",
      headers: { ...action, origin: "http://localhost:3000" },
      body: stream,
      duplex: "half",
    } as ConstructorParameters<typeof NextRequest>[1]);
    expect(streamed.status).toBe(413);
  });

  it("a server-action body the app's forms never send: 400", async () => {
    for (const body of [
      "not json",
      '{"a":1}',
      '["$@1"]',
      '["$Q0"]',
      '["$h"]',
      JSON.stringify(Array(20).fill("x")),
      `${"[".repeat(40)}${"]".repeat(40)}`,
    ]) {
      const response = await run("http://localhost:3000/cases/new", {
        method: "POST",
        headers: { ...action, origin: "http://localhost:3000" },
        body,
      });
      expect(response.status, body).toBe(400);
    }
  });

  it("an address that does not decode to text: 400", async () => {
    for (const path of ["/cases/%FF", "/members/%ED%A0%80", "/cases/%E2%82"]) {
      const response = await run(`http://localhost:3000${path}`);
      expect(response.status, path).toBe(400);
    }
    expect(undecodablePath("/cases/2026-0001")).toBe(false);
  });
});

describe("the pieces the proxy is made of", () => {
  it("what the app's own forms send is never malformed", async () => {
    const form = new FormData();
    form.set("0", '["$undefined","$K1"]');
    form.set("1_subject", "someone");
    const request = new Request("http://x/", { method: "POST", body: form });
    expect(await malformedActionBody(request)).toBe(false);
    const strings = new Request("http://x/", { method: "POST", headers: { "content-type": "text/plain" }, body: '["github","$$dollar"]' });
    expect(await malformedActionBody(strings)).toBe(false);
  });

  it("a part whose headers are longer than any form's (a field name of 50,000 levels) is malformed, not a 500 from Next's parser", async () => {
    const form = new FormData();
    form.set("0", '["$undefined","$K1"]');
    form.set(`1_${Array.from({ length: 50_000 }, () => "a").join(".")}`, "x");
    expect(await malformedActionBody(new Request("http://x/", { method: "POST", body: form }))).toBe(true);
    const fine = new FormData();
    fine.set("0", '["$undefined","$K1"]');
    fine.set(`1_${"n".repeat(2000)}`, "a long name, still a header Next reads");
    expect(await malformedActionBody(new Request("http://x/", { method: "POST", body: fine }))).toBe(false);
  });

  it("no Origin (a script, curl) is not foreign; the configured host and the request's host are the app's own", () => {
    const req = (origin: string | null, host = "desk.example.org") => ({
      method: "POST",
      url: "http://localhost:3000/x",
      headers: new Headers({ host, ...(origin === null ? {} : { origin }) }),
    });
    expect(foreignOrigin(req(null), undefined)).toBe(false);
    expect(foreignOrigin(req("http://desk.example.org"), undefined)).toBe(false);
    expect(foreignOrigin(req("https://public.example", "127.0.0.1:3000"), "https://public.example")).toBe(false);
    expect(foreignOrigin(req("https://other.example"), undefined)).toBe(true);
  });

  it("over HTTPS every next-auth cookie is __Host- and Secure; over HTTP plain names; none configured, next-auth decides per request", () => {
    const secure = authCookieOptions("https://desk.example.org");
    expect(secure.useSecureCookies).toBe(true);
    for (const cookie of Object.values(secure.cookies!)) {
      expect(cookie!.name).toMatch(/^__Host-next-auth\./);
      expect(cookie!.options).toMatchObject({ secure: true, path: "/", httpOnly: true, sameSite: "lax" });
      expect(cookie!.options).not.toHaveProperty("domain");
    }
    expect(sessionCookieName("https://desk.example.org", false)).toBe("__Host-next-auth.session-token");
    expect(authCookieOptions("http://localhost:3000")).toEqual({ useSecureCookies: false });
    expect(sessionCookieName("http://localhost:3000", true)).toBe("next-auth.session-token");
    expect(authCookieOptions(undefined)).toEqual({});
    expect(sessionCookieName(undefined, true)).toBe("__Secure-next-auth.session-token");
    expect(isHttps(undefined, "http://localhost/", "https")).toBe(true);
    expect(isHttps("http://localhost", "https://x/", "https")).toBe(false);
  });
});
