"use client";

import { HeadingTrail, headingsOf } from "./heading-trail";
import { useId, useState, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { useLocale, useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { EmptyState } from "@/components/inbox/empty-state";
import { SearchIcon } from "@/components/inbox/inbox-icons";
import { Button } from "@/components/ui/button";
import { CardSection } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { QueryError } from "@/components/ui/query-error";
import { Spinner } from "@/components/ui/spinner";
import { pluralForm, type KnowledgeDocument, type SearchPassage } from "./types";


function Score({ label, value, digits, strong = false }: { label: string; value: number | null; digits: number; strong?: boolean }) {
  const locale = useLocale();
  return (
    <div className={strong ? "rounded-md bg-brand-50 px-2 py-1 text-brand-800 ring-1 ring-brand-100 ring-inset" : "rounded-md bg-slate-50 px-2 py-1 ring-1 ring-slate-200 ring-inset"}>
      <dt className="text-[10px] font-medium tracking-wide uppercase opacity-75">{label}</dt>
      <dd className="font-mono text-xs font-semibold tabular-nums">
        {value === null ? "–" : new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value)}
      </dd>
    </div>
  );
}

function PassageCard({
  passage,
  rank,
  chunkCount,
  withVector,
}: {
  passage: SearchPassage;
  rank: number;
  chunkCount: number | undefined;
  /** Whether the server ranked by meaning too (an embedding provider is configured). */
  withVector: boolean;
}) {
  const t = useT();
  // A passage outside any heading carries the document's title as its path: not repeated.
  const headings = headingsOf(passage.headingPath, passage.documentTitle);
  const position = passage.position + 1;
  return (
    <li className="rounded-lg border border-slate-200 bg-white">
      <div className="flex flex-col gap-3 border-b border-slate-100 px-4 py-3 sm:flex-row sm:items-start">
        <span
          aria-hidden="true"
          className={`flex size-7 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${rank === 1 ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-700"}`}
        >
          {rank}
        </span>
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-semibold text-slate-900">
            <span className="sr-only">{rank}. </span>
            {passage.documentTitle}
            {passage.fileName && <span className="ml-2 text-xs font-normal text-slate-500">{passage.fileName}</span>}
          </p>
          <HeadingTrail headings={headings}>
            <span className="whitespace-nowrap text-slate-500">
              {chunkCount ? t("knowledge.search.positionOf", { position, count: chunkCount }) : t("knowledge.search.position", { position })}
            </span>
          </HeadingTrail>
        </div>
        <dl aria-label={t("knowledge.search.scores")} className="flex shrink-0 gap-1.5">
          <Score label={t("knowledge.search.fused")} value={passage.scores.fused} digits={4} strong />
          <Score label={t("knowledge.search.lexical")} value={passage.scores.lexical} digits={2} />
          <Score label={t("knowledge.search.trigram")} value={passage.scores.trigram} digits={2} />
          {withVector && <Score label={t("knowledge.search.vector")} value={passage.scores.vector} digits={2} />}
        </dl>
      </div>
      <p className="max-h-56 overflow-y-auto px-4 py-3 text-sm leading-relaxed whitespace-pre-line text-slate-700">{passage.text}</p>
    </li>
  );
}

/** A buyer's question against the knowledge base: exactly the passages, order and scores the AI gets. */
export function TestSearch({ documents }: { documents: KnowledgeDocument[] | undefined }) {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const inputId = useId();
  const [draft, setDraft] = useState("");
  const [query, setQuery] = useState("");
  const search = useQuery(trpc.knowledgeBase.testSearch.queryOptions({ tenantSlug: tenant.slug, query }, { enabled: query.length > 0 }));
  const anyReady = documents?.some((doc) => doc.status === "ready") ?? false;
  const chunkCounts = new Map(documents?.map((doc) => [doc.id, doc.chunkCount]));

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = draft.trim();
    if (!next) return;
    if (next === query) void search.refetch();
    else setQuery(next);
  }

  const results = search.data;
  const withVector = results?.some((passage) => passage.scores.vector !== null) ?? false;
  return (
    <CardSection title={t("knowledge.search.title")} description={t("knowledge.search.intro")}>
      <div className="space-y-5">
        <form role="search" aria-label={t("knowledge.search.title")} onSubmit={submit} className="space-y-1.5">
          <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
            {t("knowledge.search.label")}
          </label>
          <div className="flex flex-col gap-2 sm:flex-row">
            <div className="relative flex-1">
              <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400" />
              <Input
                id={inputId}
                type="search"
                autoComplete="off"
                maxLength={5000}
                placeholder={t("knowledge.search.placeholder")}
                value={draft}
                onChange={(event) => setDraft(event.target.value)}
                className="pl-9"
              />
            </div>
            <Button type="submit" disabled={!draft.trim()} loading={search.isFetching} loadingText={t("knowledge.search.searching")}>
              {t("knowledge.search.submit")}
            </Button>
          </div>
        </form>

        {/* A short summary for screen readers; the passages themselves are not read out on arrival. */}
        <p aria-live="polite" className="sr-only">
          {search.isFetching
            ? t("knowledge.search.searching")
            : results && (results.length ? t(`knowledge.search.resultsCount.${pluralForm(results.length, locale)}`, { count: results.length, query }) : t("knowledge.search.emptyTitle"))}
        </p>
        <div>
          {!query &&
            (anyReady || documents === undefined ? (
              <EmptyState
                icon={<SearchIcon className="size-6" />}
                title={t("knowledge.search.idleTitle")}
                body={t("knowledge.search.idle")}
                className="py-8"
              />
            ) : (
              <p className="text-sm text-slate-500">{t("knowledge.search.noDocuments")}</p>
            ))}
          {query && search.isPending && (
            <p className="flex items-center gap-2 text-sm text-slate-600">
              <Spinner /> {t("knowledge.search.searching")}
            </p>
          )}
          {search.isError && <QueryError error={search.error} onRetry={() => void search.refetch()} />}
          {results?.length === 0 && (
            <EmptyState icon={<SearchIcon className="size-6" />} title={t("knowledge.search.emptyTitle")} body={t("knowledge.search.empty")} className="py-8" />
          )}
          {results && results.length > 0 && (
            <div className="space-y-3">
              <p className="text-sm text-slate-600">
                {t(`knowledge.search.resultsCount.${pluralForm(results.length, locale)}`, { count: results.length, query })}
              </p>
              <ol aria-label={t("knowledge.search.results")} className="space-y-3">
                {results.map((passage, index) => (
                  <PassageCard
                    key={passage.chunkId}
                    passage={passage}
                    rank={index + 1}
                    chunkCount={chunkCounts.get(passage.documentId)}
                    withVector={withVector}
                  />
                ))}
              </ol>
              <p className="text-xs text-slate-500">
                {t("knowledge.search.legend")}
                {withVector && ` ${t("knowledge.search.legendVector")}`}
              </p>
            </div>
          )}
        </div>
      </div>
    </CardSection>
  );
}
