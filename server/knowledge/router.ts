import { createRouter, tenantAdminProcedure, tenantMemberProcedure } from "@/server/api/trpc";
import { ZCreateTextDocumentInput, ZCreateUrlDocumentInput, ZDocumentId, ZTestSearchInput, ZUpdateDocumentInput } from "./schemas";
import { createDocument, createDocumentFromUrl, deleteDocument, getDocument, listDocuments, planLimits, retryDocument, updateDocument } from "./document-service";
import { searchKnowledge } from "./search";

/**
 * Knowledge base: documents the AI answers from. Files are uploaded through
 * /api/knowledge/documents (multipart); everything else is here. Each procedure is in
 * the isolation matrix (tests/isolation.integration.test.ts).
 */
export const knowledgeBaseRouter = createRouter({
  list: tenantMemberProcedure.query(({ ctx }) => listDocuments(ctx.tenantDb)),

  get: tenantMemberProcedure.input(ZDocumentId).query(({ ctx, input }) => getDocument(ctx.tenantDb, input.documentId)),

  limits: tenantMemberProcedure.query(({ ctx }) => planLimits(ctx.tenantDb, ctx.tenant.id)),

  createFromText: tenantAdminProcedure
    .input(ZCreateTextDocumentInput)
    .mutation(({ ctx, input }) =>
      createDocument(ctx.db, ctx.tenantDb, ctx.tenant.id, ctx.actor.userId, {
        title: input.title,
        source: "text",
        mimeType: "text/markdown",
        bytes: new Uint8Array(Buffer.from(input.text, "utf8")),
      }),
    ),

  createFromUrl: tenantAdminProcedure
    .input(ZCreateUrlDocumentInput)
    .mutation(({ ctx, input }) => createDocumentFromUrl(ctx.db, ctx.tenantDb, ctx.tenant.id, ctx.actor.userId, input)),

  update: tenantAdminProcedure
    .input(ZUpdateDocumentInput)
    .mutation(({ ctx, input }) => updateDocument(ctx.db, ctx.tenantDb, ctx.tenant.id, { id: input.documentId, title: input.title, text: input.text })),

  retry: tenantAdminProcedure.input(ZDocumentId).mutation(({ ctx, input }) => retryDocument(ctx.db, ctx.tenantDb, ctx.tenant.id, input.documentId)),

  delete: tenantAdminProcedure.input(ZDocumentId).mutation(({ ctx, input }) => deleteDocument(ctx.tenantDb, input.documentId)),

  /** Exactly what the AI will be given for this question. */
  testSearch: tenantMemberProcedure
    .input(ZTestSearchInput)
    .query(async ({ ctx, input }) => (await searchKnowledge(ctx.db, ctx.tenantDb, ctx.tenant.id, input.query, { k: input.k })).passages),
});
