import "server-only";
import { SPACE_LABELS, type TSpace } from "@/lib/schemas/vocabulary.ts";

type Identity = { space: TSpace; handle: string };
type Snapshot = { displayName?: string; identities?: Identity[] };

function snapshot(value: unknown): Snapshot {
  if (!value || typeof value !== "object") return {};
  const v = value as Record<string, unknown>;
  const identities = Array.isArray(v.identities)
    ? v.identities.filter((i): i is Identity => !!i && typeof i === "object" && typeof i.space === "string" && typeof i.handle === "string")
    : undefined;
  return { displayName: typeof v.displayName === "string" ? v.displayName : undefined, identities };
}

/** metadata.retired / metadata.restored of a member.updated event. */
function snapshotList(value: unknown, key: "retired" | "restored"): Identity[] {
  return snapshot({ identities: (value as Record<string, unknown> | null)?.[key] }).identities ?? [];
}

const label = (i: Identity) => `${SPACE_LABELS[i.space] ?? i.space}: ${i.handle}`;

/**
 * One line a person can read for an audit event about a member. Written on the server
 * from the event's before/after, saying only what the member page may show: never how
 * many cases a member reported.
 */
export function summarizeMemberEvent(event: { action: string; before: unknown; after: unknown; metadata: unknown }): string {
  const before = snapshot(event.before);
  const after = snapshot(event.after);
  switch (event.action) {
    case "member.created":
    // A record first made for a confidential reporter enters the lists when it is named in another
    // role: its page reads as if it were added then, never that it was a reporter before.
    case "member.listed":
      return after.identities?.length ? `Added with ${after.identities.map(label).join(", ")}` : "Added";
    case "member.updated": {
      const changes: string[] = [];
      if (before.displayName !== undefined && after.displayName !== undefined && before.displayName !== after.displayName) {
        changes.push(`Renamed from ${before.displayName} to ${after.displayName}`);
      }
      const had = new Set((before.identities ?? []).map(label));
      const has = new Set((after.identities ?? []).map(label));
      // Since identities are retired rather than deleted, metadata.retired lists them: they still lead here.
      const retired = snapshotList(event.metadata, "retired");
      const restored = new Set(snapshotList(event.metadata, "restored").map(label));
      const added = [...has].filter((l) => !had.has(l) && !restored.has(l));
      const removed = [...had].filter((l) => !has.has(l));
      if (added.length) changes.push(`added ${added.join(", ")}`);
      if (restored.size) changes.push(`brought back ${[...restored].join(", ")}`);
      if (removed.length) changes.push(`${retired.length ? "retired" : "removed"} ${removed.join(", ")}`);
      if (changes.length === 0) return "Saved without changes";
      const text = changes.join("; ");
      return text.charAt(0).toUpperCase() + text.slice(1);
    }
    case "member.merged": {
      const b = (event.before ?? {}) as { source?: unknown; target?: unknown };
      const source = snapshot(b.source);
      const target = snapshot(b.target);
      const reason = (event.metadata as { reason?: unknown } | null)?.reason;
      const moved = source.identities?.length ? ` (${source.identities.map(label).join(", ")})` : "";
      return `Merged the duplicate record ${source.displayName ?? "?"}${moved} into ${target.displayName ?? "?"}${
        typeof reason === "string" ? `. Reason: ${reason}` : ""
      }`;
    }
    default:
      return event.action;
  }
}
