import { describe, expect, it } from "vitest";
import { handleKeys, handleSkeleton } from "@/lib/schemas/handle-skeleton.ts";
import { lookAlikeMessage, quoteHandle, ZHandle, ZIdentityList } from "@/lib/schemas/member.ts";
import { normalizeHandle } from "@/lib/schemas/vocabulary.ts";

const skeleton = (typed: string) => handleSkeleton(normalizeHandle(typed));

describe("handle skeletons: handles that only look alike share one", () => {
  it("Cyrillic and Greek letters drawn like Latin ones", () => {
    expect(skeleton("nооrh")).toBe(skeleton("noorh")); // Cyrillic о (U+043E)
    expect(skeleton("nοorh")).toBe(skeleton("noorh")); // Greek ο (U+03BF)
    expect(skeleton("раураl")).toBe(skeleton("paypal")); // Cyrillic р, а, у
    expect(skeleton("ехаmрlе")).toBe(skeleton("example"));
  });

  it("mixed scripts in one handle, and every letter swapped, still match", () => {
    expect(skeleton("nοоrh")).toBe(skeleton("noorh")); // Greek ο then Cyrillic о
    expect(skeleton("nооrн")).not.toBe(skeleton("noorh")); // Cyrillic н is drawn as H, not h
    expect(skeleton("пoorh")).not.toBe(skeleton("noorh")); // nor is Cyrillic п an n, to the table
    expect(skeleton("ѕсоре")).toBe(skeleton("scope")); // all Cyrillic
  });

  it("rn reads as m, 0 as o, and l, I and 1 read alike", () => {
    expect(skeleton("rnorgan")).toBe(skeleton("morgan"));
    expect(skeleton("n00rh")).toBe(skeleton("noorh"));
    expect(skeleton("al1ce")).toBe(skeleton("alice"));
    expect(skeleton("AIice")).toBe(skeleton("alice")); // typed with a capital I, which reads as l
    expect(skeleton("a|ice")).toBe(skeleton("alice"));
  });

  it("fullwidth and zero-width variants are the same handle already, so the same skeleton", () => {
    expect(handleKeys("ｎｏｏｒｈ")).toEqual(handleKeys("noorh"));
    expect(handleKeys("noo\u200Brh")).toEqual({ handleNormalized: "noorh", skeleton: skeleton("noorh") });
  });

  it("handles that differ in how they look keep different skeletons", () => {
    expect(skeleton("noorh")).not.toBe(skeleton("noorb"));
    expect(skeleton("noorh")).not.toBe(skeleton("nöorh")); // a diacritic is visible
    expect(skeleton("morgan")).not.toBe(skeleton("rnorgen"));
    expect(skeleton("eli")).not.toBe(skeleton("ell-contrib"));
  });

  it("is stable: the skeleton of a skeleton's letters does not move again", () => {
    for (const typed of ["noorh", "nооrh", "rnorgan", "AIice", "Straße", "ΣΊΣΥΦΟΣ", "x"]) {
      const s = skeleton(typed);
      expect(handleSkeleton(s), typed).toBe(s);
    }
    expect(handleSkeleton("")).toBe("");
  });
});

describe("handles as the forms and the API take them (ZHandle)", () => {
  const message = (value: unknown) => {
    const parsed = ZHandle.safeParse(value);
    return parsed.success ? null : parsed.error.issues[0]!.message;
  };

  it("an ordinary handle passes, trimmed", () => {
    expect(ZHandle.parse("  @NoorH ")).toBe("@NoorH");
    expect(ZHandle.parse("ｎｏｏｒｈ")).toBe("ｎｏｏｒｈ");
  });

  it("nothing left once @ and invisible characters are stripped is no handle", () => {
    expect(message("")).toBe("Enter a handle");
    expect(message("@@")).toBe("Enter a handle");
    expect(message("\u200B\u200D")).toBe("This handle has only invisible characters: enter a handle");
    expect(message("@\u2060")).toBe("This handle has only invisible characters: enter a handle");
  });

  it("NUL and other control characters, and lone surrogates, are refused with a clear message", () => {
    expect(message("noo\u0000rh")).toBe("A handle cannot contain control characters (NUL, tabs, line breaks)");
    expect(message("noo\nrh")).toBe("A handle cannot contain control characters (NUL, tabs, line breaks)");
    expect(message("noo\uD800rh")).toBe("This handle holds a broken character (a lone UTF-16 surrogate): type it again");
    expect(message("noorh\uDC00")).toBe("This handle holds a broken character (a lone UTF-16 surrogate): type it again");
    expect(message("emoji \u{1F600} ok")).toBeNull(); // a surrogate pair is a character
  });

  it("a handle that normalises longer than 200 characters is refused", () => {
    expect(message("ﷺ".repeat(12))).toBe("Use at most 200 characters"); // each becomes 18 letters
    expect(message("a".repeat(201))).toBe("Use at most 200 characters");
  });

  it("the same handle twice in one list is caught however it is spelled", () => {
    const parsed = ZIdentityList.safeParse([
      { space: "github", handle: "noorh" },
      { space: "github", handle: "ｎｏｏ\u200Bｒｈ" },
    ]);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]).toMatchObject({ path: [1, "handle"], message: "This GitHub handle is already listed above" });
  });
});

describe("look-alike messages", () => {
  it("quote the handle as the space writes it, and say whose it is or was", () => {
    expect(quoteHandle("github", "@@noorh ")).toBe("@noorh");
    expect(quoteHandle("email", "noor@example.org")).toBe("noor@example.org");
    const l = { memberId: "x", displayName: "Noor Haddad", space: "github" as const, handle: "noorh", retired: false };
    expect(lookAlikeMessage(l)).toBe("Looks like @noorh (Noor Haddad)");
    expect(lookAlikeMessage({ ...l, retired: true })).toBe("Looks like @noorh (a former handle of Noor Haddad)");
  });
});
