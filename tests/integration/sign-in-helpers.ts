import { randomInt } from "node:crypto";
import { createUser } from "@/lib/server/users/create-user.ts";
import { SignInRefused, signInWithPassword } from "@/lib/server/users/sign-in-with-password.ts";
import { unique } from "./harness.ts";

export const system = { system: true as const, label: "test" };
export const PASSWORD = "right-password-123";

/** A client address of its own per test, so that tests never share an address's throttle. */
export function newAddress(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

/** A team account with a password, created through the app; with the actor the two-factor functions take. */
export async function accountWithPassword(role: "admin" | "moderator" | "viewer" = "moderator") {
  const email = `${unique()}@example.org`;
  const user = await createUser({ actor: system, input: { email, name: `${role} ${unique()}`, role, password: PASSWORD } });
  return { user, email, actor: { id: user.id, name: user.name, role, memberId: null, email } };
}

export type Attempt = "signed-in" | "invalid" | `throttled:${number}` | "code_required" | "wrong_code";

/** One sign-in as the form sends it, and what it came to. */
export async function attempt(email: string, password: string, address: string, code?: string): Promise<Attempt> {
  try {
    const user = await signInWithPassword({ email, password, ...(code !== undefined ? { code } : {}) }, { address });
    return user ? "signed-in" : "invalid";
  } catch (error) {
    if (error instanceof SignInRefused) return error.reason === "throttled" ? `throttled:${error.minutes ?? 0}` : error.reason;
    throw error;
  }
}
