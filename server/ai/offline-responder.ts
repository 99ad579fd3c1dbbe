import { detectLanguage, type Language } from "@/lib/text/language";
import { CONTEXT_WEIGHT, coverageOf, coveredWords, fillsSlot, questionSlots, slotValues, weighQuestion, type Slot, type WeightedQuestion } from "./answer-check";
import { closingLine, FRAMES } from "./frames";
import { passageUnits } from "./passage-units";
import type { GeneratedReply, ReplyRequest, Responder } from "./responder";

/**
 * The built-in responder for installs without a model provider. It answers with one to
 * three pieces of the retrieved passages (sentences, table rows read with their header,
 * product fields) chosen for what the question asks — a price question needs a price, a
 * "who pays" question a party, a size question the row that fits the buyer's number —
 * inside a polite frame in the buyer's language. It invents nothing: every fact is the
 * seller's own words. It decides how sure it is:
 * - hand off when the pieces speak about too little of the question, or the question is
 *   about something no document mentions;
 * - draft (a person clicks send) when it answered, but not beyond doubt;
 * - only a reply that states every fact the question asks for, about the very things
 *   asked, may go out unreviewed.
 */
const MAX_UNITS = 3;

/** Thresholds on coverage: the share of the question's weight (rare words count most) a piece speaks about. */
const HANDOFF_BELOW = 0.4;
const CONFIDENT_FROM = 0.65;
/** Without a slot to fill (a yes/no or how-to question), only near-complete coverage is sure enough. */
const CONFIDENT_WITHOUT_SLOT_FROM = 0.8;
/** Words only the sentence's paragraph has help to rank it, at this weight. */
const PARAGRAPH_WEIGHT = 0.3;
/**
 * With words no document has, a best piece below this is about something near the
 * question, not the question: "czy kurtka ma certyfikat bluesign?" against the care
 * label. A person answers; a draft would invite one click on a non-answer.
 */
const UNKNOWN_HANDOFF_BELOW = 0.6;
/** A buyer naming their order ("zamówienie SD-2025-118765"): letters and digits in dashed groups, or a long number. */
const ORDER_REFERENCE = /\b(?:[A-Z]{1,5}-)?\d{2,6}-\d{3,}(?:-\d+)?\b|\b\d{7,}\b/;
/** A rival piece this close to the best one, stating another value for the same fact, makes the answer uncertain. */
const RIVAL_WITHIN = 0.8;

interface Candidate {
  text: string;
  passage: number;
  order: number;
  /** Words the piece says itself, and words only its context has. */
  own: Set<number>;
  context: Set<number>;
  coverage: number;
  /** What the rest of its paragraph adds (ranking only). */
  paragraph: number;
  fills: Set<Slot>;
  language: Language;
}

export interface OfflineAnswer {
  pieces: Candidate[];
  /** The piece that answers most of the question on its own. */
  best: Candidate | null;
  /** Other pieces nearly as good that state a different value for an asked fact. */
  rivals: Candidate[];
  slots: Slot[];
  question: WeightedQuestion;
}

/** Two pieces conflict on a fact when they state values for it and share none (12,99 zł against 16,99 zł). */
function conflicts(slot: Slot, a: string, b: string): boolean {
  const mine = new Set(slotValues(slot, a));
  const theirs = slotValues(slot, b);
  if (!mine.size || !theirs.length) return a !== b;
  return !theirs.some((v) => mine.has(v));
}

/** Picks the pieces that answer the question: the best-covering one first, then one per unfilled slot, then any that add coverage. */
export function extractAnswer(request: Pick<ReplyRequest, "buyerText" | "passages" | "words">): OfflineAnswer {
  const question = weighQuestion(request.buyerText, request.words);
  const slots = questionSlots(request.buyerText);
  const candidates: Candidate[] = [];
  request.passages.forEach((p, passage) => {
    const language = detectLanguage(p.text, "pl");
    for (const unit of passageUnits(p)) {
      const own = coveredWords(question, unit.text);
      // A piece must speak about the question itself, not only sit under a matching heading.
      if (!own.size) continue;
      const context = new Set([...coveredWords(question, unit.context)].filter((i) => !own.has(i)));
      const coverage = coverageOf(question, own) + CONTEXT_WEIGHT * coverageOf(question, context);
      const paragraph = coverageOf(question, new Set([...coveredWords(question, unit.paragraph)].filter((i) => !own.has(i) && !context.has(i))));
      const fills = new Set(slots.filter((s) => fillsSlot(s, unit.text, request.buyerText)));
      candidates.push({ text: unit.text, passage, order: unit.order, own, context, coverage, paragraph, fills, language });
    }
  });
  const score = (c: Candidate) => c.coverage + PARAGRAPH_WEIGHT * c.paragraph + (slots.length ? (0.3 * c.fills.size) / slots.length : 0) - 0.02 * c.passage;
  const ranked = [...candidates].sort((a, b) => score(b) - score(a));
  const best = ranked[0] ?? null;

  const chosen: Candidate[] = [];
  const covered = new Set<number>();
  const filled = new Set<Slot>();
  for (const c of ranked) {
    if (chosen.length >= MAX_UNITS) break;
    const fresh = coverageOf(question, new Set([...c.own].filter((i) => !covered.has(i))));
    const freshSlots = [...c.fills].filter((s) => !filled.has(s)).length;
    // After the first, a piece must add a missing fact or a good part of the question.
    if (chosen.length && !freshSlots && fresh < 0.2) continue;
    if (chosen.length && c.coverage < 0.25) continue;
    chosen.push(c);
    c.own.forEach((i) => covered.add(i));
    c.fills.forEach((s) => filled.add(s));
  }
  chosen.sort((a, b) => a.passage - b.passage || a.order - b.order);

  // With a fact asked for: a close piece stating another value for it. Without: any close
  // piece of another document (two products of similar names, two policies).
  // A piece quoted beside the best one from the same passage is part of the answer, not a rival.
  const rivals = best
    ? ranked.filter((c) =>
        c !== best && !(chosen.includes(c) && c.passage === best.passage) && c.coverage >= RIVAL_WITHIN * best.coverage &&
        (slots.length ? [...best.fills].some((s) => c.fills.has(s) && conflicts(s, best.text, c.text)) : c.passage !== best.passage && c.text !== best.text),
      )
    : [];
  return { pieces: chosen, best, rivals, slots, question };
}

/**
 * How sure the offline responder is: hand off, draft (with the reasons shown to the
 * seller), or send. Certainty rests on the best single piece: several half-relevant
 * fragments from different documents do not add up to an answer.
 */
export function judgeAnswer(answer: OfflineAnswer, buyerLanguage: Language): { handoff: boolean; holdReasons: string[] } {
  const { best, rivals, slots, question } = answer;
  if (!best || best.coverage < HANDOFF_BELOW) return { handoff: true, holdReasons: [] };
  if (question.unknown.length && best.coverage < UNKNOWN_HANDOFF_BELOW) return { handoff: true, holdReasons: [] };
  const filledAnywhere = new Set(answer.pieces.flatMap((p) => [...p.fills]));
  // Asked only for facts no piece states: what is there does not answer it.
  if (slots.length && !slots.some((s) => filledAnywhere.has(s)) && best.coverage < CONFIDENT_FROM) return { handoff: true, holdReasons: [] };

  const reasons: string[] = [];
  if (slots.some((s) => !filledAnywhere.has(s))) reasons.push("ai.reasons.missingFact");
  // For an unreviewed reply the best piece must state every asked fact itself, unrivalled.
  else if (slots.some((s) => !best.fills.has(s)) || rivals.length) reasons.push("ai.reasons.partialAnswer");
  // Words no document has lower every piece's coverage; name them when they cost the certainty.
  if (question.unknown.length && best.coverage < CONFIDENT_FROM) reasons.push("ai.reasons.unknownWords");
  const knownWords = question.weights.filter((w) => w > 0).length;
  // The best piece as quoted: with the pieces of its own passage quoted beside it ("…kurierem InPost. Koszt dostawy kurierem to 14,99 zł.").
  const beside = answer.pieces.filter((p) => p !== best && p.passage === best.passage);
  const own = new Set([...best.own, ...beside.flatMap((p) => [...p.own])]);
  const context = new Set([...best.context].filter((i) => !own.has(i)));
  const quoted = coverageOf(question, own) + CONTEXT_WEIGHT * coverageOf(question, context);
  const enough = slots.length ? quoted >= CONFIDENT_FROM : quoted >= CONFIDENT_WITHOUT_SLOT_FROM && knownWords >= 2;
  if (!enough && !reasons.includes("ai.reasons.partialAnswer")) reasons.push("ai.reasons.partialAnswer");
  if (answer.pieces.some((p) => p.language !== buyerLanguage)) reasons.push("ai.reasons.offlineNoTranslation");
  return { handoff: false, holdReasons: reasons };
}

function signature(request: ReplyRequest): string {
  return request.settings.signature || request.tenantName;
}

export const offlineResponder: Responder = {
  async *stream(request: ReplyRequest) {
    // Nothing to wait for: the whole reply is one piece.
    const reply = await offlineResponder.generate(request, AbortSignal.timeout(1_000));
    if (reply.text) yield reply.text;
    return reply;
  },

  async generate(request: ReplyRequest): Promise<GeneratedReply> {
    const frame = FRAMES[request.language];
    const base = { provider: "offline", model: "extractive", keySource: "platform" as const, usage: { inputTokens: 0, outputTokens: 0 }, usedOrder: false };
    const substantive = request.signals.intents.some((i) => i !== "greeting" && i !== "thanks");

    if (!substantive && request.signals.intents.some((i) => i === "greeting" || i === "thanks") && request.buyerText.length < 120) {
      const body = request.signals.intents.includes("thanks") ? frame.thanksReply : frame.welcome;
      return { ...base, text: [frame.greeting(request.buyerName), "", body, "", frame.regards, signature(request)].join("\n"), handoff: false, cited: [], holdReasons: [] };
    }

    // "Where is my order SD-2025-118765?" is answered by that order's data, which this conversation does not have.
    if (request.signals.intents.includes("order_status") && !request.order && ORDER_REFERENCE.test(request.buyerText)) {
      return { ...base, text: "", handoff: true, cited: [], holdReasons: [] };
    }
    const answer = extractAnswer(request);
    const verdict = judgeAnswer(answer, request.language);
    if (verdict.handoff) return { ...base, text: "", handoff: true, cited: [], holdReasons: [] };

    const quoted = answer.pieces.map((p) => p.text).join("\n");
    const holdReasons = verdict.holdReasons;
    const lines = [frame.greeting(request.buyerName), ""];
    // It cannot translate: it says so in the buyer's language and quotes the policy as written.
    if (holdReasons.includes("ai.reasons.offlineNoTranslation")) lines.push(frame.quotedInOtherLanguage);
    lines.push(quoted, "", closingLine(request.language, request.settings.address), "", frame.regards, signature(request));
    return { ...base, text: lines.join("\n").trim(), handoff: false, cited: [...new Set(answer.pieces.map((p) => p.passage))], holdReasons };
  },
};
