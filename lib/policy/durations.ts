/**
 * Lengths of time in milliseconds, and the day arithmetic the app does in UTC: one definition
 * instead of a `DAY` constant in every module. Pure: no clock of its own.
 */
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** `date` moved by `n` days (negative: earlier). */
export function addDays(date: Date, n: number): Date {
  return new Date(date.getTime() + n * DAY);
}

/** The end of an inclusive `to` day (`2026-05-01`) as an exclusive bound: the next day at 00:00 UTC. */
export function endOfUtcDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY);
}
