"use client";

import Link from "next/link";
import { signOut } from "next-auth/react";
import { Menu, MenuButton, MenuHeading, MenuItem, MenuItems, MenuSection, MenuSeparator } from "@headlessui/react";
import clsx from "clsx";
import { LOCALES } from "@/lib/i18n/messages";
import { useLocale, useT } from "@/components/providers/i18n";
import { useSwitchLocale } from "@/components/i18n/use-switch-locale";
import { CheckIcon, ChevronUpDownIcon, KeyIcon, ShieldIcon, SignOutIcon } from "@/components/ui/icons";
import type { ShellUser } from "./shell-context";

const itemClasses =
  "flex w-full cursor-pointer items-center gap-3 rounded-md px-3 py-2 text-left text-sm text-slate-700 data-focus:bg-slate-100 data-focus:text-slate-900";

function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? (parts.at(-1)?.[0] ?? "") : "")).toUpperCase() || "?";
}

/** Account, language and sign-out; `placement` depends on where the button sits (sidebar bottom or top bar). */
export function UserMenu({ user, placement = "top start" }: { user: ShellUser; placement?: "top start" | "bottom end" }) {
  const t = useT();
  const locale = useLocale();
  const { switchLocale } = useSwitchLocale({ account: true });

  return (
    <Menu>
      <MenuButton
        aria-label={t("nav.userMenu")}
        className="flex w-full cursor-pointer items-center gap-3 rounded-lg px-2 py-2 text-left transition-colors hover:bg-slate-100 data-open:bg-slate-100"
      >
        <span
          aria-hidden="true"
          className="flex size-8 shrink-0 items-center justify-center rounded-full bg-slate-800 text-xs font-semibold text-white"
        >
          {initialsOf(user.name)}
        </span>
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-medium text-slate-900">{user.name}</span>
          <span className="block truncate text-xs text-slate-500">{user.email}</span>
        </span>
        <ChevronUpDownIcon className="size-4 shrink-0 text-slate-400" />
      </MenuButton>
      <MenuItems
        anchor={{ to: placement, gap: 6 }}
        transition
        className="z-50 w-64 rounded-lg border border-slate-200 bg-white p-1 shadow-lg transition duration-100 ease-out focus:outline-none data-closed:scale-95 data-closed:opacity-0"
      >
        <MenuItem>
          <Link href="/account" className={itemClasses}>
            <KeyIcon className="size-4 text-slate-500" />
            {t("auth.account")} · {t("auth.changePassword")}
          </Link>
        </MenuItem>
        {user.isPlatformOwner && (
          <MenuItem>
            <Link href="/platform" className={itemClasses}>
              <ShieldIcon className="size-4 text-slate-500" />
              {t("nav.platform")}
            </Link>
          </MenuItem>
        )}
        <MenuSeparator className="my-1 h-px bg-slate-100" />
        <MenuSection>
          <MenuHeading className="px-3 pt-1 pb-1 text-xs font-medium text-slate-500">{t("common.language")}</MenuHeading>
          {LOCALES.map((option) => (
            <MenuItem key={option}>
              <button type="button" lang={option} className={itemClasses} onClick={() => switchLocale(option)}>
                <span className="flex-1">{t(`languages.${option}`)}</span>
                <CheckIcon className={clsx("size-4 text-brand-600", option !== locale && "invisible")} />
              </button>
            </MenuItem>
          ))}
        </MenuSection>
        <MenuSeparator className="my-1 h-px bg-slate-100" />
        <MenuItem>
          <button type="button" className={itemClasses} onClick={() => void signOut({ callbackUrl: "/sign-in" })}>
            <SignOutIcon className="size-4 text-slate-500" />
            {t("common.signOut")}
          </button>
        </MenuItem>
      </MenuItems>
    </Menu>
  );
}
