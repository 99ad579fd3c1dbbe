import { z } from "zod";
import { createRouter, tenantMemberProcedure } from "@/server/api/trpc";
import { listNotifications, markConversationNotificationsRead, markNotificationsRead, unreadNotificationCount } from "./notification-service";

const ZListNotificationsInput = z.object({ cursor: z.uuid().optional(), unreadOnly: z.boolean().optional() });
const ZMarkNotificationsReadInput = z.object({ ids: z.array(z.uuid()).min(1).max(100) });
const ZConversationInput = z.object({ conversationId: z.uuid() });

/** The signed-in member's notifications in this tenant. In the isolation matrix. */
export const notificationsRouter = createRouter({
  list: tenantMemberProcedure.input(ZListNotificationsInput).query(({ ctx, input }) => listNotifications(ctx.tenantDb, ctx.actor.userId, input)),
  unreadCount: tenantMemberProcedure.query(({ ctx }) => unreadNotificationCount(ctx.tenantDb, ctx.actor.userId)),
  markRead: tenantMemberProcedure.input(ZMarkNotificationsReadInput).mutation(({ ctx, input }) => markNotificationsRead(ctx.tenantDb, ctx.actor.userId, input.ids)),
  markAllRead: tenantMemberProcedure.mutation(({ ctx }) => markNotificationsRead(ctx.tenantDb, ctx.actor.userId, "all")),
  markConversationRead: tenantMemberProcedure
    .input(ZConversationInput)
    .mutation(({ ctx, input }) => markConversationNotificationsRead(ctx.tenantDb, ctx.actor.userId, input.conversationId)),
});
