import { foldText } from "@/lib/text/fold";
import { queryTokens } from "@/server/knowledge/query";
import { FRAMES } from "./frames";
import { detectLanguage } from "./language";
import type { GeneratedReply, ReplyRequest, Responder } from "./responder";

/**
 * The built-in responder for installs without a model provider: it answers by quoting
 * the sentences of the retrieved passages that best match the buyer's words, inside a
 * polite frame in the buyer's language. It cannot invent anything — every fact is a
 * verbatim sentence of the seller's own documents — and it hands off when nothing
 * matches well enough. It cannot translate either: passages in another language than
 * the buyer's make the reply a draft.
 */
const MAX_SENTENCES = 3;
/** Share of the buyer's meaningful words a sentence must contain to be quoted. */
const MIN_COVERAGE = 0.34;
const GREETING_WORDS = new Set(["dzien", "dobry", "witam", "hello", "hallo", "guten", "czesc", "pozdrawiam", "dziekuje", "thanks", "thank", "danke"]);

interface Sentence {
  text: string;
  passage: number;
  order: number;
  /** Share of the buyer's meaningful words in this sentence. */
  coverage: number;
}

function splitSentences(text: string): string[] {
  return text
    .replace(/\n+/g, "\n")
    .split(/(?<=[.!?])\s+|\n/)
    .map((s) => s.replace(/^[-*•#>\s]+/, "").trim())
    .filter((s) => s.length >= 12 && /\p{L}/u.test(s));
}

export function extractAnswer(request: ReplyRequest): { sentences: Sentence[]; coverage: number } {
  // Short stems on purpose: a sentence is judged on its own, so "kosztuje" must find
  // "koszt" and "kurierem" must find "kurier" (five letters keep words apart well enough).
  const stems = [...new Set(queryTokens(request.buyerText).filter((t) => !GREETING_WORDS.has(t)).map((t) => (t.length > 5 ? t.slice(0, 5) : t)))];
  if (!stems.length) return { sentences: [], coverage: 0 };
  const candidates: Sentence[] = [];
  request.passages.forEach((p, passage) => {
    splitSentences(p.text).forEach((text, order) => {
      const folded = foldText(text);
      const matched = stems.filter((s) => new RegExp(`(?:^|[^\\p{L}])${s}`, "u").test(folded)).length;
      if (matched) candidates.push({ text, passage, order, coverage: matched / stems.length });
    });
  });
  // Best coverage first; on a tie, the better-ranked passage.
  const best = candidates.sort((a, b) => b.coverage - a.coverage || a.passage - b.passage).slice(0, MAX_SENTENCES);
  const coverage = best[0]?.coverage ?? 0;
  // Weaker sentences only join a strong one, never stand in for it.
  const chosen = best.filter((s) => s.coverage >= coverage / 2);
  // Quote in document order so the reply reads like the policy does.
  chosen.sort((a, b) => a.passage - b.passage || a.order - b.order);
  return { sentences: chosen, coverage };
}

export const offlineResponder: Responder = {
  async generate(request: ReplyRequest): Promise<GeneratedReply> {
    const frame = FRAMES[request.language];
    const base = { provider: "offline", model: "extractive", usage: { inputTokens: 0, outputTokens: 0 }, usedOrder: false };
    const sign = (body: string) => [frame.greeting(request.buyerName), "", body, "", frame.closing, "", frame.regards, request.settings.signature || request.tenantName].join("\n").trim();
    const substantive = request.signals.intents.some((i) => i !== "greeting" && i !== "thanks");

    if (!substantive && request.signals.intents.some((i) => i === "greeting" || i === "thanks") && request.buyerText.length < 120) {
      const body = request.signals.intents.includes("thanks") ? frame.thanksReply : frame.welcome;
      return { ...base, text: [frame.greeting(request.buyerName), "", body, "", frame.regards, request.settings.signature || request.tenantName].join("\n"), handoff: false, cited: [], holdReasons: [] };
    }

    const { sentences, coverage } = extractAnswer(request);
    if (!sentences.length || coverage < MIN_COVERAGE) {
      return { ...base, text: "", handoff: true, cited: [], holdReasons: [] };
    }
    const quoted = sentences.map((s) => s.text).join(" ");
    const holdReasons = detectLanguage(quoted, request.language) !== request.language ? ["ai.reasons.offlineNoTranslation"] : [];
    return {
      ...base,
      text: sign(`${frame.intro}\n${quoted}`),
      handoff: false,
      cited: [...new Set(sentences.map((s) => s.passage))],
      holdReasons,
    };
  },
};
