import { afterEach, describe, expect, it, vi } from "vitest";

describe("sign-in providers", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("email and password always; GitHub only when its client id and secret are set", async () => {
    vi.stubEnv("GITHUB_ID", "");
    vi.stubEnv("GITHUB_SECRET", "");
    const without = await import("@/lib/server/auth-options.ts");
    expect(without.authOptions.providers.map((p) => p.id)).toEqual(["credentials"]);
    expect(without.githubEnabled()).toBe(false);

    vi.resetModules();
    vi.stubEnv("GITHUB_ID", "an-id");
    vi.stubEnv("GITHUB_SECRET", "a-secret");
    const withGithub = await import("@/lib/server/auth-options.ts");
    expect(withGithub.authOptions.providers.map((p) => p.id)).toEqual(["credentials", "github"]);
    expect(withGithub.authOptions.session?.strategy).toBe("jwt");
  }, 30_000); // two fresh imports of the whole sign-in module graph (Prisma client included)
});
