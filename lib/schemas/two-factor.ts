/** What a two-factor action that makes new recovery codes hands the form (its `data`): the codes, shown once. */
export type RecoveryCodes = { recoveryCodes: string[] };
