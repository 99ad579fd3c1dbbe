"use client";

import { useState, type ReactNode } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpBatchStreamLink, splitLink } from "@trpc/client";
import { SessionProvider } from "next-auth/react";
import superjson from "superjson";
import type { AppRouter } from "@/server/api/root";
import type { Locale } from "@/lib/i18n/messages";
import { TRPCProvider } from "./trpc";
import { I18nProvider } from "./i18n";

const STREAMED = new Set(["ai.playground"]);

export function AppProviders({ children, locale }: { children: ReactNode; locale: Locale }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { staleTime: 10_000, retry: (count, error) => count < 2 && !isClientError(error) },
        },
      }),
  );
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        // Procedures that stream (async generators) need the streaming link; everything else
        // keeps the plain batch link, which can still set headers after the handler runs.
        splitLink({
          condition: (op) => STREAMED.has(op.path),
          true: httpBatchStreamLink({ url: "/api/trpc", transformer: superjson }),
          false: httpBatchLink({ url: "/api/trpc", transformer: superjson }),
        }),
      ],
    }),
  );
  return (
    <SessionProvider>
      <I18nProvider locale={locale}>
        <QueryClientProvider client={queryClient}>
          <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
            {children}
          </TRPCProvider>
        </QueryClientProvider>
      </I18nProvider>
    </SessionProvider>
  );
}

function isClientError(error: unknown): boolean {
  const status = (error as { data?: { httpStatus?: number } } | null)?.data?.httpStatus;
  return typeof status === "number" && status >= 400 && status < 500;
}
