import "server-only";
import type { Standing } from "@/lib/policy/ladder.ts";

/** A standing as the API shows it. */
export function apiStanding(standing: Standing): { status: Standing["status"]; noContactUntil?: string } {
  return { status: standing.status, ...(standing.noContactUntil ? { noContactUntil: standing.noContactUntil.toISOString() } : {}) };
}
