import type { ActionResult } from "./action-result.ts";

/** A two-factor action that may hand back new recovery codes, shown once. */
export type RecoveryCodesResult = ActionResult & { recoveryCodes?: string[] };
