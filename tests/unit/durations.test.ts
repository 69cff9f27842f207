import { describe, expect, it } from "vitest";
import { addDays, DAY, endOfUtcDay, HOUR, MINUTE } from "@/lib/policy/durations.ts";

describe("durations", () => {
  it("a day is 24 hours of 60 minutes", () => {
    expect(DAY).toBe(86_400_000);
    expect(HOUR).toBe(60 * MINUTE);
  });

  it("an inclusive 'to' day ends at the next midnight UTC, across month and year ends", () => {
    expect(endOfUtcDay("2026-05-01").toISOString()).toBe("2026-05-02T00:00:00.000Z");
    expect(endOfUtcDay("2026-02-28").toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(endOfUtcDay("2026-12-31").toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });

  it("adds and subtracts whole days", () => {
    const d = new Date("2026-03-10T09:00:00Z");
    expect(addDays(d, 90).toISOString()).toBe("2026-06-08T09:00:00.000Z");
    expect(addDays(d, -10).toISOString()).toBe("2026-02-28T09:00:00.000Z");
  });
});
