import type { BillingState } from "@/server/billing/access";
import type { MessageKey } from "@/lib/i18n/messages";

/** The plan's limits as the billing page names them (banner, notifications, meters). */
export const LIMIT_LABELS = {
  documents: "billing.usage.documents",
  seats: "billing.usage.seats",
  channelAccounts: "billing.usage.channels",
  aiReplies: "billing.usage.aiReplies",
} as const;

/** What the banner (and the subscription card) says for a billing state; nothing for the quiet ones. */
export const STATE_NOTICES: Partial<Record<BillingState, MessageKey>> = {
  trial: "billing.banner.trial",
  trialEnded: "billing.banner.trialEnded",
  ending: "billing.banner.ending",
  pastDue: "billing.banner.pastDue",
  pastDueExpired: "billing.banner.paused",
  unpaid: "billing.banner.paused",
  canceled: "billing.banner.paused",
  suspended: "billing.banner.paused",
};
