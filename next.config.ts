import type { NextConfig } from "next";
import { SERVER_ACTION_BODY_LIMIT } from "./lib/http/request-guard.ts";
import { STATIC_SECURITY_HEADERS } from "./lib/http/security-headers.ts";

// The public host, when one is configured: a server action posted from it passes Next's own
// Origin check even behind a reverse proxy that sends a different Host.
function configuredHost(): string[] | undefined {
  try {
    return process.env.NEXTAUTH_URL ? [new URL(process.env.NEXTAUTH_URL).host] : undefined;
  } catch {
    return undefined;
  }
}

const nextConfig: NextConfig = {
  // The database drivers load WebAssembly / native code at run time: keep them out of the bundle.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/adapter-pg", "pg", "@node-rs/argon2"],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    // proxy.ts answers a larger body with a 413 before Next sees it (Next would answer 500).
    serverActions: { bodySizeLimit: SERVER_ACTION_BODY_LIMIT, allowedOrigins: configuredHost() },
  },
  // Headers that never change, on every response, static files included. The
  // Content-Security-Policy (a nonce per page) and HSTS (only over HTTPS) come from proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: STATIC_SECURITY_HEADERS }];
  },
};

export default nextConfig;
