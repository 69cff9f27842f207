// What the sign-in form and the server say to each other through next-auth's error string.

/** next-auth's error for a plain null from authorize: wrong email or password (or deactivated). */
export const SIGN_IN_INVALID = "CredentialsSignin";
export const SIGN_IN_CODE_REQUIRED = "code_required";
export const SIGN_IN_WRONG_CODE = "wrong_code";
const THROTTLED_PREFIX = "throttled:";

export const INVALID_CREDENTIALS_MESSAGE = "Invalid email or password";
export const CODE_REQUIRED_MESSAGE = "Enter the code from your authenticator app, or a recovery code";
export const WRONG_CODE_MESSAGE = "That code is not valid: enter the current code from your authenticator app, or an unused recovery code";

/** "Too many attempts. Try again in 4 minutes." */
export function throttleMessage(minutes: number): string {
  return `Too many attempts. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}

export function throttledError(minutes: number): string {
  return `${THROTTLED_PREFIX}${minutes}`;
}

export type SignInOutcome = { step: "credentials" | "code"; message: string };

/** What the form shows for next-auth's error string. */
export function signInOutcome(error: string): SignInOutcome {
  if (error === SIGN_IN_CODE_REQUIRED) return { step: "code", message: CODE_REQUIRED_MESSAGE };
  if (error === SIGN_IN_WRONG_CODE) return { step: "code", message: WRONG_CODE_MESSAGE };
  if (error.startsWith(THROTTLED_PREFIX)) {
    const minutes = Number(error.slice(THROTTLED_PREFIX.length));
    if (Number.isInteger(minutes) && minutes > 0 && minutes <= 1440) return { step: "credentials", message: throttleMessage(minutes) };
  }
  return { step: "credentials", message: INVALID_CREDENTIALS_MESSAGE };
}
