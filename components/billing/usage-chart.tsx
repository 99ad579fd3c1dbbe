"use client";

import { useQuery } from "@tanstack/react-query";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useLocale, useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { CardSection } from "@/components/ui/card";
import { LoadingStatus } from "@/components/ui/loading-status";
import { QueryError } from "@/components/ui/query-error";

/** The last 30 days: buyer messages received and AI replies written, per day (Recharts). */
export function UsageChart() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const history = useQuery(trpc.billing.usageHistory.queryOptions({ tenantSlug: tenant.slug }));
  const dayLabel = (day: string) => new Intl.DateTimeFormat(locale, { day: "numeric", month: "numeric", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
  const messages = t("billing.chart.messages");
  const replies = t("billing.chart.aiReplies");

  return (
    <CardSection title={t("billing.chart.title")} description={t("billing.chart.intro")}>
      {history.isPending ? (
        <LoadingStatus />
      ) : history.isError ? (
        <QueryError error={history.error} onRetry={() => void history.refetch()} />
      ) : (
        <figure>
          <div className="h-64" role="img" aria-label={t("billing.chart.title")}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={history.data.map((d) => ({ day: dayLabel(d.day), [messages]: d.messagesReceived, [replies]: d.aiReplies }))} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
                <XAxis dataKey="day" tick={{ fontSize: 11, fill: "#64748b" }} interval="preserveStartEnd" />
                <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#64748b" }} />
                <Tooltip />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Bar dataKey={messages} fill="#94a3b8" radius={[2, 2, 0, 0]} />
                <Bar dataKey={replies} fill="#1f58d1" radius={[2, 2, 0, 0]} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <figcaption className="sr-only">
            {t("billing.chart.summary", {
              messages: history.data.reduce((s, d) => s + d.messagesReceived, 0),
              replies: history.data.reduce((s, d) => s + d.aiReplies, 0),
            })}
          </figcaption>
        </figure>
      )}
    </CardSection>
  );
}
