import "server-only";
import net from "node:net";
import { headers } from "next/headers";
import { browserLabel } from "@/lib/format/user-agent.ts";

export type ClientInfo = { browser: string; address: string | null };

function normalizeAddress(value: string): string | null {
  let text = value.trim();
  const bracket = text.startsWith("[") ? text.indexOf("]") : -1;
  if (bracket > 0) text = text.slice(1, bracket); // "[::1]:443"
  if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(":")); // "10.0.0.1:443"
  if (text.toLowerCase().startsWith("::ffff:") && net.isIPv4(text.slice(7))) text = text.slice(7);
  return net.isIP(text) ? text : null;
}

/**
 * The address the server saw. `next start` sets X-Forwarded-For to the socket's address when a
 * request has none; a reverse proxy appends the address it saw. So the right-most valid entry is
 * the nearest one we can believe. Shown to the user only; never used to decide anything.
 */
export function clientAddressOf(h: Headers): string | null {
  const forwarded = (h.get("x-forwarded-for") ?? "").split(",").slice(-20).reverse();
  for (const entry of forwarded) {
    const address = normalizeAddress(entry);
    if (address) return address;
  }
  return normalizeAddress(h.get("x-real-ip") ?? "");
}

export function clientInfoOf(h: Headers): ClientInfo {
  return { browser: browserLabel(h.get("user-agent")), address: clientAddressOf(h) };
}

/**
 * The browser and address of the request being handled. next-auth v4's callbacks are not given
 * the request, but they run inside its route handler, where Next's `headers()` reads it (next-auth
 * itself reads the request that way). Outside a request (a script, a test): unknown.
 */
export async function currentRequestClient(): Promise<ClientInfo> {
  try {
    return clientInfoOf(await headers());
  } catch {
    return { browser: browserLabel(null), address: null };
  }
}
