"use client";

import { useRef, useState } from "react";

export type Progress =
  | { state: "idle" }
  | { state: "running"; rows: number; total: number; bytes: number }
  | { state: "done"; rows: number; bytes: number; filename: string }
  | { state: "error"; message: string; fields: Record<string, string>; n: number; sent: FormData };

// Lines before the first row: the CSV header, "[" of a JSON array, the Markdown header and its rule.
const HEADER_LINES = { csv: 1, json: 1, markdown: 2 } as const;

function filenameOf(response: Response, fallback: string) {
  return /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? fallback;
}

/**
 * A streamed download of the decision summaries export: the rows and bytes received so far, out
 * of the row count the server announces; a refusal with the server's per-field errors.
 */
export function useStreamedExport() {
  const [progress, setProgress] = useState<Progress>({ state: "idle" });
  const abort = useRef<AbortController | null>(null);
  const submissions = useRef(0);

  async function start(form: FormData) {
    const n = ++submissions.current;
    const query = new URLSearchParams();
    for (const [key, value] of form.entries()) if (typeof value === "string" && value.trim() !== "") query.set(key, value);
    const format = (query.get("format") ?? "csv") as keyof typeof HEADER_LINES;
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setProgress({ state: "running", rows: 0, total: 0, bytes: 0 });
    try {
      const response = await fetch(`/api/exports/decisions?${query}`, { signal: controller.signal });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string; fields?: Record<string, string> } } | null;
        const fieldErrors = body?.error?.fields ?? {};
        setProgress({
          state: "error",
          message: Object.keys(fieldErrors).some((k) => k !== "_")
            ? "Nothing was exported: correct the marked fields"
            : (body?.error?.message ?? "The export failed: try again"),
          fields: fieldErrors,
          n,
          sent: form,
        });
        return;
      }
      const total = Number(response.headers.get("x-export-rows") ?? 0);
      const reader = response.body.getReader();
      const chunks: BlobPart[] = [];
      let bytes = 0;
      let lines = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.byteLength;
        for (const byte of value) if (byte === 10) lines += 1;
        setProgress({ state: "running", rows: Math.min(total, Math.max(0, lines - HEADER_LINES[format])), total, bytes });
      }
      const filename = filenameOf(response, `decision-summaries.${format === "markdown" ? "md" : format}`);
      const url = URL.createObjectURL(new Blob(chunks, { type: response.headers.get("content-type") ?? "text/plain" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = filename;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setProgress({ state: "done", rows: total, bytes, filename });
    } catch (error) {
      if ((error as Error).name === "AbortError") setProgress({ state: "idle" });
      else setProgress({ state: "error", message: "The download was interrupted: try again", fields: {}, n, sent: form });
    }
  }

  return { progress, start, cancel: () => abort.current?.abort() };
}
