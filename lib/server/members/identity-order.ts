import "server-only";
import type { Prisma } from "../generated/prisma/client.ts";

/** Identities read in the vocabulary's order of spaces (GitHub, Slack, email, …), then as added. */
export const IDENTITY_ORDER: Prisma.MemberIdentityOrderByWithRelationInput[] = [{ space: "asc" }, { createdAt: "asc" }, { id: "asc" }];
