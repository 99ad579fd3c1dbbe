import type { Database } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/client";
import { listTenantsWithOutdatedSearch } from "@/server/db/system";
import { tenantDb, type ScopedTransaction } from "@/server/db/tenant-scope";
import { foldedWords, wordForms } from "@/server/knowledge/terms";
import { readOfferSnapshot } from "@/lib/offer-snapshot";
import { readOrderSnapshot } from "@/lib/order-snapshot";

/**
 * The inbox search index: conversation_terms holds, per conversation, every folded word
 * of its messages, notes and facts, the word's stems (the knowledge base's stemmers, in
 * every stemmed language: a buyer's language is a guess on a short message) and each
 * pair of adjacent words "a b", which makes exact phrases findable by equality.
 * Bump SEARCH_VERSION when these terms change: the sweep rebuilds older conversations.
 */
export const SEARCH_VERSION = 1;

/** Longer "words" are codes or garbage nobody types into a search box. */
const MAX_WORD = 60;

/** The terms texts are found by; each text is its own run of words (no pair crosses two texts). */
export function searchTerms(texts: (string | null | undefined)[]): Set<string> {
  const terms = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    let previous: string | null = null;
    for (const word of foldedWords(text)) {
      if (word.length > MAX_WORD) {
        previous = null;
        continue;
      }
      for (const form of wordForms(word)) terms.add(form);
      if (previous) terms.add(`${previous} ${word}`);
      previous = word;
    }
  }
  return terms;
}

export interface ConversationFacts {
  subject?: string | null;
  orderExternalId?: string | null;
  offerExternalId?: string | null;
  orderSnapshot?: Prisma.JsonValue | null;
  offerSnapshot?: Prisma.JsonValue | null;
  customer?: { displayName: string | null; externalId: string } | null;
}

/** What a seller may search a conversation by besides its messages: the buyer, the subject, the order and the offer. */
export function factTexts(c: ConversationFacts): string[] {
  const order = readOrderSnapshot(c.orderSnapshot);
  const offer = readOfferSnapshot(c.offerSnapshot);
  return [
    c.customer?.displayName,
    c.customer?.externalId,
    c.subject,
    c.orderExternalId,
    c.offerExternalId,
    order?.id,
    order?.buyerLogin,
    ...(order?.items.map((i) => i.name) ?? []),
    ...(order?.tracking.map((t) => t.waybill) ?? []),
    offer?.id,
    offer?.name,
  ].filter((t): t is string => !!t);
}

/**
 * Adds texts to conversations' terms, one statement for the lot. Terms are only ever
 * added between rebuilds: a conversation stays findable by everything it ever held.
 */
export async function addSearchTerms(tx: ScopedTransaction, tenantId: string, entries: { conversationId: string; texts: (string | null | undefined)[] }[]) {
  const conversationIds: string[] = [];
  const terms: string[] = [];
  for (const { conversationId, texts } of entries) {
    for (const term of searchTerms(texts)) {
      conversationIds.push(conversationId);
      terms.push(term);
    }
  }
  if (!terms.length) return;
  await tx.$executeRaw`
    INSERT INTO conversation_terms (tenant_id, term, conversation_id)
    SELECT ${tenantId}::uuid, t.term, t.conversation_id FROM unnest(${terms}::text[], ${conversationIds}::uuid[]) AS t(term, conversation_id)
    ON CONFLICT DO NOTHING`;
}

const factsSelect = {
  id: true,
  subject: true,
  orderExternalId: true,
  offerExternalId: true,
  orderSnapshot: true,
  offerSnapshot: true,
  customer: { select: { displayName: true, externalId: true } },
} as const;

/** Stores a connector's order or offer facts and makes their items and waybills searchable. */
export async function storeConversationFacts(tx: ScopedTransaction, tenantId: string, conversationId: string, data: { orderSnapshot?: Prisma.InputJsonValue; offerSnapshot?: Prisma.InputJsonValue }) {
  const c = await tx.conversation.update({ where: { id: conversationId }, data, select: factsSelect });
  await addSearchTerms(tx, tenantId, [{ conversationId, texts: factTexts(c) }]);
}

/** Rebuilds conversations' terms from scratch: messages, notes and facts, at SEARCH_VERSION. */
export async function rebuildSearchTerms(tx: ScopedTransaction, tenantId: string, conversationIds: string[]) {
  if (!conversationIds.length) return;
  const [conversations, messages, notes] = await Promise.all([
    tx.conversation.findMany({ where: { id: { in: conversationIds } }, select: factsSelect }),
    tx.message.findMany({ where: { conversationId: { in: conversationIds } }, select: { conversationId: true, text: true } }),
    tx.conversationNote.findMany({ where: { conversationId: { in: conversationIds } }, select: { conversationId: true, text: true } }),
  ]);
  const texts = new Map(conversations.map((c) => [c.id, factTexts(c)]));
  for (const m of [...messages, ...notes]) texts.get(m.conversationId)?.push(m.text);
  await tx.conversationTerm.deleteMany({ where: { conversationId: { in: conversationIds } } });
  await addSearchTerms(tx, tenantId, [...texts].map(([conversationId, t]) => ({ conversationId, texts: t })));
  await tx.conversation.updateMany({ where: { id: { in: conversationIds } }, data: { searchVersion: SEARCH_VERSION } });
}

const REINDEX_BATCH = 200;

/**
 * The search sweep: conversations indexed by an older analyser (or stored before there
 * was one) are rebuilt, a batch per transaction, until the time budget is spent; the
 * next run goes on where this one stopped. Returns how many were rebuilt.
 */
export async function reindexOutdatedConversations(database: Database, budgetMs = 60_000): Promise<number> {
  const deadline = Date.now() + budgetMs;
  let rebuilt = 0;
  for (const tenantId of await listTenantsWithOutdatedSearch(database.prisma, SEARCH_VERSION)) {
    const scoped = tenantDb(database.prisma, tenantId);
    while (Date.now() < deadline) {
      const count = await scoped.$scoped(async (tx) => {
        const batch = await tx.conversation.findMany({ where: { searchVersion: { lt: SEARCH_VERSION } }, take: REINDEX_BATCH, select: { id: true } });
        await rebuildSearchTerms(tx, tenantId, batch.map((c) => c.id));
        return batch.length;
      }, { timeout: 60_000 });
      rebuilt += count;
      if (count < REINDEX_BATCH) break;
    }
    if (Date.now() >= deadline) break;
  }
  return rebuilt;
}
