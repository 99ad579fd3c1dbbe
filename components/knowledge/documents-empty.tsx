"use client";

import { useT } from "@/components/providers/i18n";
import { BookIcon, CheckIcon } from "@/components/ui/icons";

const IDEAS = ["terms", "returns", "shipping", "faq", "products"] as const;

/** A tenant without documents: why the AI needs them and what to start with. */
export function DocumentsEmpty({ admin }: { admin: boolean }) {
  const t = useT();
  return (
    <div className="flex flex-col items-center px-2 py-8 text-center">
      <div className="mb-4 flex size-12 items-center justify-center rounded-2xl bg-brand-50 text-brand-600">
        <BookIcon className="size-6" />
      </div>
      <p className="text-sm font-semibold text-slate-900">{t("knowledge.list.emptyTitle")}</p>
      <p className="mt-1 max-w-md text-sm text-slate-600">{admin ? t("knowledge.list.emptyBody") : t("knowledge.list.emptyReadOnly")}</p>
      {admin && (
        <ul className="mt-5 grid w-full max-w-lg gap-2 text-left sm:grid-cols-2">
          {IDEAS.map((idea) => (
            <li key={idea} className="flex items-start gap-2 rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-200 ring-inset">
              <CheckIcon className="mt-0.5 size-4 shrink-0 text-brand-600" />
              {t(`knowledge.list.ideas.${idea}`)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
