"use client";

import type { ReactNode } from "react";
import { useFormStatus } from "react-dom";

/**
 * A form's submit button, disabled with a busy label while the action runs.
 *
 * @example
 * <SubmitButton>Save</SubmitButton>
 */
export function SubmitButton({
  children,
  busy = "Working…",
  tone = "primary",
  testId,
}: {
  children: ReactNode;
  busy?: string;
  tone?: "primary" | "secondary";
  testId?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} data-testid={testId} className={tone === "primary" ? "btn-primary" : "btn-secondary"}>
      {pending ? busy : children}
    </button>
  );
}
