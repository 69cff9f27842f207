"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import type { THandleLookup } from "@/lib/schemas/member.ts";

export type HandleLookupFn = (space: string, handle: string) => Promise<THandleLookup>;

/**
 * Under a handle field of the Log a case form: whether the handle names an existing member or
 * will create one, and the members whose handle only looks like it ("Looks like @noorh (Noor
 * Haddad)"), each with a button that puts their handle in the field instead.
 */
export function HandleHint({
  lookup,
  space,
  handle,
  onUse,
  fieldLabel,
  showMember = true,
}: {
  lookup: HandleLookupFn;
  space: string;
  /** The handle as last checked (on blur), not every keystroke. */
  handle: string;
  onUse: (handle: string) => void;
  /** The field's name, for the buttons' accessible names ("Use @noorh as the subject's handle"). */
  fieldLabel: string;
  /** Say "Existing member: …" / "New member will be created" (the subject's field does). */
  showMember?: boolean;
}) {
  const [found, setFound] = useState<{ key: string; result: THandleLookup } | null>(null);
  const key = `${space}:${handle.trim()}`;
  useEffect(() => {
    if (!handle.trim()) return;
    let live = true;
    lookup(space, handle).then(
      (result) => live && setFound({ key, result }),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [lookup, space, handle, key]);
  const result = handle.trim() !== "" && found?.key === key ? found.result : null;
  return (
    <div className="mt-1 text-xs text-slate-700" aria-live="polite">
      {result && showMember && <p>{result.name ? `Existing member: ${result.name}` : "New member will be created"}</p>}
      {result && result.lookAlikes.length > 0 && (
        <ul className="mt-1 space-y-1">
          {result.lookAlikes.map((l) => (
            <li key={l.quoted} className="rounded-md border border-amber-300 bg-amber-50 px-2 py-1.5 text-amber-950">
              <p className="font-medium">{l.message}</p>
              <Button variant="secondary" className="mt-1 px-2 py-1 text-xs" onClick={() => onUse(l.handle)}>
                Use {l.quoted}
                <span className="sr-only"> as {fieldLabel}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
