import unhomoglyph from "unhomoglyph";
import { normalizeHandle } from "./vocabulary.ts";

/*
 * Handles that only look alike. Unicode's confusables table (UTS #39, confusables.txt: some
 * 6,000 characters and the prototype each one is drawn like) comes from the unhomoglyph package,
 * which ships it as data: a table that size is not something to copy by hand. Kept out of
 * vocabulary.ts, which the browser loads: only the server and the tests need the table.
 */

/** The TR39 skeleton of a string: NFD, each character replaced by its prototype, NFD again. */
function tr39Skeleton(s: string): string {
  return unhomoglyph(s.normalize("NFD")).normalize("NFD");
}

/**
 * The skeleton of a normalized handle (normalizeHandle): two handles that look alike share it
 * (`noorh`, `nооrh` with Cyrillic о, `nοorh` with Greek ο, `n00rh`; `rn` and `m`; `l` and `1`).
 * The Unicode TR39 skeleton, taken without case, since handles are compared without case and
 * shown as typed: the prototype of `0` is `O`, read here as `o`, and an `i` may have been typed
 * `I`, which reads as `l`. A skeleton is a key to find look-alikes, never shown.
 */
export function handleSkeleton(normalized: string): string {
  let s = tr39Skeleton(normalized);
  // Lower-casing a prototype may give a character that has a prototype of its own: to a fixed point.
  for (let i = 0; i < 4; i++) {
    const next = tr39Skeleton(s.toLowerCase());
    if (next === s) break;
    s = next;
  }
  return s.replace(/i/g, "l");
}

/** The two keys every MemberIdentity row stores for a handle as typed. */
export function handleKeys(handle: string): { handleNormalized: string; skeleton: string } {
  const handleNormalized = normalizeHandle(handle);
  return { handleNormalized, skeleton: handleSkeleton(handleNormalized) };
}
