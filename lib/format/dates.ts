/*
 * Dates across the app read "20 Feb 2027" and "20 Feb 2027, 14:30 UTC": unambiguous in
 * every locale, and in UTC so every moderator reads the same day and moment.
 */
const date = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const dateTime = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});
const dateTimeSeconds = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  timeZone: "UTC",
});

export function formatDate(value: Date | string | number): string {
  return date.format(new Date(value));
}

export function formatDateTime(value: Date | string | number, options: { seconds?: boolean } = {}): string {
  return `${(options.seconds ? dateTimeSeconds : dateTime).format(new Date(value))} UTC`;
}

/** An ISO timestamp for <time dateTime>. */
export function isoDate(value: Date | string | number): string {
  return new Date(value).toISOString();
}

/** The value of a datetime-local input showing this moment in UTC ("2026-05-01T14:30"). */
export function toUtcInputValue(value: Date | string | number): string {
  return new Date(value).toISOString().slice(0, 16);
}
