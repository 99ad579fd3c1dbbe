"use client";

import { Fragment, type ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { useLocale, useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { Badge } from "@/components/ui/badge";
import { CardSection } from "@/components/ui/card";
import { LoadingStatus } from "@/components/ui/loading-status";
import { QueryError } from "@/components/ui/query-error";
import { formatPln } from "./format";
import { ProviderLabel, providerName } from "./provider-label";
import type { AiStatus } from "./types";

/** Configuration names (OPENAI_API_KEY, AI_PROVIDER=openai) inside a sentence are set as code. */
function withCode(text: string): ReactNode {
  return text.split(/\b([A-Z][A-Z0-9]*_[A-Z0-9_]+(?:=[a-z]+)?)/).map((part, index) =>
    index % 2 === 1 ? (
      <code key={index} className="rounded bg-slate-100 px-1 py-px font-mono text-[0.8em] text-slate-800">
        {part}
      </code>
    ) : (
      <Fragment key={index}>{part}</Fragment>
    ),
  );
}

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="min-w-0 space-y-2">
      <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h3>
      {children}
    </div>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex items-baseline justify-between gap-3 text-sm">
      <dt className="min-w-0 text-slate-600">{label}</dt>
      <dd className="max-w-[60%] shrink-0 text-right font-medium break-all text-slate-900">{children}</dd>
    </div>
  );
}

function OnOff({ on }: { on: boolean }) {
  const t = useT();
  return (
    <span className={clsx("inline-flex items-center gap-1.5 whitespace-nowrap", on ? "text-emerald-700" : "text-slate-500")}>
      <span aria-hidden="true" className={clsx("size-1.5 rounded-full", on ? "bg-emerald-500" : "bg-slate-400")} />
      {on ? t("ai.ui.status.on") : t("ai.ui.status.off")}
    </span>
  );
}

function Responder({ status }: { status: AiStatus }) {
  const t = useT();
  if (status.responder === "offline") {
    return (
      <Panel title={t("ai.ui.status.responder")}>
        <ProviderLabel provider="offline" model={null} className="text-xs" />
        <p className="text-sm leading-relaxed text-slate-600">{withCode(t("ai.ui.status.offlineBody"))}</p>
        <p className="text-sm leading-relaxed text-slate-600">{t("ai.ui.status.offlineOwnKeyHint")}</p>
      </Panel>
    );
  }
  return (
    <Panel title={t("ai.ui.status.responder")}>
      <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
        {t("ai.ui.status.modelProvider", { provider: providerName(status.provider) })}
        {status.ownKey && <Badge tone="violet">{t("ai.ui.status.ownKey")}</Badge>}
      </p>
      {status.ownKey && <p className="text-xs leading-relaxed text-slate-500">{t("ai.ui.status.ownKeyBody")}</p>}
      <dl className="space-y-1">
        {status.fastModel && (
          <Row label={t("ai.ui.status.fastModel")}>
            <span className="font-mono text-xs">{status.fastModel}</span>
          </Row>
        )}
        {status.smartModel && (
          <Row label={t("ai.ui.status.smartModel")}>
            <span className="font-mono text-xs">{status.smartModel}</span>
          </Row>
        )}
      </dl>
    </Panel>
  );
}

function Search({ status }: { status: AiStatus }) {
  const t = useT();
  return (
    <Panel title={t("ai.ui.status.search")}>
      <dl className="space-y-1">
        <Row label={t("ai.ui.status.embeddings")}>
          {status.embeddings ? <span className="font-mono text-xs">{status.embeddings}</span> : <OnOff on={false} />}
        </Row>
        <Row label={t("ai.ui.status.vectorSearch")}>
          <OnOff on={status.vectorSearch} />
        </Row>
      </dl>
      {!status.vectorSearch && <p className="text-xs leading-relaxed text-slate-500">{withCode(t("ai.ui.status.searchOffHint"))}</p>}
    </Panel>
  );
}

function Spend({ status }: { status: AiStatus }) {
  const t = useT();
  const locale = useLocale();
  const share = status.budgetPln > 0 ? Math.min(1, status.spentPln / status.budgetPln) : status.spentPln > 0 ? 1 : 0;
  const spendText = t("ai.ui.status.spendOf", { spent: formatPln(status.spentPln, locale), budget: formatPln(status.budgetPln, locale) });
  return (
    <Panel title={t("ai.ui.status.spend")}>
      <p className="text-sm font-medium text-slate-900 tabular-nums">{spendText}</p>
      <div
        role="meter"
        aria-label={t("ai.ui.status.spendMeter")}
        aria-valuemin={0}
        aria-valuemax={status.budgetPln}
        aria-valuenow={Math.min(status.spentPln, status.budgetPln)}
        aria-valuetext={spendText}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={clsx("h-full rounded-full transition-[width]", status.budgetExhausted ? "bg-red-500" : share >= 0.8 ? "bg-amber-500" : "bg-brand-600")}
          style={{ width: `${share * 100}%` }}
        />
      </div>
      {status.ownKey ? (
        <p className="text-xs text-slate-500">{t("ai.ui.status.ownKeySpend")}</p>
      ) : status.budgetExhausted ? (
        <p className="text-xs text-red-700">{t("ai.ui.status.budgetExhausted")}</p>
      ) : (
        status.responder === "offline" && <p className="text-xs text-slate-500">{t("ai.ui.status.offlineFree")}</p>
      )}
    </Panel>
  );
}

/** Who writes the replies, how the knowledge base is searched, and this month's spend against the plan's budget. */
export function AiStatusCard() {
  const t = useT();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const status = useQuery(trpc.ai.status.queryOptions({ tenantSlug: tenant.slug }));
  return (
    <CardSection title={t("ai.ui.status.title")} description={t("ai.ui.status.intro")}>
      {status.isPending ? (
        <LoadingStatus />
      ) : status.isError ? (
        <QueryError error={status.error} title={t("ai.ui.loadFailed")} onRetry={() => void status.refetch()} />
      ) : (
        <div className="grid gap-6 md:grid-cols-3">
          <Responder status={status.data} />
          <div className="border-t border-slate-100 pt-6 md:border-t-0 md:border-l md:pt-0 md:pl-6">
            <Search status={status.data} />
          </div>
          <div className="border-t border-slate-100 pt-6 md:border-t-0 md:border-l md:pt-0 md:pl-6">
            <Spend status={status.data} />
          </div>
        </div>
      )}
    </CardSection>
  );
}
