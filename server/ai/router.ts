import { createRouter, tenantAdminProcedure, tenantMemberProcedure } from "@/server/api/trpc";
import { chatSetup, embeddingSetup } from "./providers";
import { getAiSettings, readAiSettings, setModelProvider, updateAiSettings } from "./settings-service";
import { discardDraft, latestReply, regenerateReply, sendDraft } from "./reply-actions";
import { askPlayground, checkModel } from "./playground";
import { monthlyBudget } from "./usage";
import {
  ZConversationInput,
  ZCreateToolInput,
  ZPlaygroundInput,
  ZReplyInput,
  ZSendDraftInput,
  ZSetModelProviderInput,
  ZTestToolInput,
  ZToolIdInput,
  ZUpdateAiSettingsInput,
  ZUpdateToolInput,
} from "./schemas";
import { callTool, createTool, deleteTool, listTools, recentToolCalls, updateTool } from "./tools-service";

/**
 * The AI engine: settings, the drafts it leaves in conversations, the playground and
 * usage. Every procedure is in the isolation matrix (tests/isolation.integration.test.ts).
 */
export const aiRouter = createRouter({
  settings: tenantMemberProcedure.query(({ ctx }) => getAiSettings(ctx.tenantDb, ctx.tenant.id)),

  updateSettings: tenantAdminProcedure.input(ZUpdateAiSettingsInput).mutation(({ ctx, input }) => updateAiSettings(ctx.tenantDb, ctx.tenant.id, input)),

  /** The tenant's own OpenAI/Anthropic key (sealed; never returned) or back to the platform's models. */
  setModelProvider: tenantAdminProcedure
    .input(ZSetModelProviderInput)
    .mutation(({ ctx, input }) => setModelProvider(ctx.tenantDb, ctx.tenant.id, input)),

  /** A tiny real request to the configured model: a wrong key or model name shows at once. */
  checkModel: tenantAdminProcedure.mutation(({ ctx }) => checkModel(ctx.tenantDb, ctx.tenant.id)),

  /** Which models answer, for the settings page (never any key). */
  status: tenantMemberProcedure.query(async ({ ctx }) => {
    const { ownKey } = await readAiSettings(ctx.tenantDb, ctx.tenant.id);
    const fast = chatSetup("fast", ownKey);
    const smart = chatSetup("smart", ownKey);
    const embeddings = embeddingSetup();
    const budget = await monthlyBudget(ctx.tenantDb, ctx.tenant.id);
    return {
      responder: fast ? ("model" as const) : ("offline" as const),
      provider: fast?.provider ?? "offline",
      fastModel: fast?.modelId ?? null,
      smartModel: smart?.modelId ?? null,
      ownKey: ownKey !== null,
      embeddings: embeddings ? `${embeddings.provider}:${embeddings.modelId}` : null,
      vectorSearch: ctx.db.vector && embeddings !== null,
      spentPln: Number(budget.spentPlnMicros) / 1e6,
      budgetPln: Number(budget.budgetPlnMicros) / 1e6,
      // With its own key the tenant pays the provider directly: the plan's budget does not apply.
      budgetExhausted: ownKey ? false : budget.exhausted,
    };
  }),

  latestReply: tenantMemberProcedure.input(ZConversationInput).query(({ ctx, input }) => latestReply(ctx.tenantDb, input.conversationId)),

  sendDraft: tenantMemberProcedure
    .input(ZSendDraftInput)
    .mutation(({ ctx, input }) => sendDraft(ctx.db, ctx.tenantDb, ctx.tenant.id, ctx.actor.userId, input)),

  discardDraft: tenantMemberProcedure.input(ZReplyInput).mutation(({ ctx, input }) => discardDraft(ctx.tenantDb, input.replyId)),

  regenerate: tenantMemberProcedure
    .input(ZConversationInput)
    .mutation(({ ctx, input }) => regenerateReply(ctx.db, ctx.tenantDb, ctx.tenant.id, input.conversationId)),

  tools: tenantMemberProcedure.query(({ ctx }) => listTools(ctx.tenantDb)),

  /** Returns the signing secret this once. */
  createTool: tenantAdminProcedure.input(ZCreateToolInput).mutation(({ ctx, input }) => createTool(ctx.tenantDb, ctx.tenant.id, input)),

  updateTool: tenantAdminProcedure.input(ZUpdateToolInput).mutation(({ ctx, input }) => {
    const { toolId, ...changes } = input;
    return updateTool(ctx.tenantDb, toolId, changes);
  }),

  deleteTool: tenantAdminProcedure.input(ZToolIdInput).mutation(({ ctx, input }) => deleteTool(ctx.tenantDb, input.toolId)),

  /** The "test tool" button: one real, logged call with the given arguments. */
  testTool: tenantAdminProcedure.input(ZTestToolInput).mutation(({ ctx, input }) => callTool(ctx.tenantDb, ctx.tenant.id, input.toolId, input.arguments, null)),

  toolCalls: tenantMemberProcedure.input(ZToolIdInput).query(({ ctx, input }) => recentToolCalls(ctx.tenantDb, input.toolId)),

  /** Streams: text pieces as the model writes, then the finished reply (client: httpBatchStreamLink). */
  playground: tenantMemberProcedure.input(ZPlaygroundInput).mutation(({ ctx, input }) => askPlayground(ctx.db, ctx.tenantDb, ctx.tenant.id, input.question)),
});
