import "server-only";
import { AppError } from "./errors.ts";

export const RACE_MESSAGE = "This record was just changed by someone else: reload and try again";

/**
 * Whether a database error is a unique-constraint violation (Prisma's P2002). Through the
 * driver adapters it carries no `meta.target`, so only the code tells it.
 */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/**
 * The answer to a unique-constraint race nobody caught closer to it (two people creating the
 * same thing at once): a conflict the user can act on, never a 500.
 */
export function raceConflict(): AppError {
  return new AppError("conflict", RACE_MESSAGE);
}
