import type { JobDefinition } from "@/server/infra/jobs";
import { getDatabase } from "@/server/db/client";
import { deleteToolCallsBefore, listPollableChannelAccounts, listTenantsWithSnoozeDue } from "@/server/db/system";
import { tenantDb } from "@/server/db/tenant-scope";
import { wakeSnoozedConversations } from "@/server/inbox/conversation-commands";
import { dispatchAllOutboxes } from "@/server/infra/outbox";
import { deliverOutboundMessage } from "@/server/inbox/delivery-service";
import { pollChannelAccount } from "@/server/inbox/poll-service";
import { mirrorThreadRead } from "@/server/inbox/mirror-read";
import { processDocument } from "@/server/knowledge/process-document";
import { embedDocumentChunks, vectorSearchEnabled } from "@/server/knowledge/embeddings";
import { findKnowledgeWork } from "@/server/knowledge/sweep";
import { reindexOutdatedConversations } from "@/server/inbox/search-index";
import { answerConversation } from "@/server/ai/pipeline";
import { env } from "@/lib/env";
import {
  DOCUMENT_EMBED_REQUESTED,
  DOCUMENT_PROCESS_REQUESTED,
  type DocumentEmbedRequestedData,
  type DocumentProcessRequestedData,
} from "@/server/knowledge/events";
import {
  MESSAGE_RECEIVED,
  type MessageReceivedData,
  CHANNEL_POLL_REQUESTED,
  MESSAGE_SEND_REQUESTED,
  THREAD_READ,
  type ChannelPollRequestedData,
  type MessageSendRequestedData,
} from "@/server/inbox/events";

/**
 * Every background job, defined once. inngest/index.ts turns these into Inngest
 * functions; without an Inngest server, server/infra/jobs.ts runs the same handlers
 * in-process. Handlers only call domain services.
 */
const deliverMessage: JobDefinition<MessageSendRequestedData> = {
  id: "inbox-deliver-message",
  trigger: { event: MESSAGE_SEND_REQUESTED },
  retries: 4,
  // One send at a time per marketplace account: the platform limits sending per seller,
  // and parallel sends of one account would only wait on each other's rate-limit slot.
  concurrencyKey: (d) => d.channelAccountId ?? d.messageId,
  concurrencyExpression: "has(event.data.channelAccountId) ? event.data.channelAccountId : event.data.messageId",
  handler: async ({ data, attempt, maxAttempts, run }) =>
    run("deliver", async () =>
      deliverOutboundMessage(await getDatabase(), data.tenantId, data.messageId, { current: attempt, max: maxAttempts }),
    ),
};

const pollChannel: JobDefinition<ChannelPollRequestedData> = {
  id: "inbox-poll-channel",
  trigger: { event: CHANNEL_POLL_REQUESTED },
  retries: 3,
  // One poll at a time per marketplace account: cursors and token refreshes must not race.
  concurrencyKey: (d) => d.channelAccountId,
  concurrencyExpression: "event.data.channelAccountId",
  handler: async ({ data, run }) =>
    run("poll", async () => {
      const outcome = await pollChannelAccount(await getDatabase(), data.tenantId, data.channelAccountId);
      return outcome.status === "polled"
        ? { status: outcome.status, newMessages: outcome.result.newMessages }
        : outcome;
    }),
};

const pollAllChannels: JobDefinition = {
  id: "inbox-poll-all-channels",
  trigger: { cron: "* * * * *" },
  retries: 0,
  handler: async ({ run, emit }) => {
    const accounts = await run("list-accounts", async () => listPollableChannelAccounts((await getDatabase()).prisma));
    const minute = Math.floor(Date.now() / 60_000);
    await emit(
      accounts.map((a) => ({
        name: CHANNEL_POLL_REQUESTED,
        id: `${CHANNEL_POLL_REQUESTED}:${a.id}:${minute}`,
        data: { tenantId: a.tenantId, channelAccountId: a.id },
      })),
    );
    return { accounts: accounts.length };
  },
};

const sweepOutbox: JobDefinition = {
  id: "outbox-sweep",
  trigger: { cron: "* * * * *" },
  retries: 0,
  handler: async ({ run }) => run("dispatch", async () => dispatchAllOutboxes(await getDatabase())),
};

const wakeSnoozed: JobDefinition = {
  id: "inbox-wake-snoozed",
  trigger: { cron: "* * * * *" },
  retries: 1,
  handler: async ({ run }) =>
    run("wake", async () => {
      const database = await getDatabase();
      const now = new Date();
      let woken = 0;
      for (const tenantId of await listTenantsWithSnoozeDue(database.prisma, now)) woken += await wakeSnoozedConversations(tenantDb(database.prisma, tenantId), tenantId, now);
      return { woken };
    }),
};

const reindexSearch: JobDefinition = {
  id: "inbox-search-reindex",
  trigger: { cron: "*/5 * * * *" },
  retries: 1,
  // Conversations indexed by an older analyser (or before there was one) are rebuilt a batch at a time.
  handler: async ({ run }) => run("reindex", async () => ({ rebuilt: await reindexOutdatedConversations(await getDatabase(), 4 * 60_000) })),
};

const markThreadRead: JobDefinition<{ tenantId: string; conversationId: string }> = {
  id: "inbox-mirror-thread-read",
  trigger: { event: THREAD_READ },
  retries: 3,
  handler: async ({ data, run }) => run("mark-read", async () => mirrorThreadRead(await getDatabase(), data.tenantId, data.conversationId)),
};

const processKnowledgeDocument: JobDefinition<DocumentProcessRequestedData> = {
  id: "knowledge-process-document",
  trigger: { event: DOCUMENT_PROCESS_REQUESTED },
  retries: 2,
  // One run per document at a time; an older request finishing late is ignored (attempt).
  concurrencyKey: (d) => d.documentId,
  concurrencyExpression: "event.data.documentId",
  handler: async ({ data, run, emit }) => {
    const outcome = await run("process", async () => processDocument(await getDatabase(), data.tenantId, data.documentId, data.attempt));
    // Lexical search works as soon as the document is ready; vectors follow in their own
    // job so a slow or failing provider never holds a document back.
    if (outcome === "ready" && vectorSearchEnabled(await getDatabase())) {
      await emit([
        {
          name: DOCUMENT_EMBED_REQUESTED,
          id: `${DOCUMENT_EMBED_REQUESTED}:${data.documentId}:${data.attempt ?? 0}`,
          data: { tenantId: data.tenantId, documentId: data.documentId },
        },
      ]);
    }
    return outcome;
  },
};

const embedKnowledgeDocument: JobDefinition<DocumentEmbedRequestedData> = {
  id: "knowledge-embed-document",
  trigger: { event: DOCUMENT_EMBED_REQUESTED },
  retries: 4,
  concurrencyKey: (d) => d.documentId,
  concurrencyExpression: "event.data.documentId",
  handler: async ({ data, run }) => run("embed", async () => embedDocumentChunks(await getDatabase(), data.tenantId, data.documentId)),
};

const sweepKnowledge: JobDefinition = {
  id: "knowledge-sweep",
  trigger: { cron: "*/5 * * * *" },
  retries: 0,
  handler: async ({ run, emit }) => {
    const events = await run("find-work", async () => findKnowledgeWork(await getDatabase()));
    await emit(events);
    return { requested: events.length };
  },
};

const answerWithAi: JobDefinition<MessageReceivedData> = {
  id: "ai-answer-conversation",
  trigger: { event: MESSAGE_RECEIVED },
  retries: 2,
  // Several buyer messages arriving together get one reply, written once the burst ends;
  // one run per conversation at a time, and a re-run for the same turn is a no-op.
  debounce: { key: (d) => d.conversationId, expression: "event.data.conversationId", periodMs: () => env().AI_DEBOUNCE_SECONDS * 1000 },
  concurrencyKey: (d) => d.conversationId,
  concurrencyExpression: "event.data.conversationId",
  // Mostly waiting for the model, holding no database connection meanwhile.
  inlineConcurrency: 64,
  handler: async ({ data, run }) => run("answer", async () => answerConversation(await getDatabase(), data.tenantId, data.conversationId)),
};

const TOOL_CALL_RETENTION_DAYS = 90;

const pruneToolCalls: JobDefinition = {
  id: "ai-prune-tool-calls",
  trigger: { cron: "17 3 * * *" },
  retries: 1,
  handler: async ({ run }) =>
    run("prune", async () => {
      const before = new Date(Date.now() - TOOL_CALL_RETENTION_DAYS * 86_400_000);
      return { deleted: (await deleteToolCallsBefore((await getDatabase()).prisma, before)).count };
    }),
};

export const jobDefinitions = [
  deliverMessage,
  pollChannel,
  pollAllChannels,
  sweepOutbox,
  wakeSnoozed,
  reindexSearch,
  markThreadRead,
  processKnowledgeDocument,
  embedKnowledgeDocument,
  sweepKnowledge,
  answerWithAi,
  pruneToolCalls,
] as JobDefinition<never>[];
