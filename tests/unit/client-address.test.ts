import { describe, expect, it } from "vitest";
import { addressThrottleKey, clientAddress, normaliseAddress, SOCKET_ADDRESS_HEADER } from "@/lib/server/client-address.ts";
import { signInOutcome, throttledError, throttleMessage } from "@/lib/schemas/sign-in.ts";
import { waitMinutesAfter } from "@/lib/server/throttle/sign-in-throttle.ts";
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from "@/lib/server/two-factor/recovery-codes.ts";

describe("the client address", () => {
  const socket = { [SOCKET_ADDRESS_HEADER]: "::ffff:203.0.113.9" };

  it("is the socket's peer unless a trusted proxy is configured: X-Forwarded-For alone proves nothing", () => {
    expect(clientAddress({ ...socket, "x-forwarded-for": "1.2.3.4" }, {})).toBe("203.0.113.9");
    expect(clientAddress(new Headers({ ...socket, "x-forwarded-for": "1.2.3.4" }), { TRUST_PROXY: "0" })).toBe("203.0.113.9");
  });

  it("behind N trusted proxies is the Nth entry from the right of X-Forwarded-For (entries a client wrote are ignored)", () => {
    const headers = { ...socket, "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.2" };
    expect(clientAddress(headers, { TRUST_PROXY: "1" })).toBe("10.0.0.2");
    expect(clientAddress(headers, { TRUST_PROXY: "2" })).toBe("198.51.100.7");
    expect(clientAddress(headers, { TRUST_PROXY: "true" })).toBe("10.0.0.2");
    expect(clientAddress({ ...socket, "x-forwarded-for": "not an address" }, { TRUST_PROXY: "1" })).toBe("203.0.113.9");
    expect(clientAddress({ ...socket }, { TRUST_PROXY: "1" })).toBe("203.0.113.9");
    expect(clientAddress({}, {})).toBeUndefined();
  });

  it("is normalised, and an IPv6 address is throttled by its /64", () => {
    expect(normaliseAddress("[2001:DB8::1]")).toBe("2001:db8::1");
    expect(normaliseAddress("192.0.2.1:4431")).toBe("192.0.2.1");
    expect(normaliseAddress("\u0000")).toBeUndefined();
    expect(addressThrottleKey("2001:db8:aa:bb:cc:dd:ee:ff")).toBe("2001:db8:aa:bb::/64");
    expect(addressThrottleKey("2001:db8::1")).toBe(addressThrottleKey("2001:db8::ffff:1"));
    expect(addressThrottleKey("192.0.2.1")).toBe("192.0.2.1");
    expect(addressThrottleKey(undefined)).toBe("unknown");
  });
});

describe("sign-in messages", () => {
  it("the wait doubles from 1 minute up to 60", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(waitMinutesAfter)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it("one message for a throttle, whatever the account", () => {
    expect(throttleMessage(1)).toBe("Too many attempts. Try again in 1 minute.");
    expect(signInOutcome(throttledError(8))).toEqual({ step: "credentials", message: "Too many attempts. Try again in 8 minutes." });
    expect(signInOutcome("throttled:<script>")).toEqual({ step: "credentials", message: "Invalid email or password" });
    expect(signInOutcome("code_required").step).toBe("code");
  });
});

describe("recovery codes", () => {
  it("ten distinct codes, forgiving case, spaces, dashes and look-alike letters when typed", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
    expect(normaliseRecoveryCode(" AB1O0-ilxyz ")).toBe("ab10011xyz");
    expect(hashRecoveryCode("abcde-fghjk")).toBe(hashRecoveryCode("ABCDE FGHJK"));
    expect(hashRecoveryCode("too-short")).toBeNull();
  });
});
