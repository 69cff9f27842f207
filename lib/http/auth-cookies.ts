import type { CookiesOptions } from "next-auth";

/*
 * next-auth's cookies over HTTPS. With an https NEXTAUTH_URL every cookie is `__Host-`
 * (Secure, Path=/, no Domain: no other host, not even a subdomain, can set or overwrite it).
 * Without a configured URL next-auth decides per request from the request's protocol
 * (`__Secure-` session cookie and `__Host-` CSRF cookie over HTTPS, plain names over HTTP);
 * the proxy has to read the session cookie under the same name, hence one module for both.
 */

const BASE = "next-auth";
const NAMES = ["session-token", "callback-url", "csrf-token", "pkce.code_verifier", "state", "nonce"] as const;
const KEYS = ["sessionToken", "callbackUrl", "csrfToken", "pkceCodeVerifier", "state", "nonce"] as const;
const SHORT_LIVED = new Set(["pkceCodeVerifier", "state"]); // next-auth's 15 minutes for the OAuth round trip

function configuredHttps(configuredUrl: string | undefined): boolean | undefined {
  if (!configuredUrl) return undefined;
  return configuredUrl.trim().toLowerCase().startsWith("https://");
}

/** The part of NextAuthOptions that names and secures the cookies. */
export function authCookieOptions(configuredUrl: string | undefined): { useSecureCookies?: boolean; cookies?: Partial<CookiesOptions> } {
  const https = configuredHttps(configuredUrl);
  if (https === undefined) return {}; // next-auth decides per request
  if (!https) return { useSecureCookies: false };
  const cookies = Object.fromEntries(
    KEYS.map((key, i) => [
      key,
      {
        name: `__Host-${BASE}.${NAMES[i]}`,
        options: { httpOnly: true, sameSite: "lax", path: "/", secure: true, ...(SHORT_LIVED.has(key) ? { maxAge: 15 * 60 } : {}) },
      },
    ]),
  ) as Partial<CookiesOptions>;
  return { useSecureCookies: true, cookies };
}

/** The session cookie's name for a request, as next-auth sets it (see authCookieOptions). */
export function sessionCookieName(configuredUrl: string | undefined, requestIsHttps: boolean): string {
  const https = configuredHttps(configuredUrl);
  if (https === true) return `__Host-${BASE}.session-token`;
  if (https === false) return `${BASE}.session-token`;
  return requestIsHttps ? `__Secure-${BASE}.session-token` : `${BASE}.session-token`;
}
