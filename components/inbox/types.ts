import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type InboxOutputs = inferRouterOutputs<AppRouter>["inbox"];

export type ConversationListItem = InboxOutputs["list"]["items"][number];
export type ConversationThread = InboxOutputs["thread"];
export type ThreadConversation = ConversationThread["conversation"];
export type ThreadMessage = ConversationThread["messages"][number];
export type ThreadNote = ConversationThread["notes"][number];
export type ThreadEvent = ConversationThread["events"][number];
export type InboxChannel = InboxOutputs["channels"][number];
export type CannedReply = InboxOutputs["cannedReplies"][number];
export type PresenceViewer = InboxOutputs["presence"][number];

export type ChannelKind = InboxChannel["kind"];
export type ChannelStatus = InboxChannel["status"];
export type ConversationStatus = ConversationListItem["status"];

export const CONVERSATION_STATUSES = ["open", "pending", "resolved", "snoozed"] as const satisfies readonly ConversationStatus[];
export const CHANNEL_KINDS = ["demo", "allegro", "amazon", "olx", "emag", "website"] as const satisfies readonly ChannelKind[];

/** Longest reply the demo and Allegro connectors accept; the server checks the real channel limit. */
export const DEFAULT_REPLY_LIMIT = 2000;

export function isConversationStatus(value: string): value is ConversationStatus {
  return (CONVERSATION_STATUSES as readonly string[]).includes(value);
}

/** The buyer's name as the list and thread show it; a platform may have deleted the account. */
export function buyerName(customer: { displayName: string | null; externalId: string } | null, deletedLabel: string): string {
  return customer?.displayName ?? deletedLabel;
}
