"use client";

import { useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button.tsx";
import { ChoiceField, FieldGroup } from "@/components/ui/choice.tsx";
import { TextField } from "@/components/ui/field.tsx";
import { SelectField } from "@/components/ui/select.tsx";
import { TextareaField } from "@/components/ui/textarea.tsx";
import { STANDARD_SHORT_LABELS } from "@/components/cases/standard-labels.ts";
import { EXPORT_FORMATS, EXPORT_FORMAT_LABELS, type TExportMode } from "@/lib/schemas/export.ts";
import { CASE_STATUSES, CASE_STATUS_LABELS, LEVELS, LEVEL_LABELS, SPACES, SPACE_LABELS, STANDARDS } from "@/lib/schemas/vocabulary.ts";
import { formatCount } from "@/lib/format/numbers.ts";

type Progress =
  | { state: "idle" }
  | { state: "running"; rows: number; total: number; bytes: number }
  | { state: "done"; rows: number; bytes: number; filename: string }
  | { state: "error"; message: string; fields: Record<string, string> };

const MODE_HINTS: Record<TExportMode, string> = {
  internal: "Members named. Reporters and involved people are left out.",
  public: "Members replaced by pseudonyms (Member A, Member B…); moderators and rationales left out, public summaries kept.",
  full: "Admins only. Adds each case's reporter and involved people. Your reason is recorded in the audit log.",
};
// Lines before the first row: the CSV header, "[" of a JSON array, the Markdown header and its rule.
const HEADER_LINES = { csv: 1, json: 1, markdown: 2 } as const;

function kilobytes(bytes: number) {
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KB`;
}

function filenameOf(response: Response, fallback: string) {
  return /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? fallback;
}

/**
 * The decision summaries export: filters, mode and format, then a streamed download with
 * its progress (rows and bytes received so far, out of the row count the server announces).
 */
export function ExportForm({ isAdmin, today }: { isAdmin: boolean; today: string }) {
  const [mode, setMode] = useState<TExportMode>("internal");
  const [progress, setProgress] = useState<Progress>({ state: "idle" });
  const abort = useRef<AbortController | null>(null);
  const any = { value: "", label: "Any" };
  const fields = progress.state === "error" ? progress.fields : {};
  const modes: TExportMode[] = isAdmin ? ["internal", "public", "full"] : ["internal", "public"];

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
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
      else setProgress({ state: "error", message: "The download was interrupted: try again", fields: {} });
    }
  }

  return (
    <form onSubmit={onSubmit} aria-label="Export decision summaries" className="space-y-5" noValidate>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <TextField label="Decided from" name="from" type="date" max={today} error={fields.from} />
        <TextField label="Decided until" name="to" type="date" error={fields.to} />
        <SelectField
          label="Level"
          name="level"
          defaultValue=""
          error={fields.level}
          options={[any, ...LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] })), { value: "none", label: "No action" }]}
        />
        <SelectField
          label="Space"
          name="space"
          defaultValue=""
          error={fields.space}
          options={[any, ...SPACES.map((s) => ({ value: s, label: SPACE_LABELS[s] }))]}
        />
        <SelectField
          label="Standard"
          name="standard"
          defaultValue=""
          error={fields.standard}
          options={[any, ...STANDARDS.map((s) => ({ value: s, label: STANDARD_SHORT_LABELS[s] }))]}
        />
        <SelectField
          label="Case status"
          name="status"
          defaultValue=""
          error={fields.status}
          options={[any, ...CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] }))]}
        />
      </div>

      <div className="grid gap-5 md:grid-cols-2">
        <FieldGroup legend="Mode" error={fields.mode}>
          <div className="space-y-2">
            {modes.map((m) => (
              <ChoiceField
                key={m}
                type="radio"
                name="mode"
                value={m}
                label={m === "internal" ? "Internal" : m === "public" ? "Public" : "Full"}
                hint={MODE_HINTS[m]}
                checked={mode === m}
                onChange={() => setMode(m)}
              />
            ))}
          </div>
        </FieldGroup>
        <FieldGroup legend="Format" error={fields.format}>
          <div className="space-y-2">
            {EXPORT_FORMATS.map((f, i) => (
              <ChoiceField key={f} type="radio" name="format" value={f} label={EXPORT_FORMAT_LABELS[f]} defaultChecked={i === 0} />
            ))}
          </div>
        </FieldGroup>
      </div>

      {mode === "full" && (
        <TextareaField
          label="Reason for a full export"
          name="reason"
          rows={2}
          hint="Why reporters' identities are needed, e.g. a legal request or an appeal. Recorded in the audit log."
          error={fields.reason}
        />
      )}

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={progress.state === "running"}>
          Download export
        </Button>
        {progress.state === "running" && (
          <Button variant="ghost" onClick={() => abort.current?.abort()}>
            Cancel
          </Button>
        )}
      </div>

      <div aria-live="polite" className="text-sm">
        {progress.state === "running" && (
          <div className="space-y-1">
            <label htmlFor="export-progress" className="block text-slate-700">
              Exporting: {formatCount(progress.rows)} of {formatCount(progress.total)} rows, {kilobytes(progress.bytes)} received
            </label>
            <progress
              id="export-progress"
              className="h-2 w-full max-w-md accent-indigo-700"
              value={progress.rows}
              max={Math.max(1, progress.total)}
            />
          </div>
        )}
        {progress.state === "done" && (
          <p role="status" className="text-emerald-800">
            Downloaded {progress.filename}: {progress.rows} {progress.rows === 1 ? "row" : "rows"}, {kilobytes(progress.bytes)}. The export
            was recorded in the audit log.
          </p>
        )}
        {progress.state === "error" && (
          <p role="alert" className="text-red-700">
            {progress.message}
          </p>
        )}
      </div>
    </form>
  );
}
