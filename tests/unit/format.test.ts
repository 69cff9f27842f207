import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime } from "@/lib/format/dates.ts";
import { formatCount } from "@/lib/format/numbers.ts";

describe("formatting for people", () => {
  it("groups the digits of counts, so 67108 cases read as 67,108", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount(999)).toBe("999");
    expect(formatCount(67108)).toBe("67,108");
    expect(formatCount(1000048n)).toBe("1,000,048");
  });

  it("dates read the same in every locale, in UTC", () => {
    expect(formatDate(new Date("2027-02-20T23:30:00Z"))).toBe("20 Feb 2027");
    expect(formatDateTime(new Date("2027-02-20T14:30:05Z"))).toBe("20 Feb 2027, 14:30 UTC");
    expect(formatDateTime(new Date("2027-02-20T14:30:05Z"), { seconds: true })).toBe("20 Feb 2027, 14:30:05 UTC");
  });
});
