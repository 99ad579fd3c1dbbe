import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type NotificationOutputs = inferRouterOutputs<AppRouter>["notifications"];

export type NotificationPage = NotificationOutputs["list"];
export type NotificationItem = NotificationPage["items"][number];

/** How often the bell asks for the unread count (and an open panel for its list). */
export const NOTIFICATIONS_POLL_MS = 15_000;

/** Where a notification leads: the inbox with that conversation open (see components/inbox/use-inbox-url.ts). */
export const conversationHref = (tenantSlug: string, conversationId: string) => `/t/${tenantSlug}/inbox?c=${encodeURIComponent(conversationId)}`;
