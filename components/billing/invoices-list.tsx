"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { CardSection } from "@/components/ui/card";
import { LoadingStatus } from "@/components/ui/loading-status";
import { QueryError } from "@/components/ui/query-error";

/** The company's invoices as Stripe issued them, each opening Stripe's hosted invoice (with the NIP on it). */
export function InvoicesList() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const invoices = useQuery(trpc.billing.invoices.queryOptions({ tenantSlug: tenant.slug }));
  const money = (grosze: number, currency: string) => new Intl.NumberFormat(locale, { style: "currency", currency: currency.toUpperCase() }).format(grosze / 100);

  return (
    <CardSection title={t("billing.invoices.title")}>
      {invoices.isPending ? (
        <LoadingStatus />
      ) : invoices.isError ? (
        <QueryError error={invoices.error} onRetry={() => void invoices.refetch()} />
      ) : invoices.data.length === 0 ? (
        <p className="text-sm text-slate-600">{t("billing.invoices.empty")}</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-slate-500">
            <tr>
              <th className="py-2 font-medium">{t("billing.invoices.number")}</th>
              <th className="py-2 font-medium">{t("billing.invoices.date")}</th>
              <th className="py-2 text-right font-medium">{t("billing.invoices.amount")}</th>
              <th className="py-2 font-medium">{t("billing.invoices.status")}</th>
              <th className="py-2" />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {invoices.data.map((invoice) => (
              <tr key={invoice.id}>
                <td className="py-2 text-slate-900">{invoice.number ?? "—"}</td>
                <td className="py-2 text-slate-700">{new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(invoice.createdAt)}</td>
                <td className="py-2 text-right text-slate-900 tabular-nums">{money(invoice.totalGrosze, invoice.currency)}</td>
                <td className="py-2 text-slate-700">{invoice.status ?? "—"}</td>
                <td className="py-2 text-right">
                  {invoice.hostedUrl && (
                    <a href={invoice.hostedUrl} target="_blank" rel="noreferrer" className="font-medium text-brand-700 hover:underline">
                      {t("billing.invoices.open")}
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </CardSection>
  );
}
