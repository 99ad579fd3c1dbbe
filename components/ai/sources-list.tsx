"use client";

import clsx from "clsx";
import { useT } from "@/components/providers/i18n";
import { DocumentIcon } from "@/components/knowledge/knowledge-icons";
import { ChevronDownIcon } from "@/components/inbox/inbox-icons";
import { HeadingTrail, headingsOf } from "@/components/knowledge/heading-trail";
import type { AiSource } from "./types";


function SourceItem({ source }: { source: AiSource }) {
  const t = useT();
  const headings = headingsOf(source.headingPath, source.title);
  return (
    <li className="rounded-lg border border-slate-200 bg-white px-3 py-2.5">
      <p className="flex min-w-0 items-center gap-1.5 text-sm font-medium text-slate-900">
        <DocumentIcon className="size-4 shrink-0 text-slate-400" />
        <span className="truncate">{source.title}</span>
        {source.fileName && <span className="truncate text-xs font-normal text-slate-500">{source.fileName}</span>}
      </p>
      <HeadingTrail headings={headings}>
        <span className="text-slate-500">{t("ai.ui.sources.passage", { position: source.position + 1 })}</span>
      </HeadingTrail>
      <blockquote className="mt-2 border-l-2 border-slate-200 pl-2.5 text-sm leading-relaxed whitespace-pre-line text-slate-700">{source.excerpt}</blockquote>
    </li>
  );
}

/** What a reply is based on: document, headings and the quoted passage. Collapsed, the titles stay in view. */
export function SourcesList({ sources, collapsible = false, className }: { sources: AiSource[]; collapsible?: boolean; className?: string }) {
  const t = useT();
  if (sources.length === 0) return <p className={clsx("text-xs text-slate-500", className)}>{t("ai.ui.sources.none")}</p>;
  const list = (
    <ul aria-label={t("ai.ui.sources.list")} className="space-y-2">
      {sources.map((source) => (
        <SourceItem key={source.chunkId} source={source} />
      ))}
    </ul>
  );
  if (!collapsible) {
    return (
      <div className={clsx("space-y-2", className)}>
        <h4 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{t("ai.ui.sources.count", { count: sources.length })}</h4>
        {list}
      </div>
    );
  }
  const titles = [...new Set(sources.map((source) => source.title))].join(", ");
  return (
    <details className={clsx("group", className)}>
      <summary className="flex cursor-pointer list-none items-center gap-1.5 rounded-md text-xs text-slate-600 hover:text-slate-900 [&::-webkit-details-marker]:hidden">
        <ChevronDownIcon className="size-3.5 shrink-0 -rotate-90 transition-transform group-open:rotate-0" />
        <span className="shrink-0 font-medium">{t("ai.ui.sources.count", { count: sources.length })}:</span>
        <span className="min-w-0 truncate">{titles}</span>
      </summary>
      <div className="mt-2">{list}</div>
    </details>
  );
}
