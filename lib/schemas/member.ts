import { z } from "zod";
import { ZSpace } from "./vocabulary.ts";

export const ZHandle = z
  .string()
  .trim()
  .min(1, "Enter a handle")
  .max(200, "Use at most 200 characters")
  .refine((h) => h.replace(/^@+/, "").length > 0, { error: "Enter a handle" });

export const ZDisplayName = z.string().trim().min(1, "Enter a name").max(120, "Use at most 120 characters");

export const ZIdentityInput = z.object({ space: ZSpace, handle: ZHandle });
export type TIdentityInput = z.infer<typeof ZIdentityInput>;

/**
 * A reference to a community member: an existing record by id, or a handle in a space
 * (an unknown handle creates the member, named displayName or the handle itself).
 */
export const ZMemberRef = z.union([
  z.object({ memberId: z.uuid("Unknown member") }).strict(),
  z.object({ space: ZSpace, handle: ZHandle, displayName: ZDisplayName.optional() }).strict(),
]);
export type TMemberRef = z.infer<typeof ZMemberRef>;
