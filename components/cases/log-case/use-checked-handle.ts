"use client";

import { useState } from "react";

/** A handle field checked on blur, with its hint; a look-alike's button puts that member's handle in it. */
export function useCheckedHandle(initial: string) {
  const [value, setValue] = useState(initial);
  const [checked, setChecked] = useState(initial);
  return {
    value,
    checked,
    onChange: (e: { target: { value: string } }) => setValue(e.target.value),
    onBlur: (e: { target: { value: string } }) => setChecked(e.target.value),
    use: (handle: string) => {
      setValue(handle);
      setChecked(handle);
    },
  };
}
