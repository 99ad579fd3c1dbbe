/** The plan's limits as the billing page names them (banner, notifications, meters). */
export const LIMIT_LABELS = {
  documents: "billing.usage.documents",
  seats: "billing.usage.seats",
  channelAccounts: "billing.usage.channels",
  aiReplies: "billing.usage.aiReplies",
} as const;
