/*
 * Refusals the proxy answers before any page, action or route runs. Pure (web APIs only).
 *
 * - A state-changing request whose Origin is another site: 403. Next checks a server
 *   action's Origin against the Host itself, but answers a mismatch (or a malformed Origin)
 *   with a 500; this check answers first, and covers next-auth's routes too. The token API
 *   (/api/v1) is left out: it never reads a cookie, so a foreign page gains nothing by
 *   calling it, and a browser cannot attach a token cross-site.
 * - A download or export opened from another site (Sec-Fetch-Site cross-site or same-site):
 *   403. They are GETs, but each one is audited in the name of whoever's browser followed
 *   the link.
 * - An address whose path is not text (a broken %-escape such as %FF, or an escaped lone
 *   surrogate): 400. Next answers it with a bare 500 when it decodes a route parameter.
 * - A server-action body over the limit: 413. Next enforces
 *   `experimental.serverActions.bodySizeLimit` but answers a 500; this answers first.
 */

import { MALFORMED_ACTION_MESSAGE } from "./action-request.ts";

/** The largest server-action body (next.config.ts passes the same figure to Next). */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 1024 * 1024;
export const SERVER_ACTION_BODY_LIMIT = "1mb";

export const TOO_LARGE_MESSAGE = "The form is larger than 1 MB, so nothing was saved: shorten the text and try again.";
export const FOREIGN_ORIGIN_MESSAGE = "This request came from another site, so it was refused and nothing was changed.";
export const BAD_ADDRESS_MESSAGE = "This address is not valid: part of it is not text (a broken %-escape). Check the link and try again.";
export const CROSS_SITE_DOWNLOAD_MESSAGE = "Downloads open only from Conduct Desk's own pages: open the export from the app.";

/** The messages a form may show as they are (app/error.tsx): they say what happened and changed nothing. */
export const REFUSAL_MESSAGES: readonly string[] = [
  TOO_LARGE_MESSAGE,
  FOREIGN_ORIGIN_MESSAGE,
  CROSS_SITE_DOWNLOAD_MESSAGE,
  BAD_ADDRESS_MESSAGE,
  MALFORMED_ACTION_MESSAGE,
];

export const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

type RequestLike = { method: string; url: string; headers: { get(name: string): string | null } };

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}

function first(value: string | null): string | undefined {
  const v = value?.split(",")[0]?.trim().toLowerCase();
  return v ? v : undefined;
}

/**
 * True when the request names an Origin that is not this app: another host, "null" (a
 * sandboxed frame, a data: page) or something that is not an origin at all. No Origin
 * header (a script, curl) is not foreign: such a request carries no victim's cookies.
 */
export function foreignOrigin(request: RequestLike, configuredUrl: string | undefined): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  const originHost = hostOf(origin);
  if (!originHost || !/^https?:\/\//i.test(origin.trim())) return true;
  const own = [
    hostOf(configuredUrl),
    first(request.headers.get("x-forwarded-host")),
    first(request.headers.get("host")),
    hostOf(request.url),
  ];
  return !own.includes(originHost);
}

/** True when the (still %-escaped) path does not decode to text. */
export function undecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

/** True when a browser says another site (or a sibling subdomain) started this request. */
export function crossSite(request: RequestLike): boolean {
  const site = request.headers.get("sec-fetch-site");
  return site === "cross-site" || site === "same-site";
}

/** True when the body is over `limit` bytes: by its Content-Length, or (none declared) by reading it. */
export async function bodyTooLarge(request: RequestLike & { body: ReadableStream<Uint8Array> | null }, limit: number): Promise<boolean> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim())) return Number(declared) > limit;
  if (!request.body) return false;
  const reader = request.body.getReader();
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return false;
      size += value.byteLength;
      if (size > limit) return true;
    }
  } finally {
    // Not awaited: cancelling one branch of a cloned (teed) body settles only once the other
    // branch is cancelled too, which is Next's to read or drop.
    reader.cancel().catch(() => undefined);
  }
}
