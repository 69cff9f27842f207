"use client";

import { ChoiceField, FieldGroup } from "@/components/ui/choice.tsx";
import { EXPORT_FORMATS, EXPORT_FORMAT_LABELS, type TExportMode } from "@/lib/schemas/export.ts";

const MODE_HINTS: Record<TExportMode, string> = {
  internal: "Members named. Reporters and involved people are left out.",
  public: "Members replaced by pseudonyms (Member A, Member B…); moderators and rationales left out, public summaries kept.",
  full: "Admins only. Adds each case's reporter and involved people. Your reason is recorded in the audit log.",
};

/** What the export holds (mode: who is named) and its file format. */
export function ExportModeAndFormat({
  modes,
  mode,
  onMode,
}: {
  modes: TExportMode[];
  mode: TExportMode;
  onMode: (mode: TExportMode) => void;
}) {
  return (
    <div className="grid gap-5 md:grid-cols-2">
      <FieldGroup legend="Mode" name="mode">
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
              onChange={() => onMode(m)}
            />
          ))}
        </div>
      </FieldGroup>
      <FieldGroup legend="Format" name="format">
        <div className="space-y-2">
          {EXPORT_FORMATS.map((f, i) => (
            <ChoiceField key={f} type="radio" name="format" value={f} label={EXPORT_FORMAT_LABELS[f]} defaultChecked={i === 0} />
          ))}
        </div>
      </FieldGroup>
    </div>
  );
}
