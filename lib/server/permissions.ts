import "server-only";
import type { TRole } from "@/lib/schemas/vocabulary.ts";
import { AppError } from "./errors.ts";

/** Everything a role may do, in one table. Viewers read; they never write or see reporters. */
const PERMISSIONS = {
  "dashboard.view": ["admin", "moderator", "viewer"],
  "case.view": ["admin", "moderator", "viewer"],
  "case.create": ["admin", "moderator"],
  "case.update": ["admin", "moderator"],
  "case.reveal_reporter": ["admin", "moderator"],
  "decision.create": ["admin", "moderator"],
  "decision.reverse": ["admin"],
  "member.view": ["admin", "moderator", "viewer"],
  "member.update": ["admin", "moderator"],
  "member.merge": ["admin", "moderator"],
  "export.create": ["admin", "moderator", "viewer"],
  "export.full": ["admin"],
  "audit.view": ["admin"],
  "user.manage": ["admin"],
  "security.manage": ["admin"],
  "token.manage_own": ["admin", "moderator", "viewer"],
  "session.manage_own": ["admin", "moderator", "viewer"],
} as const satisfies Record<string, readonly TRole[]>;

export type Permission = keyof typeof PERMISSIONS;
/** `token` is set when the actor is a personal API token acting as its owner: audit events name it. */
export type Actor = { id: string; role: TRole; name: string; memberId: string | null; token?: { id: string; name: string } };
/** Command-line tools run by whoever operates the server: allowed everything, audited as "system". */
export type SystemActor = { system: true; label: string };

export function can(actor: Pick<Actor, "role"> | SystemActor | null | undefined, permission: Permission): boolean {
  if (!actor) return false;
  if ("system" in actor) return true;
  return (PERMISSIONS[permission] as readonly TRole[]).includes(actor.role);
}

export function assertCan(actor: Pick<Actor, "role"> | SystemActor | null | undefined, permission: Permission): void {
  if (!actor) throw new AppError("unauthenticated", "Sign in to continue");
  if (!can(actor, permission)) throw new AppError("forbidden", "Your role does not allow this");
}
