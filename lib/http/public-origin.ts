/*
 * The origin the app's absolute links and redirects use: the configured public URL
 * (NEXTAUTH_URL), or, when none is configured, the host the request came to (through a
 * reverse proxy's X-Forwarded-Host when it sends one, as next-auth reads it). Never Next's
 * own idea of the request URL, which is http://localhost:PORT whatever the browser asked for.
 */

// A host name, IPv4 or bracketed IPv6, with an optional port: anything else in a Host header is ignored.
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

type HeaderSource = { get(name: string): string | null };

function first(value: string | null): string | undefined {
  const v = value?.split(",")[0]?.trim();
  return v ? v : undefined;
}

/** The configured public URL's origin, or undefined when none is set (or it is not a URL). */
export function configuredOrigin(configuredUrl = process.env.NEXTAUTH_URL): string | undefined {
  if (!configuredUrl?.trim()) return undefined;
  try {
    const url = new URL(configuredUrl.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** The origin for absolute URLs in answers to this request. */
export function publicOrigin(request: { url: string; headers: HeaderSource }, configuredUrl = process.env.NEXTAUTH_URL): string {
  const configured = configuredOrigin(configuredUrl);
  if (configured) return configured;
  const fallback = new URL(request.url);
  const host = first(request.headers.get("x-forwarded-host")) ?? first(request.headers.get("host"));
  const proto = first(request.headers.get("x-forwarded-proto"))?.toLowerCase();
  const protocol = proto === "https" || proto === "http" ? proto : fallback.protocol.replace(":", "");
  if (!host || !HOST.test(host)) return fallback.origin;
  return `${protocol}://${host.toLowerCase()}`;
}
