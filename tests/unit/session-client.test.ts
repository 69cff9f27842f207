import { describe, expect, it } from "vitest";
import { browserLabel } from "@/lib/format/user-agent.ts";
import { clientAddressOf, clientInfoOf, currentRequestClient } from "@/lib/server/sessions/client-info.ts";

describe("the browser label of a session", () => {
  it.each([
    ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36", "Chrome on Linux"],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36 Edg/140.0",
      "Edge on Windows",
    ],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15",
      "Safari on macOS",
    ],
    ["Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox on Linux"],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0 Mobile/15E148 Safari/604.1",
      "Chrome on iOS",
    ],
    [
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36",
      "Chrome on Android",
    ],
    ["curl/8.5.0", "curl"],
    ["", "Unknown browser"],
    [null, "Unknown browser"],
  ])("%s → %s", (ua, label) => {
    expect(browserLabel(ua)).toBe(label);
  });

  it("is made of fixed words only: nothing a client sends is kept", () => {
    expect(browserLabel("<script>alert(1)</script>\u0000\uD800 Firefox/1 (X11; Linux)")).toBe("Firefox on Linux");
    expect(browserLabel(`Firefox/1 (X11; Linux) ${"A\u0000".repeat(1_000_000)}`)).toBe("Firefox on Linux");
    expect(browserLabel("<img src=x onerror=alert(1)>\uDC00")).toBe("Unknown browser");
  });
});

describe("the client address of a session", () => {
  const h = (entries: Record<string, string>) => new Headers(entries);

  it("is the nearest valid X-Forwarded-For entry (what next start or the reverse proxy saw)", () => {
    expect(clientAddressOf(h({ "x-forwarded-for": "203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientAddressOf(h({ "x-forwarded-for": "10.9.9.9, 198.51.100.7" }))).toBe("198.51.100.7");
    expect(clientAddressOf(h({ "x-forwarded-for": "::ffff:127.0.0.1" }))).toBe("127.0.0.1");
    expect(clientAddressOf(h({ "x-forwarded-for": "[2001:db8::1]:443" }))).toBe("2001:db8::1");
    expect(clientAddressOf(h({ "x-forwarded-for": "192.0.2.1:8080" }))).toBe("192.0.2.1");
    expect(clientAddressOf(h({ "x-real-ip": "192.0.2.44" }))).toBe("192.0.2.44");
  });

  it("is unknown rather than anything that is not an address", () => {
    expect(clientAddressOf(h({}))).toBeNull();
    expect(clientAddressOf(h({ "x-forwarded-for": "<script>, drop table, unknown" }))).toBeNull();
    expect(clientAddressOf(h({ "x-forwarded-for": `${"1.2.3.4,".repeat(5000)}x` }))).toBe("1.2.3.4");
    expect(clientInfoOf(h({ "user-agent": "curl/8.0", "x-forwarded-for": "not-an-ip" }))).toEqual({ browser: "curl", address: null });
  });

  it("outside a request (a script, a test) the client is unknown, not an error", async () => {
    await expect(currentRequestClient()).resolves.toEqual({ browser: "Unknown browser", address: null });
  });
});
