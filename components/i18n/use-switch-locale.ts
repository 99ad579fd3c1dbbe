"use client";

import { useCallback, useTransition } from "react";
import { useRouter } from "next/navigation";
import { LOCALE_COOKIE } from "@/lib/i18n/locale";
import type { Locale } from "@/lib/i18n/messages";

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/** Stores the choice in the cookie the server reads, then re-renders server components in it. */
export function useSwitchLocale() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const switchLocale = useCallback(
    (locale: Locale) => {
      document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${ONE_YEAR_SECONDS}; samesite=lax`;
      document.documentElement.lang = locale;
      startTransition(() => router.refresh());
    },
    [router],
  );
  return { switchLocale, pending };
}
