"use client";

import { useState, type FormEvent } from "react";
import { ActionForm } from "@/components/forms/action-form.tsx";
import { Button } from "@/components/ui/button.tsx";
import { TextareaField } from "@/components/ui/textarea.tsx";
import type { TExportMode } from "@/lib/schemas/export.ts";
import { ExportFilters } from "./export-filters.tsx";
import { ExportModeAndFormat } from "./export-mode-format.tsx";
import { ExportProgress } from "./export-progress.tsx";
import { useStreamedExport } from "./use-streamed-export.ts";

/**
 * The decision summaries export: filters, mode and format, then a streamed download with
 * its progress. A refusal is shown like every form's: the error summary, and each field's error.
 */
export function ExportForm({ isAdmin, today }: { isAdmin: boolean; today: string }) {
  const [mode, setMode] = useState<TExportMode>("internal");
  const { progress, start, cancel } = useStreamedExport();
  const modes: TExportMode[] = isAdmin ? ["internal", "public", "full"] : ["internal", "public"];
  const state = progress.state === "error" ? { ok: false as const, ...progress } : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void start(new FormData(event.currentTarget));
  }

  return (
    <ActionForm state={state} onSubmit={onSubmit} aria-label="Export decision summaries" className="space-y-5" noValidate>
      <ExportFilters today={today} />
      <ExportModeAndFormat modes={modes} mode={mode} onMode={setMode} />
      {mode === "full" && (
        <TextareaField
          label="Reason for a full export"
          name="reason"
          rows={2}
          hint="Why reporters' identities are needed, e.g. a legal request or an appeal. Recorded in the audit log."
        />
      )}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={progress.state === "running"}>
          Download export
        </Button>
        {progress.state === "running" && (
          <Button variant="ghost" onClick={cancel}>
            Cancel
          </Button>
        )}
      </div>
      <ExportProgress progress={progress} />
    </ActionForm>
  );
}
