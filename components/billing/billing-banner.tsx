"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { LIMIT_LABELS, STATE_NOTICES } from "./billing-labels";

function BillingLink({ slug, label }: { slug: string; label: string }) {
  return (
    <ButtonLink href={`/t/${slug}/billing`} variant="secondary" size="sm">
      {label}
    </ButtonLink>
  );
}

/**
 * On every tenant page: what the billing state means for the company now — the trial's
 * end, a failed payment's deadline, or that AI replies are paused (and that messages
 * still arrive) — and, on any plan, limits used past 80 %. Nothing else on the embedded
 * default, where nothing is charged.
 */
export function BillingBanner({ className = "mb-6" }: { className?: string }) {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const overview = useQuery({ ...trpc.billing.overview.queryOptions({ tenantSlug: tenant.slug }), staleTime: 60_000 });
  const access = overview.data?.access;
  if (!access) return null;
  const near = overview.data?.nearLimits ?? [];
  if (access.state === "unmetered" || access.state === "active") {
    if (!near.length) return null;
    const what = near.map((kind) => t(LIMIT_LABELS[kind])).join(", ");
    return (
      <Alert tone="warning" className={className} action={<BillingLink slug={tenant.slug} label={t("billing.banner.action")} />}>
        {t("billing.banner.nearLimit", { what })}
      </Alert>
    );
  }
  const key = STATE_NOTICES[access.state];
  if (!key) return null;
  const date = access.until ? new Intl.DateTimeFormat(locale, { dateStyle: "long" }).format(access.until) : "";
  return (
    <Alert
      tone={access.aiPaused || access.state === "pastDue" ? "warning" : "info"}
      className={className}
      action={<BillingLink slug={tenant.slug} label={t("billing.banner.action")} />}
    >
      {t(key, { date })}
    </Alert>
  );
}
