/*
 * The security headers every response carries. Pure (no Node or Next imports): proxy.ts,
 * next.config.ts and the unit tests share it.
 *
 * Pages get a Content-Security-Policy with a fresh nonce per request (Next.js's documented
 * proxy pattern): Next reads the nonce from the request's CSP header and puts it on its own
 * scripts and styles, so the page itself never needs 'unsafe-inline'. Everything else (the
 * API, downloads, next-auth's routes) gets a policy that allows nothing at all: a JSON or
 * Markdown file opened in a tab can never run a script.
 */

export type CspOptions = { nonce: string; https: boolean; dev?: boolean };

/** The policy of an HTML page; `dev` adds what `next dev` needs ('unsafe-eval' for React's error overlay). */
export function pageCsp({ nonce, https, dev = false }: CspOptions): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': only scripts with the nonce, and the chunks they load, run.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Style attributes are not allowed either: components use classes (and SVG attributes).
    `style-src 'self' ${dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "manifest-src 'self'",
    "worker-src 'self'",
    // Over plain HTTP (a LAN demo) upgrading would break every request of the page.
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** The policy of everything that is not a page: JSON, downloads, redirects. */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Two years, subdomains included (the value hstspreload.org asks for, without opting in to preload). */
export const HSTS = "max-age=63072000; includeSubDomains";

/**
 * Features the app never uses, denied to it and to anything it might embed. Only names
 * Chromium knows: an unknown one makes the browser log an error on every page.
 */
export const PERMISSIONS_POLICY = [
  "accelerometer",
  "autoplay",
  "bluetooth",
  "browsing-topics",
  "camera",
  "display-capture",
  "encrypted-media",
  "geolocation",
  "gyroscope",
  "hid",
  "idle-detection",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "picture-in-picture",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

/**
 * Headers that never change, for every response (pages, API, downloads, static files):
 * next.config.ts sends them. No Referer ever leaves the app (an evidence link clicked on a
 * case must not tell another site the case's address), nothing is sniffed, nothing frames it.
 */
export const STATIC_SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
  { key: "X-DNS-Prefetch-Control", value: "off" },
];

/** 128 random bits, base64: unguessable and fresh for every request. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Whether this request is served over HTTPS: the configured public URL says so, or (none
 * configured) the request itself came over HTTPS, directly or through a proxy that says so.
 */
export function isHttps(configuredUrl: string | undefined, requestUrl: string, forwardedProto: string | null): boolean {
  if (configuredUrl) return configuredUrl.trim().toLowerCase().startsWith("https://");
  const forwarded = forwardedProto?.split(",")[0]?.trim().toLowerCase();
  if (forwarded) return forwarded === "https";
  return requestUrl.toLowerCase().startsWith("https://");
}
