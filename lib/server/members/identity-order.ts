import "server-only";
import type { Prisma } from "../generated/prisma/client.ts";

/** Identities read in the vocabulary's order of spaces (GitHub, Slack, email, …), then as added. */
export const IDENTITY_ORDER: Prisma.MemberIdentityOrderByWithRelationInput[] = [{ space: "asc" }, { createdAt: "asc" }, { id: "asc" }];

type Row<S> = { space: S; handle: string; retiredAt: Date | null };

/**
 * A record's identity rows as pages show them: the current ones, and the retired ones (in the
 * order they were retired) that still lead to the member.
 */
export function splitIdentities<S>(rows: Row<S>[]): {
  identities: { space: S; handle: string }[];
  retiredIdentities: { space: S; handle: string; retiredAt: Date }[];
} {
  return {
    identities: rows.filter((i) => i.retiredAt === null).map(({ space, handle }) => ({ space, handle })),
    retiredIdentities: rows
      .flatMap((i) => (i.retiredAt ? [{ space: i.space, handle: i.handle, retiredAt: i.retiredAt }] : []))
      .sort((a, b) => a.retiredAt.getTime() - b.retiredAt.getTime()),
  };
}
