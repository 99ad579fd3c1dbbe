"use client";

import { useCallback, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { LOCALE_COOKIE } from "@/lib/i18n/locale";
import type { Locale } from "@/lib/i18n/messages";

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/**
 * Stores the choice in the cookie the server reads (this browser), and for a signed-in
 * member in the account (`account: true`: every device they sign in on), then re-renders
 * server components in it.
 */
export function useSwitchLocale({ account = false }: { account?: boolean } = {}) {
  const router = useRouter();
  const trpc = useTRPC();
  const [pending, startTransition] = useTransition();
  const save = useMutation(trpc.auth.setLocale.mutationOptions());
  const { mutate } = save;
  const switchLocale = useCallback(
    (locale: Locale) => {
      document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${ONE_YEAR_SECONDS}; samesite=lax`;
      document.documentElement.lang = locale;
      if (account) mutate({ locale });
      startTransition(() => router.refresh());
    },
    [account, mutate, router],
  );
  return { switchLocale, pending };
}
