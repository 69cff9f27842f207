import { z } from "zod";
import { ZHandle } from "./member.ts";
import { ZRole, ZSpace } from "./vocabulary.ts";

export const MIN_PASSWORD_LENGTH = 10;

const role = z.preprocess(
  (v) => (typeof v === "string" ? v.toLowerCase() : v),
  z.enum(ZRole.options, { error: "Role must be admin, moderator or viewer" }),
);

export const ZCreateUserSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address").max(320),
  name: z.string().trim().min(1, "Enter a name").max(120, "Use at most 120 characters"),
  role,
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(1024, "Use at most 1024 characters")
    .optional(),
  /** The member record this account belongs to, by any handle (created when nobody holds it). */
  member: z.object({ space: ZSpace, handle: ZHandle }).optional(),
});
export type TCreateUser = z.infer<typeof ZCreateUserSchema>;

export const ZUpdateUserSchema = z
  .object({
    userId: z.uuid("Unknown user"),
    role: role.optional(),
    active: z.boolean().optional(),
  })
  .refine((v) => v.role !== undefined || v.active !== undefined, { error: "Nothing to change" });
export type TUpdateUser = z.infer<typeof ZUpdateUserSchema>;

/** `github:alice` → a handle in a space, as the command-line tools take it. */
export const ZMemberHandleRef = z.object({ space: ZSpace, handle: ZHandle });
export type TMemberHandleRef = z.infer<typeof ZMemberHandleRef>;

export function parseSpaceHandle(text: string): { space: string; handle: string } | null {
  const at = text.indexOf(":");
  if (at <= 0) return null;
  return { space: text.slice(0, at).trim().toLowerCase(), handle: text.slice(at + 1) };
}

/**
 * Links a team account to the member record it belongs to (found by any handle), or unlinks it
 * (member: null). `create` makes the record when no member holds the handle yet.
 */
export const ZLinkUserMemberSchema = z.object({
  userId: z.uuid("Unknown user"),
  member: z
    .object({ memberId: z.uuid("Unknown member").optional(), space: ZSpace.optional(), handle: ZHandle.optional() })
    .strict()
    .superRefine((m, ctx) => {
      if (m.memberId !== undefined) {
        if (m.space !== undefined || m.handle !== undefined)
          ctx.addIssue({ code: "custom", message: "Name the member by id or by handle, not both" });
        return;
      }
      if (m.space === undefined) ctx.addIssue({ code: "custom", path: ["space"], message: "Choose the space of the handle" });
      if (m.handle === undefined) ctx.addIssue({ code: "custom", path: ["handle"], message: "Enter a handle" });
    })
    .transform((m): TMemberHandleRef | { memberId: string } =>
      m.memberId !== undefined ? { memberId: m.memberId } : { space: m.space!, handle: m.handle! },
    )
    .nullable(),
  create: z.boolean().optional(),
});
export type TLinkUserMember = z.infer<typeof ZLinkUserMemberSchema>;
