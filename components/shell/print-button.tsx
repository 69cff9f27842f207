"use client";

import { useEffect } from "react";
import { Button } from "@/components/ui/button.tsx";

/**
 * Prints the page. While printing, every closed disclosure is opened (and closed again after), so
 * the paper copy has every section; the print stylesheet leaves out navigation and controls.
 */
export function PrintButton({ label }: { label: string }) {
  useEffect(() => {
    let opened: HTMLDetailsElement[] = [];
    const before = () => {
      opened = [...document.querySelectorAll("details:not([open])")] as HTMLDetailsElement[];
      for (const d of opened) d.open = true;
    };
    const after = () => {
      for (const d of opened) d.open = false;
      opened = [];
    };
    window.addEventListener("beforeprint", before);
    window.addEventListener("afterprint", after);
    return () => {
      window.removeEventListener("beforeprint", before);
      window.removeEventListener("afterprint", after);
    };
  }, []);
  return (
    <Button variant="secondary" onClick={() => window.print()}>
      {label}
    </Button>
  );
}
