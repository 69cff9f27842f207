import { formatCount } from "@/lib/format/numbers.ts";
import type { Progress } from "./use-streamed-export.ts";

function kilobytes(bytes: number) {
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** How far a streamed export has got, and what it downloaded. (A refusal is in the form's error summary.) */
export function ExportProgress({ progress }: { progress: Progress }) {
  return (
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
    </div>
  );
}
