/** Dates on case pages are shown in UTC, so every moderator reads the same moment. */
const date = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function formatDate(value: Date | string): string {
  return date.format(new Date(value));
}

export function formatDateTime(value: Date | string): string {
  return `${dateTime.format(new Date(value))} UTC`;
}

/** The value of a datetime-local input showing this moment in UTC ("2026-05-01T14:30"). */
export function toUtcInputValue(value: Date | string): string {
  return new Date(value).toISOString().slice(0, 16);
}
