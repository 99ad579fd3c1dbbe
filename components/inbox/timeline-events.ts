import { isMessageKey, type Locale, type MessageKey } from "@/lib/i18n/messages";
import { formatDateTime } from "./time-format";
import type { ThreadEvent } from "./types";

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

function field(data: unknown, name: string): unknown {
  return typeof data === "object" && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>)[name] : undefined;
}

function text(value: unknown): string | null {
  return typeof value === "string" && value ? value : null;
}

function statusLabel(value: unknown, t: Translate): string {
  const status = text(value) ?? "?";
  const key = `inbox.status.${status}`;
  return isMessageKey(key) ? t(key) : status;
}

/** One line of the activity trail, e.g. "Anna zmienia status: Otwarta → Rozwiązana". */
export function describeEvent(
  event: ThreadEvent,
  { t, locale, nameOf }: { t: Translate; locale: Locale; nameOf: (userId: string | null) => string },
): string {
  const actor = event.actorUserId ? nameOf(event.actorUserId) : t("inbox.thread.system");
  const data = event.data;
  switch (event.type) {
    case "status_changed": {
      const until = text(field(data, "until"));
      if (field(data, "to") === "snoozed" && until) {
        return t("inbox.events.snoozed", { actor, until: formatDateTime(new Date(until), locale) });
      }
      return t("inbox.events.statusChanged", { actor, from: statusLabel(field(data, "from"), t), to: statusLabel(field(data, "to"), t) });
    }
    case "assigned": {
      const to = text(field(data, "to"));
      return to ? t("inbox.events.assigned", { actor, assignee: nameOf(to) }) : t("inbox.events.unassigned", { actor });
    }
    case "tags_changed": {
      const to = field(data, "to");
      const tags = Array.isArray(to) ? to.filter((tag): tag is string => typeof tag === "string") : [];
      return tags.length ? t("inbox.events.tagsChanged", { actor, tags: tags.join(", ") }) : t("inbox.events.tagsCleared", { actor });
    }
    case "reply_sent":
      return t("inbox.events.replySent", { actor });
    case "reopened":
      return t("inbox.events.reopened");
    case "ai_drafted":
      return t("inbox.events.aiDrafted");
    case "ai_auto_sent":
      return t("inbox.events.aiAutoSent");
    case "ai_escalated":
      return t("inbox.events.aiEscalated");
    default:
      return t("inbox.events.other", { actor, type: event.type });
  }
}
