"use client";

import { useState } from "react";
import { TextField } from "@/components/ui/field.tsx";
import { SelectField } from "@/components/ui/select.tsx";
import { SPACES, SPACE_LABELS } from "@/lib/schemas/vocabulary.ts";
import { HandleHint, type HandleLookupFn } from "../handle-hint.tsx";
import { useCheckedHandle } from "./use-checked-handle.ts";

const spaceOptions = SPACES.map((s) => ({ value: s, label: SPACE_LABELS[s] }));

/**
 * A member picked by space and handle (fields `${path}.space` and `${path}.handle`), the handle
 * checked on blur: whom it names, and which members' handles it only looks like.
 */
export function MemberHandleFields({
  path,
  who,
  space,
  handle,
  lookup,
  errors,
  required = false,
}: {
  path: string;
  /** "Subject" or "Reporter": the labels say "Subject's space", "Subject's handle". */
  who: string;
  space: string;
  handle: string;
  lookup: HandleLookupFn;
  errors: { space?: string; handle?: string };
  required?: boolean;
}) {
  const [chosenSpace, setChosenSpace] = useState(space);
  const checked = useCheckedHandle(handle);
  return (
    <>
      <SelectField
        label={`${who}'s space`}
        name={`${path}.space`}
        defaultValue={chosenSpace}
        options={spaceOptions}
        error={errors.space}
        onChange={(e) => setChosenSpace(e.target.value)}
      />
      <div>
        <TextField
          label={`${who}'s handle`}
          name={`${path}.handle`}
          value={checked.value}
          onChange={checked.onChange}
          onBlur={checked.onBlur}
          autoComplete="off"
          required={required}
          error={errors.handle}
        />
        <HandleHint
          lookup={lookup}
          space={chosenSpace}
          handle={checked.checked}
          onUse={checked.use}
          fieldLabel={`the ${who.toLowerCase()}'s handle`}
        />
      </div>
    </>
  );
}
