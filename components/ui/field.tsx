"use client";

import { useId, type ComponentProps, type ReactNode } from "react";
import { useT } from "@/components/providers/i18n";
import { Input, Select } from "./input";

export interface ControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  invalid: boolean;
}

interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  errors?: readonly string[];
  optional?: boolean;
  children: (control: ControlProps) => ReactNode;
}

/**
 * Label, hint and errors wired to one control. The error slot is always rendered so
 * screen readers announce errors that appear after a submit (aria-live needs the
 * region to exist before its content changes).
 */
export function Field({ label, hint, errors, optional, children }: FieldProps) {
  const t = useT();
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hasErrors = Boolean(errors && errors.length > 0);
  const describedBy = [hint ? hintId : null, hasErrors ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
        {optional && <span className="ml-1 font-normal text-slate-500">({t("common.optional")})</span>}
      </label>
      {children({ id, "aria-describedby": describedBy, "aria-invalid": hasErrors ? true : undefined, invalid: hasErrors })}
      {hint && (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      <div id={errorId} aria-live="polite">
        {errors?.map((error) => (
          <p key={error} className="text-sm text-red-700">
            {error}
          </p>
        ))}
      </div>
    </div>
  );
}

type TextFieldProps = Omit<ComponentProps<"input">, "id"> & Omit<FieldProps, "children">;

export function TextField({ label, hint, errors, optional, ...inputProps }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} errors={errors} optional={optional}>
      {({ invalid, ...control }) => <Input invalid={invalid} {...control} {...inputProps} />}
    </Field>
  );
}

type SelectFieldProps = Omit<ComponentProps<"select">, "id"> & Omit<FieldProps, "children">;

export function SelectField({ label, hint, errors, optional, children, ...selectProps }: SelectFieldProps) {
  return (
    <Field label={label} hint={hint} errors={errors} optional={optional}>
      {({ invalid, ...control }) => (
        <Select invalid={invalid} {...control} {...selectProps}>
          {children}
        </Select>
      )}
    </Field>
  );
}
