import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { sessionCookieName } from "@/lib/http/auth-cookies.ts";
import { malformedActionBody, MALFORMED_ACTION_MESSAGE } from "@/lib/http/action-request.ts";
import { publicOrigin } from "@/lib/http/public-origin.ts";
import {
  BAD_ADDRESS_MESSAGE,
  bodyTooLarge,
  CROSS_SITE_DOWNLOAD_MESSAGE,
  crossSite,
  FOREIGN_ORIGIN_MESSAGE,
  foreignOrigin,
  SAFE_METHODS,
  SERVER_ACTION_BODY_LIMIT_BYTES,
  TOO_LARGE_MESSAGE,
  undecodablePath,
} from "@/lib/http/request-guard.ts";
import { HSTS, isHttps, newNonce, NON_PAGE_CSP, pageCsp } from "@/lib/http/security-headers.ts";

/*
 * Every request but static files passes here, for two things:
 * 1. Security headers: a Content-Security-Policy with a fresh nonce for each page (Next.js's
 *    documented proxy pattern: Next reads the nonce from the request's CSP header and puts it
 *    on its scripts), a policy allowing nothing for the API and downloads, and HSTS over HTTPS.
 *    The headers that never change come from next.config.ts.
 * 2. Refusals that must never reach Next as a 500 (lib/http/request-guard.ts): an address
 *    that is not text (400), a foreign Origin on a state-changing request (403), an export
 *    opened from another site (403), a server-action body over the limit (413) or not in the
 *    shape the app's forms send (400, lib/http/action-request.ts).
 * 3. Signed-out visitors are redirected to the sign-in page (next-auth's withAuth). It only
 *    redirects: every page, action and route still checks the session and role itself
 *    (lib/server/auth.ts).
 */

// Open without a session: the sign-in page, next-auth's own routes, and the token-authenticated
// JSON API (it answers 401 JSON itself).
const PUBLIC = /^\/(?:sign-in|api\/auth|api\/v1)(?:\/|$)/;

// Downloads and exports: GETs, but each one is audited.
const DOWNLOADS = /^\/api\/(?:exports|audit)\//;

// One guard per session-cookie name (it depends on HTTPS, see lib/http/auth-cookies.ts).
const guards = new Map<string, ReturnType<typeof withAuth>>();
function guard(cookieName: string) {
  let found = guards.get(cookieName);
  if (!found) {
    found = withAuth({ pages: { signIn: "/sign-in" }, cookies: { sessionToken: { name: cookieName } } });
    guards.set(cookieName, found);
  }
  return found;
}

// An empty NEXTAUTH_URL means none: next-auth would fail to parse "" on every request.
if (process.env.NEXTAUTH_URL !== undefined && !process.env.NEXTAUTH_URL.trim()) delete process.env.NEXTAUTH_URL;

export async function proxy(request: NextRequest, event: NextFetchEvent) {
  const { pathname } = request.nextUrl;
  const configuredUrl = process.env.NEXTAUTH_URL;
  const https = isHttps(configuredUrl, request.url, request.headers.get("x-forwarded-proto"));
  const page = !pathname.startsWith("/api/");
  const nonce = newNonce();
  const csp = page ? pageCsp({ nonce, https, dev: process.env.NODE_ENV === "development" }) : NON_PAGE_CSP;

  let response = await refusal(request, page);
  if (!response && !PUBLIC.test(pathname)) {
    const refused = await guard(sessionCookieName(configuredUrl, https))(request as NextRequestWithAuth, event);
    // withAuth redirects to Next's idea of the request URL (http://localhost:PORT): send the
    // visitor to the configured public URL, or back to the host they came to.
    if (refused instanceof Response) response = relocated(refused, request);
  }
  if (!response) {
    const headers = new Headers(request.headers);
    if (page) {
      headers.set("x-nonce", nonce);
      headers.set("content-security-policy", csp);
    }
    response = NextResponse.next({ request: { headers } });
  }
  response.headers.set("content-security-policy", csp);
  if (https) response.headers.set("strict-transport-security", HSTS);
  return response;
}

async function refusal(request: NextRequest, page: boolean): Promise<Response | undefined> {
  const { pathname } = request.nextUrl;
  const changes = !SAFE_METHODS.has(request.method);
  if (undecodablePath(pathname)) return refuse(400, "invalid", BAD_ADDRESS_MESSAGE, page);
  if (changes && !pathname.startsWith("/api/v1/") && foreignOrigin(request, process.env.NEXTAUTH_URL)) {
    return refuse(403, "forbidden", FOREIGN_ORIGIN_MESSAGE, page);
  }
  if (DOWNLOADS.test(pathname) && crossSite(request)) return refuse(403, "forbidden", CROSS_SITE_DOWNLOAD_MESSAGE, page);
  // A page answers a non-GET only as a server action.
  if (changes && page && (await bodyTooLarge(request.clone(), SERVER_ACTION_BODY_LIMIT_BYTES))) {
    return refuse(413, "too_large", TOO_LARGE_MESSAGE, page);
  }
  if (changes && page && request.headers.has("next-action") && (await malformedActionBody(request.clone()))) {
    return refuse(400, "invalid", MALFORMED_ACTION_MESSAGE, page);
  }
  return undefined;
}

/**
 * A refusal in the form its caller reads: for a page (a server action) plain text, which
 * Next's client raises as the action's error with this very message; for the API, its JSON
 * error shape.
 */
function refuse(status: number, code: string, message: string, page: boolean): Response {
  const headers = { "cache-control": "no-store" };
  if (!page) return Response.json({ error: { code, message } }, { status, headers });
  return new Response(message, { status, headers: { ...headers, "content-type": "text/plain" } });
}

function relocated(response: Response, request: NextRequest): Response {
  const location = response.headers.get("location");
  if (!location) return response;
  const target = new URL(location, request.url);
  if (target.origin !== request.nextUrl.origin) return response;
  const moved = new URL(`${target.pathname}${target.search}`, publicOrigin(request));
  return NextResponse.redirect(moved, response.status);
}

export const config = {
  // Everything but Next's static files and the app's icon.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
