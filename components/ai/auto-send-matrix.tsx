"use client";

import Link from "next/link";
import { useT } from "@/components/providers/i18n";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { ChannelBadge } from "@/components/channels/channel-badge";
import type { ChannelKind } from "@/components/inbox/types";
import { LockIcon } from "@/components/inbox/inbox-icons";
import { InfoIcon } from "@/components/ui/icons";
import { HUMAN_ONLY_INTENTS, INTENTS, type AutoSend, type Intent } from "./types";

export function isAutoSent(autoSend: AutoSend, kind: ChannelKind, intent: Intent): boolean {
  return autoSend[kind]?.includes(intent) ?? false;
}

/** Ticks or unticks one topic on one channel kind, keeping the list in the matrix's order. */
export function toggleAutoSend(autoSend: AutoSend, kind: ChannelKind, intent: Intent, on: boolean): AutoSend {
  const current = new Set(autoSend[kind] ?? []);
  if (on) current.add(intent);
  else current.delete(intent);
  return { ...autoSend, [kind]: INTENTS.filter((i) => current.has(i)) };
}

/**
 * Topics (rows) × the tenant's channel kinds (columns): ticked = the assistant may send
 * its reply on its own. Everything starts unticked; complaints are locked to a person.
 */
export function AutoSendMatrix({
  kinds,
  autoSend,
  disabled,
  onChange,
}: {
  kinds: ChannelKind[];
  autoSend: AutoSend;
  disabled: boolean;
  onChange: (next: AutoSend) => void;
}) {
  const t = useT();
  const tenant = useCurrentTenant();
  return (
    <div className="space-y-3">
      <div>
        <h3 id="auto-send-heading" className="text-sm font-medium text-slate-800">
          {t("ai.ui.autoSend.title")}
        </h3>
        <p className="mt-0.5 text-xs text-slate-500">{t("ai.ui.autoSend.intro")}</p>
      </div>
      <p className="flex gap-2 rounded-lg bg-brand-50 px-3 py-2.5 text-xs leading-relaxed text-slate-700 ring-1 ring-brand-100 ring-inset">
        <InfoIcon className="mt-px size-4 shrink-0 text-brand-600" />
        <span>{t("ai.ui.autoSend.note")}</span>
      </p>
      {kinds.length === 0 ? (
        <p className="text-sm text-slate-600">
          {t("ai.ui.autoSend.noChannels")}{" "}
          <Link href={`/t/${tenant.slug}/settings/channels`} className="font-medium text-brand-700 underline">
            {t("ai.ui.autoSend.goToChannels")}
          </Link>
        </p>
      ) : (
        <div className="max-w-full overflow-x-auto rounded-lg border border-slate-200 sm:w-fit">
          <table aria-labelledby="auto-send-heading" className="w-full text-sm">
            <thead className="bg-slate-50 text-xs text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 text-left font-medium sm:min-w-56">
                  {t("ai.ui.autoSend.topic")}
                </th>
                {kinds.map((kind) => (
                  <th key={kind} scope="col" className="w-24 px-3 py-2 text-center font-medium">
                    <ChannelBadge kind={kind} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {INTENTS.map((intent) => {
                const locked = HUMAN_ONLY_INTENTS.includes(intent);
                const label = t(`ai.ui.intents.${intent}`);
                return (
                  <tr key={intent} className={locked ? "bg-slate-50/70" : "hover:bg-slate-50/60"}>
                    <th scope="row" className="px-3 py-2 text-left font-normal text-slate-800">
                      {label}
                    </th>
                    {locked ? (
                      <td colSpan={kinds.length} className="px-3 py-2 text-center text-xs whitespace-nowrap text-slate-500">
                        <span className="inline-flex items-center gap-1">
                          <LockIcon className="size-3.5" /> {t("ai.ui.autoSend.alwaysHuman")}
                        </span>
                      </td>
                    ) : (
                      kinds.map((kind) => (
                        <td key={kind} className="px-3 py-2 text-center">
                          <input
                            type="checkbox"
                            checked={isAutoSent(autoSend, kind, intent)}
                            disabled={disabled}
                            onChange={(event) => onChange(toggleAutoSend(autoSend, kind, intent, event.target.checked))}
                            aria-label={t("ai.ui.autoSend.cell", { intent: label, channel: t(`inbox.channelKind.${kind}`) })}
                            className="size-4 cursor-pointer rounded border-slate-300 accent-brand-600 disabled:cursor-not-allowed"
                          />
                        </td>
                      ))
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
