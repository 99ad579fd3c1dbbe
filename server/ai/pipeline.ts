import type { Database } from "@/server/db/client";
import { tenantDb, type ScopedDb } from "@/server/db/tenant-scope";
import { Prisma } from "@/server/db/generated/client";
import type { AiReplyAction, ChannelKind } from "@/server/db/generated/client";
import { searchKnowledge } from "@/server/knowledge/search";
import type { RetrievedChunk } from "@/server/knowledge/retrieval";
import { checkReplyRules } from "@/server/marketplaces/reply-rules";
import { sendReply } from "@/server/inbox/reply-service";
import { readOrderSnapshot } from "@/lib/order-snapshot";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { chooseTier, classifyMessage, type MessageSignals, type Tier } from "./intent";
import { detectLanguage, type Language } from "@/lib/text/language";
import { readBillingAccess } from "@/server/billing/billing-service";
import { countAiReplies, planLimit, warnNearLimit } from "@/server/billing/limits";
import { chatSetup, type OwnModelKey } from "./providers";
import { offlineResponder } from "./offline-responder";
import { greetingName } from "./frames";
import { llmResponder } from "./llm-responder";
import { unsupportedFacts } from "./grounding";
import { replyCheckReasons, VERIFIER_SETTLES } from "./answer-check";
import { verifyReply, type Verification } from "./verifier";
import { readAiSettings, type AiSettingsView } from "./settings-service";
import { routeEscalation } from "./escalation";
import { refreshThreadSummaryQuietly, SUMMARY_MIN_MESSAGES } from "./thread-summary";
import { callTool, enabledTools } from "./tools-service";
import { generationUsage, monthlyBudget, recordUsage, recordUsageIn } from "./usage";
import type { GeneratedReply, ReplyRequest, Responder } from "./responder";

/**
 * The AI reply engine for one conversation: answers the buyer's newest unanswered turn
 * (all messages since the seller last spoke), once. Steps: load → detect language and
 * intent → escalation rules → retrieve → generate (model, or the offline responder) →
 * check grounding and channel rules → decide auto-send / draft / escalate → store.
 * Idempotent: one ai_replies row per (conversation, newest buyer message); a re-run
 * for the same turn returns what was decided. Nothing is dropped: any failure leaves the
 * conversation flagged for a person.
 */
export type AnswerOutcome =
  | { status: "skipped"; reason: "no_buyer_turn" | "already_answered" | "disabled" | "resolved" | "billing" }
  | { status: "done"; replyId: string; action: AiReplyAction };

const MAX_BUYER_TEXT = 4_000;

export interface Source {
  chunkId: string;
  documentId: string;
  title: string;
  fileName: string | null;
  headingPath: string;
  position: number;
  excerpt: string;
}

interface Decision {
  action: AiReplyAction;
  reasons: string[];
}

export async function answerConversation(
  database: Database,
  tenantId: string,
  conversationId: string,
  options: { responder?: Responder; force?: boolean } = {},
): Promise<AnswerOutcome> {
  const started = performance.now();
  const db = tenantDb(database.prisma, tenantId);
  const { view: settings, ownKey } = await readAiSettings(db, tenantId);
  if (!settings.enabled && !options.force) return { status: "skipped", reason: "disabled" };
  // Unpaid past the grace period: the buyer's message is stored and shown; people answer it.
  if ((await readBillingAccess(db, tenantId)).aiPaused) return { status: "skipped", reason: "billing" };

  const conversation = await db.conversation.findUnique({
    where: { id: conversationId },
    select: {
      id: true,
      status: true,
      orderSnapshot: true,
      aiSummary: true,
      channelAccount: { select: { kind: true } },
      customer: { select: { displayName: true, externalId: true } },
      messages: {
        orderBy: { platformCreatedAt: "desc" },
        take: 30,
        select: { id: true, direction: true, text: true, attachments: true, platformStatus: true },
      },
    },
  });
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { name: true, defaultLanguage: true } });
  if (!conversation || !tenant) return { status: "skipped", reason: "no_buyer_turn" };
  if (conversation.status === "resolved") return { status: "skipped", reason: "resolved" };

  const newestFirst = conversation.messages;
  const lastOutbound = newestFirst.findIndex((m) => m.direction === "outbound");
  const turn = (lastOutbound === -1 ? newestFirst : newestFirst.slice(0, lastOutbound)).filter((m) => m.direction === "inbound").reverse();
  const trigger = turn.at(-1);
  if (!trigger) return { status: "skipped", reason: "no_buyer_turn" };
  const replyToTurn = () =>
    db.aiReply.findUnique({ where: { conversationId_triggerMessageId: { conversationId, triggerMessageId: trigger.id } }, select: { id: true, action: true } });
  const existing = await replyToTurn();
  if (existing && !options.force) return { status: "done", replyId: existing.id, action: existing.action };

  const kind = conversation.channelAccount.kind;
  const buyerText = turn.map((m) => m.text.trim()).filter(Boolean).join("\n\n").slice(0, MAX_BUYER_TEXT);
  const history = newestFirst
    .slice(turn.length)
    .reverse()
    .map((m) => ({ from: m.direction === "inbound" ? ("buyer" as const) : ("seller" as const), text: m.text.slice(0, 1_000) }));
  const language = detectLanguage(buyerText, (tenant.defaultLanguage as Language) ?? "pl");
  const signals = classifyMessage(buyerText);
  const escalations = escalationReasons(buyerText, signals, settings, history, turn);
  // The plan's monthly AI replies used up: a person answers this one (nothing generated, nothing lost).
  const aiReplyLimit = await planLimit(db, tenantId, "aiReplies");
  if ((await countAiReplies(db)) >= aiReplyLimit) escalations.push("ai.reasons.planLimit");

  let tier = chooseTier(signals);
  const budget = ownKey ? null : await monthlyBudget(db, tenantId);
  const budgetReasons: string[] = [];
  // A tenant paying with its own key is not held to the plan's budget.
  if (budget?.exhausted) {
    tier = { tier: "fast", why: { code: "budget" } };
    budgetReasons.push("ai.reasons.budgetExhausted");
  }
  logger.info("ai reply tier", { tenantId, conversationId, tier: tier.tier, why: tier.why, intent: signals.intent, language });

  let generated: GeneratedReply | null = null;
  let failure: string | null = null;
  let sources: Source[] = [];
  let passages: RetrievedChunk[] = [];
  let request: ReplyRequest | null = null;
  const order = readOrderSnapshot(conversation.orderSnapshot);
  if (buyerText && !escalations.some((r) => r !== "ai.reasons.negative")) {
    try {
      const found = await searchKnowledge(database, db, tenantId, buyerText, { k: 5 });
      passages = found.passages;
      request = {
        tenantName: tenant.name,
        language,
        buyerName: greetingName(conversation.customer),
        buyerText,
        history,
        summary: conversation.aiSummary ?? undefined,
        passages,
        words: found.words,
        order,
        signals,
        tier: tier.tier,
        settings: { persona: settings.persona, tone: settings.tone, address: settings.address, signature: settings.signature },
      };
      const responder = options.responder ?? responderFor(tier.tier, ownKey);
      if (responder !== offlineResponder) {
        request.tools = await enabledTools(db);
        request.callTool = (toolId, args) => callTool(db, tenantId, toolId, args, conversationId);
      }
      generated = await responder.generate(request, AbortSignal.timeout(env().AI_TIMEOUT_SECONDS * 1000));
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
      logger.warn("ai generation failed; a person must answer", { tenantId, conversationId, error: failure });
    }
  }

  let text = generated?.text ?? "";
  const reasons = [...escalations, ...budgetReasons, ...(generated?.holdReasons ?? [])];
  if (!buyerText) reasons.push(turn.some((m) => Array.isArray(m.attachments) && m.attachments.length) ? "ai.reasons.attachmentsOnly" : "ai.reasons.emptyMessage");
  if (failure) reasons.push("ai.reasons.aiFailed");
  if (generated?.handoff) reasons.push("ai.reasons.noKnowledge");
  if (generated && !generated.handoff) {
    sources = sourcesOf(generated.cited, passages);
    const rules = checkReplyRules(kind, text);
    text = rules.text;
    reasons.push(...rules.violations.map((v) => `rules.${v}`));
    const evidence = [buyerText, ...passages.map((p) => p.text), order ? JSON.stringify(order) : "", ...(generated.toolOutputs ?? []), settings.signature, tenant.name];
    const invented = unsupportedFacts(text, evidence);
    if (invented.length) reasons.push("ai.reasons.unsupportedFacts");
    if (!sources.length && !generated.usedOrder) reasons.push("ai.reasons.notGrounded");
    // The offline responder judged its own quotes; a model's words are checked here.
    if (generated.provider !== "offline" && request) {
      const cited = generated.cited.length ? generated.cited.flatMap((i) => (passages[i] ? [passages[i]] : [])) : passages;
      reasons.push(...replyCheckReasons({ buyerText, language, words: request.words, passages: cited, extra: evidence.slice(passages.length + 1) }, text));
    }
  }

  let decision = decide(kind, settings, signals, reasons, Boolean(text));
  // A second opinion (the verifier, fast tier) only for a model's reply that would go out
  // but for doubts the rules cannot settle: it decides them, and checks every claim.
  let verification: Verification | null = null;
  const firm = reasons.filter((r) => !VERIFIER_SETTLES.has(r));
  const withoutDoubts = decide(kind, settings, signals, firm, Boolean(text));
  const verifierSetup = withoutDoubts.action === "auto_send" && generated && generated.provider !== "offline" && request ? chatSetup("fast", ownKey) : null;
  if (verifierSetup && request) {
    verification = await verifyReply(verifierSetup, request, text, AbortSignal.timeout(env().AI_TIMEOUT_SECONDS * 1000));
    decision = verification.reasons.length ? decide(kind, settings, signals, [...new Set([...reasons, ...verification.reasons])], Boolean(text)) : withoutDoubts;
  }
  const latencyMs = Math.round(performance.now() - started);
  const reply = await storeReply(db, tenantId, {
    conversationId,
    triggerMessageId: trigger.id,
    decision,
    text,
    language,
    signals,
    tier: tier.tier,
    generated,
    sources,
    latencyMs,
    escalationRules: settings.escalationRules,
    aiReplyLimit,
  });
  if (!reply) {
    // Another run answered this turn first: theirs stands.
    const winner = await replyToTurn();
    if (!winner) throw new Error("ai reply conflict without a stored reply");
    return { status: "done", replyId: winner.id, action: winner.action };
  }
  if (verifierSetup && verification) {
    await recordUsage(db, tenantId, generationUsage(verifierSetup, verification.usage, { conversationId, tier: "fast", outcome: "verification" }));
  }
  if (decision.action === "auto_send") await sendAiReply(database, db, tenantId, reply.id, conversationId, text);
  // Off the answer's critical path: the next turn reads the updated summary.
  // Only threads long enough to have something to fold (the 30 newest messages were loaded above).
  const summaryModel = options.responder || newestFirst.length < SUMMARY_MIN_MESSAGES ? null : chatSetup("fast", ownKey);
  if (summaryModel) await refreshThreadSummaryQuietly(db, tenantId, conversationId, summaryModel);
  return { status: "done", replyId: reply.id, action: decision.action };
}

/** The passages a reply cites, as shown with it (document, place, excerpt). */
export function sourcesOf(cited: number[], passages: RetrievedChunk[]): Source[] {
  return cited.flatMap((i) => {
    const p = passages[i];
    return p ? [{ chunkId: p.chunkId, documentId: p.documentId, title: p.documentTitle, fileName: p.fileName, headingPath: p.headingPath, position: p.position, excerpt: p.text.slice(0, 300) }] : [];
  });
}

/** The tenant's own or the platform's model for the tier, or the offline responder when there is none. */
export function responderFor(tier: Tier, ownKey: OwnModelKey | null): Responder {
  const setup = chatSetup(tier, ownKey);
  return setup ? llmResponder(setup) : offlineResponder;
}

function escalationReasons(
  text: string,
  signals: MessageSignals,
  settings: AiSettingsView,
  history: { from: "buyer" | "seller"; text: string }[],
  turn: unknown[],
): string[] {
  const reasons: string[] = [];
  if (signals.humanRequest) reasons.push("ai.reasons.humanRequested");
  if (signals.injection) reasons.push("ai.reasons.injection");
  if (signals.legalThreat) reasons.push("ai.reasons.legalThreat");
  if (signals.negative) {
    reasons.push("ai.reasons.negative");
    // Dissatisfied again after an answer: a person takes over.
    if (history.some((h) => h.from === "buyer" && classifyMessage(h.text).negative) || turn.length > 2) reasons.push("ai.reasons.repeatedDissatisfaction");
  }
  const folded = text.toLowerCase();
  if (settings.escalationKeywords.some((k) => k.trim() && folded.includes(k.trim().toLowerCase()))) reasons.push("ai.reasons.keyword");
  return reasons;
}

/** Reasons that need a person (escalate); every other reason only holds the reply as a draft. */
const ESCALATING = new Set([
  "ai.reasons.humanRequested",
  "ai.reasons.injection",
  "ai.reasons.legalThreat",
  "ai.reasons.repeatedDissatisfaction",
  "ai.reasons.keyword",
  "ai.reasons.aiFailed",
  "ai.reasons.noKnowledge",
  "ai.reasons.emptyMessage",
  "ai.reasons.attachmentsOnly",
]);

export function decide(kind: ChannelKind, settings: AiSettingsView, signals: MessageSignals, reasons: string[], hasText: boolean): Decision {
  if (!hasText || reasons.some((r) => ESCALATING.has(r))) return { action: "escalate", reasons };
  const allowed = settings.autoSend[kind] ?? [];
  const topicAllowed = signals.intents.filter((i) => i !== "greeting" && i !== "thanks").every((i) => allowed.includes(i)) && allowed.includes(signals.intent);
  const why = [...reasons];
  // Complaints always get a person's eye, whatever the settings say.
  if (!topicAllowed || signals.intents.includes("complaint")) why.push("ai.reasons.autoSendOff");
  if (signals.negative) return { action: "draft", reasons: why };
  return why.length ? { action: "draft", reasons: why } : { action: "auto_send", reasons: [] };
}

async function storeReply(
  db: ScopedDb,
  tenantId: string,
  input: {
    conversationId: string;
    triggerMessageId: string;
    decision: Decision;
    text: string;
    language: Language;
    signals: MessageSignals;
    tier: Tier;
    generated: GeneratedReply | null;
    sources: Source[];
    latencyMs: number;
    escalationRules: AiSettingsView["escalationRules"];
    /** The plan's monthly AI replies, read once for this reply (the soft-limit warning). */
    aiReplyLimit: number;
  },
) {
  const { decision, generated } = input;
  try {
    return await db.$scoped(async (tx) => {
      // A new turn supersedes drafts for earlier turns: only the newest one is actionable.
      await tx.aiReply.updateMany({ where: { conversationId: input.conversationId, status: "draft" }, data: { status: "superseded" } });
      let costPlnMicros = 0n;
      if (generated && generated.provider !== "offline") {
        const cost = await recordUsageIn(tx, tenantId, {
          kind: "generation",
          provider: generated.provider,
          model: generated.model,
          inputTokens: generated.usage.inputTokens,
          outputTokens: generated.usage.outputTokens,
          conversationId: input.conversationId,
          tier: input.tier,
          latencyMs: input.latencyMs,
          outcome: decision.action,
          keySource: generated.keySource,
        });
        costPlnMicros = cost.plnMicros;
      }
      const reply = await tx.aiReply.create({
        data: {
          tenantId,
          conversationId: input.conversationId,
          triggerMessageId: input.triggerMessageId,
          action: decision.action,
          status: decision.action === "escalate" ? "escalated" : decision.action === "auto_send" ? "sent" : "draft",
          text: input.text,
          language: input.language,
          intent: input.signals.intent,
          tier: input.tier,
          provider: generated?.provider,
          model: generated?.model,
          reasons: decision.reasons,
          sources: input.sources as unknown as Prisma.InputJsonValue,
          inputTokens: generated?.usage.inputTokens ?? 0,
          outputTokens: generated?.usage.outputTokens ?? 0,
          costPlnMicros,
          latencyMs: input.latencyMs,
        },
        select: { id: true },
      });
      if (input.text) await warnNearLimit(tx, tenantId, "aiReplies", await countAiReplies(tx), input.aiReplyLimit);
      if (decision.action === "escalate") {
        const reason = decision.reasons.find((r) => ESCALATING.has(r)) ?? decision.reasons[0] ?? null;
        await tx.conversation.update({ where: { id: input.conversationId }, data: { needsHuman: true, needsHumanReason: reason } });
        await routeEscalation(tx, tenantId, { conversationId: input.conversationId, intent: input.signals.intent, reason, rules: input.escalationRules, replyId: reply.id });
      }
      await tx.conversationEvent.create({
        data: {
          tenantId,
          conversationId: input.conversationId,
          type: decision.action === "escalate" ? "ai_escalated" : decision.action === "draft" ? "ai_drafted" : "ai_auto_sent",
          data: { replyId: reply.id, reasons: decision.reasons, tier: input.tier, intent: input.signals.intent },
        },
      });
      return reply;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return null;
    throw error;
  }
}

/** Sends an AI reply through the same path as a person's (queued → sent | failed). */
export async function sendAiReply(database: Database, db: ScopedDb, tenantId: string, replyId: string, conversationId: string, text: string) {
  const message = await sendReply(database, db, tenantId, { userId: null, kind: "ai" }, { conversationId, text });
  await db.aiReply.update({ where: { id: replyId }, data: { status: "sent", messageId: message.id } });
  return message;
}
