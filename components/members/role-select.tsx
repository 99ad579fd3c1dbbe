"use client";

import { Listbox, ListboxButton, ListboxOption, ListboxOptions } from "@headlessui/react";
import { useT } from "@/components/providers/i18n";
import type { TenantRole } from "@/components/tenants/types";
import { CheckIcon, ChevronUpDownIcon } from "@/components/ui/icons";

/**
 * A listbox rather than a native select: a native select can fire `change` on every
 * arrow key, which here would send one role change per key press. The listbox commits
 * only on Enter or click.
 */
export function RoleSelect({
  value,
  choices,
  label,
  disabled,
  onChange,
}: {
  value: TenantRole;
  choices: readonly TenantRole[];
  label: string;
  disabled?: boolean;
  onChange: (role: TenantRole) => void;
}) {
  const t = useT();
  return (
    <Listbox value={value} onChange={onChange} disabled={disabled}>
      <ListboxButton
        aria-label={label}
        className="flex h-9 w-40 cursor-pointer items-center justify-between gap-2 rounded-lg border border-slate-300 bg-white px-3 text-left text-sm text-slate-900 shadow-sm hover:border-slate-400 data-disabled:cursor-not-allowed data-disabled:bg-slate-100 data-disabled:text-slate-500"
      >
        <span className="truncate">{t(`roles.${value}`)}</span>
        <ChevronUpDownIcon className="size-4 shrink-0 text-slate-400" />
      </ListboxButton>
      <ListboxOptions
        anchor={{ to: "bottom start", gap: 4 }}
        transition
        className="z-50 w-(--button-width) rounded-lg border border-slate-200 bg-white p-1 shadow-lg transition duration-100 ease-out focus:outline-none data-closed:opacity-0"
      >
        {choices.map((role) => (
          <ListboxOption
            key={role}
            value={role}
            className="group flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-sm text-slate-700 data-focus:bg-slate-100 data-focus:text-slate-900"
          >
            <CheckIcon className="invisible size-4 text-brand-600 group-data-selected:visible" />
            {t(`roles.${role}`)}
          </ListboxOption>
        ))}
      </ListboxOptions>
    </Listbox>
  );
}
