"use client";

import { useLocale, useT } from "@/components/providers/i18n";
import { UsersIcon } from "@/components/ui/icons";
import type { PresenceViewer } from "./types";

/** "Anna też przegląda tę rozmowę" / "Anna pisze odpowiedź…": so two people never answer one buyer twice. */
export function PresenceBanner({ viewers }: { viewers: PresenceViewer[] }) {
  const t = useT();
  const locale = useLocale();
  const list = new Intl.ListFormat(locale, { type: "conjunction" });
  const typing = viewers.filter((viewer) => viewer.typing).map((viewer) => viewer.userName);
  const viewing = viewers.filter((viewer) => !viewer.typing).map((viewer) => viewer.userName);
  return (
    <div role="status" aria-live="polite">
      {viewers.length > 0 && (
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-sky-200 bg-sky-50 px-4 py-2 text-xs font-medium text-sky-900 sm:px-6">
          <UsersIcon className="size-4 shrink-0" />
          {typing.length > 0 && (
            <span>
              {t(typing.length === 1 ? "inbox.presence.typingOne" : "inbox.presence.typingMany", { names: list.format(typing) })}
            </span>
          )}
          {viewing.length > 0 && (
            <span>
              {t(viewing.length === 1 ? "inbox.presence.viewingOne" : "inbox.presence.viewingMany", { names: list.format(viewing) })}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
