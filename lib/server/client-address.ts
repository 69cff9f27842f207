import "server-only";
import { isIP } from "node:net";

/**
 * The client's address, for throttling and the security log.
 *
 * - By default, the TCP peer of the connection: instrumentation.ts stamps every request with
 *   it (SOCKET_ADDRESS_HEADER, overwriting whatever a client sent under that name). Next.js
 *   itself only fills X-Forwarded-For when the client sent none, so that header proves nothing.
 * - With TRUST_PROXY=N (N trusted reverse proxies in front, usually 1), the address the
 *   outermost trusted proxy saw: the Nth entry from the right of X-Forwarded-For. Entries
 *   further left were written by the client and are ignored. With one proxy that sets the
 *   header (nginx `proxy_set_header X-Forwarded-For $remote_addr`) this is its first hop.
 */
export const SOCKET_ADDRESS_HEADER = "x-conduct-socket-address";

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined | null;

function header(source: HeaderSource, name: string): string | undefined {
  if (!source) return undefined;
  if (typeof (source as Headers).get === "function") return (source as Headers).get(name) ?? undefined;
  const value = (source as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/** "::ffff:10.0.0.1" → "10.0.0.1"; anything that is not an IP address → undefined. */
export function normaliseAddress(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let value = raw.trim();
  if (value.startsWith("[") && value.includes("]")) value = value.slice(1, value.indexOf("]"));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  if (mapped) value = mapped[1]!;
  if (isIP(value) === 0) {
    // "1.2.3.4:5678" from some proxies.
    const withPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(value);
    if (!withPort) return undefined;
    value = withPort[1]!;
  }
  return value.toLowerCase();
}

export function trustedProxyCount(env: Record<string, string | undefined> = process.env): number {
  const value = env.TRUST_PROXY?.trim();
  if (!value || value === "0" || value.toLowerCase() === "false") return 0;
  if (value.toLowerCase() === "true") return 1;
  const n = Number(value);
  return Number.isInteger(n) && n > 0 && n < 20 ? n : 0;
}

export function clientAddress(headers: HeaderSource, env: Record<string, string | undefined> = process.env): string | undefined {
  const proxies = trustedProxyCount(env);
  if (proxies > 0) {
    const hops = (header(headers, "x-forwarded-for") ?? "")
      .split(",")
      .map((h) => h.trim())
      .filter(Boolean);
    if (hops.length > 0) {
      const fromProxy = normaliseAddress(hops[Math.max(0, hops.length - proxies)]);
      if (fromProxy) return fromProxy;
    }
  }
  return normaliseAddress(header(headers, SOCKET_ADDRESS_HEADER));
}

/**
 * The key an address is throttled under: IPv4 as is, IPv6 by its /64 (one household or
 * server gets a whole /64, so single IPv6 addresses are free to rotate).
 */
export function addressThrottleKey(address: string | undefined): string {
  if (!address) return "unknown";
  if (isIP(address) !== 6) return address;
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => (g || "0").replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
