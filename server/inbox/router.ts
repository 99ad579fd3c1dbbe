import { z } from "zod";
import { createRouter, tenantAdminProcedure, tenantMemberProcedure } from "@/server/api/trpc";
import {
  ZAssignInput,
  ZCannedReplyIdInput,
  ZCannedReplyInput,
  ZCannedReplyUpdateInput,
  ZConversationId,
  ZListConversationsInput,
  ZMarkReadInput,
  ZMessageIdInput,
  ZNoteInput,
  ZPresenceInput,
  ZReplyInput,
  ZResponseTargetsInput,
  ZSetStatusInput,
  ZSetTagsInput,
  ZSimulateIncomingInput,
} from "./schemas";
import { getConversationThread, listConversations } from "./conversation-queries";
import { addNote, assignConversation, markConversationRead, setConversationStatus, setConversationTags } from "./conversation-commands";
import { sendReply } from "./reply-service";
import { retryDelivery } from "./delivery-service";
import { disconnectChannel, listChannels, requestPoll, simulateIncomingMessage } from "./channel-service";
import { createCannedReply, deleteCannedReply, listCannedReplies, updateCannedReply } from "./canned-service";
import { heartbeat } from "./presence-service";
import { getInboxSettings, updateResponseTargets } from "./settings-service";

const ZChannelId = z.object({ channelAccountId: z.uuid() });

export const inboxRouter = createRouter({
  list: tenantMemberProcedure
    .input(ZListConversationsInput)
    .query(({ ctx, input }) => listConversations(ctx.tenantDb, ctx.tenant.id, ctx.actor.userId, input)),

  thread: tenantMemberProcedure
    .input(ZConversationId)
    .query(({ ctx, input }) => getConversationThread(ctx.tenantDb, ctx.tenant.id, input.conversationId)),

  reply: tenantMemberProcedure
    .input(ZReplyInput)
    .mutation(({ ctx, input }) => sendReply(ctx.db, ctx.tenantDb, ctx.tenant.id, { userId: ctx.actor.userId }, input)),

  retryMessage: tenantMemberProcedure
    .input(ZMessageIdInput)
    .mutation(({ ctx, input }) => retryDelivery(ctx.db, ctx.tenantDb, ctx.tenant.id, input.messageId)),

  addNote: tenantMemberProcedure
    .input(ZNoteInput)
    .mutation(({ ctx, input }) => addNote(ctx.tenantDb, ctx.tenant.id, ctx.actor.userId, input)),

  setStatus: tenantMemberProcedure
    .input(ZSetStatusInput)
    .mutation(({ ctx, input }) => setConversationStatus(ctx.tenantDb, ctx.tenant.id, ctx.actor.userId, input)),

  assign: tenantMemberProcedure
    .input(ZAssignInput)
    .mutation(({ ctx, input }) => assignConversation(ctx.tenantDb, ctx.tenant.id, ctx.actor.userId, input)),

  setTags: tenantMemberProcedure
    .input(ZSetTagsInput)
    .mutation(({ ctx, input }) => setConversationTags(ctx.tenantDb, ctx.tenant.id, ctx.actor.userId, input)),

  markRead: tenantMemberProcedure
    .input(ZMarkReadInput)
    .mutation(({ ctx, input }) => markConversationRead(ctx.db, ctx.tenantDb, ctx.tenant.id, input)),

  presence: tenantMemberProcedure
    .input(ZPresenceInput)
    .mutation(({ ctx, input }) => heartbeat(ctx.tenantDb, ctx.tenant.id, { id: ctx.actor.userId, name: ctx.user.name }, input)),

  channels: tenantMemberProcedure.query(({ ctx }) => listChannels(ctx.db, ctx.tenantDb)),

  disconnectChannel: tenantAdminProcedure
    .input(ZChannelId)
    .mutation(({ ctx, input }) => disconnectChannel(ctx.tenantDb, input.channelAccountId)),

  pollNow: tenantAdminProcedure
    .input(ZChannelId)
    .mutation(({ ctx, input }) => requestPoll(ctx.tenantDb, ctx.tenant.id, input.channelAccountId)),

  simulateIncoming: tenantMemberProcedure
    .input(ZSimulateIncomingInput)
    .mutation(({ ctx, input }) => simulateIncomingMessage(ctx.db, ctx.tenantDb, ctx.tenant.id, input)),

  cannedReplies: tenantMemberProcedure.query(({ ctx }) => listCannedReplies(ctx.tenantDb)),

  createCannedReply: tenantAdminProcedure
    .input(ZCannedReplyInput)
    .mutation(({ ctx, input }) => createCannedReply(ctx.tenantDb, ctx.tenant.id, input)),

  updateCannedReply: tenantAdminProcedure
    .input(ZCannedReplyUpdateInput)
    .mutation(({ ctx, input }) => updateCannedReply(ctx.tenantDb, input)),

  deleteCannedReply: tenantAdminProcedure
    .input(ZCannedReplyIdInput)
    .mutation(({ ctx, input }) => deleteCannedReply(ctx.tenantDb, input.id)),

  settings: tenantMemberProcedure.query(({ ctx }) => getInboxSettings(ctx.tenantDb, ctx.tenant.id)),

  updateResponseTargets: tenantAdminProcedure
    .input(ZResponseTargetsInput)
    .mutation(({ ctx, input }) => updateResponseTargets(ctx.tenantDb, ctx.tenant.id, input.targets)),
});
