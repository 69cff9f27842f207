import { z } from "zod";
import { ZRole } from "./vocabulary.ts";

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
