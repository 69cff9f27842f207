"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { FormState } from "./form-state.ts";

type Item = { key: string; message: string; target: string | null; label: string | null };

/** The field (or group) that shows an error: the one named by its key, else by the nearest enclosing path. */
function targetOf(key: string, idFor: (name: string) => string): HTMLElement | null {
  const parts = key.split(".");
  for (let n = parts.length; n > 0; n--) {
    const el = document.getElementById(idFor(parts.slice(0, n).join(".")));
    if (el) return el;
  }
  return null;
}

function labelOf(el: HTMLElement): string | null {
  if (el instanceof HTMLFieldSetElement) return el.querySelector("legend")?.textContent?.trim() || null;
  const labelled = (el as HTMLInputElement).labels?.[0]?.textContent?.trim();
  return labelled || el.getAttribute("aria-label");
}

function focusField(el: HTMLElement) {
  const focusable = el instanceof HTMLFieldSetElement ? el.querySelector<HTMLElement>("input, select, textarea, button") : el;
  (focusable ?? el).focus();
  (focusable ?? el).scrollIntoView({ block: "center" });
}

/**
 * The summary of a refused submission, at the top of its form: what happened, and a link per
 * field error that moves focus to the field (the field itself also shows its error). It takes
 * focus after each refusal, so keyboard and screen reader users start from it.
 */
export function ErrorSummary({ state, idFor }: { state: FormState<unknown>; idFor: (name: string) => string }) {
  const ref = useRef<HTMLElement>(null);
  const headingId = useId();
  // The links, found in the rendered form after each refusal (which field shows which error, and its label).
  const [found, setFound] = useState<{ n: number; items: Item[] } | null>(null);
  const refused = state !== null && !state.ok;
  const n = state?.n;

  useEffect(() => {
    if (!refused) return;
    const fields = state.fields ?? {};
    // Reading the form that was just rendered is what this effect is for.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setFound({
      n: state.n,
      items: Object.entries(fields)
        .filter(([key]) => key !== "_" || fields._ !== state.message)
        .map(([key, message]) => {
          const el = key === "_" ? null : targetOf(key, idFor);
          return { key, message, target: el?.id ?? null, label: el ? labelOf(el) : null };
        }),
    });
    ref.current?.focus();
    // Once per submission.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [n]);

  if (!refused) return null;
  const items = found?.n === state.n ? found.items : [];
  return (
    <section
      ref={ref}
      tabIndex={-1}
      aria-labelledby={headingId}
      className="col-span-full mb-4 rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900 focus:outline-2 focus:outline-red-700"
    >
      <h2 id={headingId} className="font-semibold">
        {state.message}
      </h2>
      {items.length > 0 && (
        <ul className="mt-1 list-disc space-y-0.5 pl-5">
          {items.map((item) => (
            <li key={item.key}>
              {item.target ? (
                <a
                  href={`#${item.target}`}
                  className="underline hover:no-underline"
                  onClick={(e) => {
                    const el = document.getElementById(item.target!);
                    if (!el) return;
                    e.preventDefault();
                    focusField(el);
                  }}
                >
                  {item.label ? `${item.label}: ` : ""}
                  {item.message}
                </a>
              ) : (
                item.message
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
