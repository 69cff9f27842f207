import "server-only";
import type { SessionLimits } from "@/lib/policy/session-expiry.ts";
import type { Prisma } from "../generated/prisma/client.ts";

/** Sessions still working at `now`: not ended, not idle, not past their fixed limit (lib/policy/session-expiry.ts). */
export function liveSessionsWhere(limits: SessionLimits, now: Date): Prisma.SessionWhereInput {
  return {
    revokedAt: null,
    lastSeenAt: { gt: new Date(now.getTime() - limits.idleMs) },
    createdAt: { gt: new Date(now.getTime() - limits.maxMs) },
  };
}
