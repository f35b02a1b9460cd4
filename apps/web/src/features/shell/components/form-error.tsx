import type { ActionResult } from "@/lib/action-result";

/**
 * The error message of a failed server action, or nothing.
 *
 * @example
 * <FormError state={state} />
 */
export function FormError({ state }: { state: ActionResult<unknown> | null }) {
  if (!state || state.ok) return null;
  return (
    <p role="alert" data-testid="form-error" className="w-full rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-700 ring-1 ring-rose-600/20">
      {state.error}
    </p>
  );
}
