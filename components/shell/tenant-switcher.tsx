"use client";

import Link from "next/link";
import { Menu, MenuButton, MenuHeading, MenuItem, MenuItems, MenuSection, MenuSeparator } from "@headlessui/react";
import { useQuery } from "@tanstack/react-query";
import { useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { CheckIcon, ChevronUpDownIcon, PlusIcon } from "@/components/ui/icons";
import { RoleBadge } from "@/components/ui/role-badge";
import type { ShellTenant } from "./shell-context";

const itemClasses = "flex w-full items-center gap-3 rounded-md px-3 py-2 text-sm text-slate-700 data-focus:bg-slate-100 data-focus:text-slate-900";

/** Lists the user's companies; the current one comes from the server so the button never flickers. */
export function TenantSwitcher({ current, onNavigate }: { current: ShellTenant; onNavigate?: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const tenants = useQuery(trpc.tenants.listMine.queryOptions());
  const list = tenants.data ?? [current];

  return (
    <Menu>
      <MenuButton
        aria-label={`${t("nav.switchTenant")}: ${current.name}`}
        className="flex w-full cursor-pointer items-center gap-3 rounded-lg border border-slate-200 bg-white px-3 py-2 text-left shadow-sm transition-colors hover:bg-slate-50 data-open:ring-2 data-open:ring-brand-100"
      >
        <span
          aria-hidden="true"
          className="flex size-8 shrink-0 items-center justify-center rounded-md bg-brand-100 text-sm font-semibold text-brand-700"
        >
          {current.name.slice(0, 1).toUpperCase()}
        </span>
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-semibold text-slate-900" data-testid="current-tenant-name">
            {current.name}
          </span>
          <span className="block truncate text-xs text-slate-500">{t(`roles.${current.role}`)}</span>
        </span>
        <ChevronUpDownIcon className="size-4 shrink-0 text-slate-400" />
      </MenuButton>
      <MenuItems
        anchor={{ to: "bottom start", gap: 6 }}
        transition
        className="z-50 w-(--button-width) min-w-64 rounded-lg border border-slate-200 bg-white p-1 shadow-lg transition duration-100 ease-out focus:outline-none data-closed:scale-95 data-closed:opacity-0"
      >
        <MenuSection>
          <MenuHeading className="px-3 pt-2 pb-1 text-xs font-medium text-slate-500">{t("tenants.yourTenants")}</MenuHeading>
          {list.map((tenant) => (
            <MenuItem key={tenant.id}>
              <Link href={`/t/${tenant.slug}/inbox`} className={itemClasses} onClick={onNavigate}>
                <span className="min-w-0 flex-1 truncate">{tenant.name}</span>
                <RoleBadge role={tenant.role} />
                {tenant.slug === current.slug ? (
                  <CheckIcon className="size-4 text-brand-600" aria-hidden={false} role="img" aria-label={t("nav.currentTenant")} />
                ) : (
                  <span className="size-4" aria-hidden="true" />
                )}
              </Link>
            </MenuItem>
          ))}
        </MenuSection>
        <MenuSeparator className="my-1 h-px bg-slate-100" />
        <MenuItem>
          <Link href="/tenants/new" className={itemClasses} onClick={onNavigate}>
            <PlusIcon className="size-4 text-slate-500" />
            {t("nav.newTenant")}
          </Link>
        </MenuItem>
      </MenuItems>
    </Menu>
  );
}
