import { STANDARDS, STANDARD_LABELS } from "@/lib/schemas/vocabulary.ts";
import { ChoiceField, FieldGroup } from "@/components/ui/choice.tsx";

const SLACK = STANDARDS.filter((s) => s.startsWith("slack-"));
const COC = STANDARDS.filter((s) => !s.startsWith("slack-"));

/** The standards violated as checkboxes (name "standards"): the Code of Conduct's list, then Slack's guidelines. */
export function StandardsFields({ selected, error }: { selected: string[]; error?: string }) {
  const group = (legend: string, codes: readonly (typeof STANDARDS)[number][]) => (
    <fieldset className="space-y-2">
      <legend className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-600">{legend}</legend>
      {codes.map((code) => (
        <ChoiceField key={code} name="standards" value={code} label={STANDARD_LABELS[code]} defaultChecked={selected.includes(code)} />
      ))}
    </fieldset>
  );
  return (
    <FieldGroup legend="Standards violated" name="standards" hint="Choose every standard the behaviour went against." error={error}>
      <div className="grid gap-6 rounded-md border border-slate-200 p-4 md:grid-cols-2">
        {group("Code of Conduct", COC)}
        {group("Slack content guidelines", SLACK)}
      </div>
    </FieldGroup>
  );
}
