"use client";

import { Description, Field, Label, Switch } from "@headlessui/react";

/** An on/off setting with its label and explanation, read by screen readers as a switch. */
export function EnabledSwitch({
  label,
  hint,
  checked,
  disabled,
  onChange,
}: {
  label: string;
  hint: string;
  checked: boolean;
  disabled: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <Field disabled={disabled} className="flex items-start justify-between gap-4 rounded-lg border border-slate-200 px-4 py-3">
      <div className="min-w-0">
        <Label className="text-sm font-medium text-slate-900 data-disabled:text-slate-700">{label}</Label>
        <Description className="mt-0.5 text-xs text-slate-500">{hint}</Description>
      </div>
      <Switch
        checked={checked}
        onChange={onChange}
        className="group relative inline-flex h-6 w-11 shrink-0 cursor-pointer items-center rounded-full bg-slate-300 transition-colors data-checked:bg-brand-600 data-disabled:cursor-not-allowed data-disabled:opacity-60 data-focus:outline-2 data-focus:outline-offset-2 data-focus:outline-brand-500"
      >
        <span
          aria-hidden="true"
          className="size-5 translate-x-0.5 rounded-full bg-white shadow-sm ring-1 ring-slate-900/5 transition-transform group-data-checked:translate-x-5.5"
        />
      </Switch>
    </Field>
  );
}
