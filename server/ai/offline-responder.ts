import { foldText } from "@/lib/text/fold";
import { queryTokens } from "@/server/knowledge/query";
import { FRAMES } from "./frames";
import { detectLanguage } from "@/lib/text/language";
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
/** Share of the buyer's meaningful words the quoted sentences must cover together, or a person answers. */
const MIN_COVERAGE = 0.5;
const QUANTITY = /\b(ile|kiedy|jak dlugo|ktora godzin|how (?:much|long|many)|when|wie (?:viel|lange)|wann|kolik|kdy|cena|koszt|price|cost)/;

/**
 * Short stems on purpose: a sentence is judged on its own, so "kosztuje" must find
 * "koszt" and "kurierem" "kurier", while "paczkomatu" must not shrink to "paczk".
 */
function shortStem(token: string): string {
  if (token.length >= 8) return token.slice(0, token.length - 3);
  return token.length > 5 ? token.slice(0, 5) : token;
}

const GREETING_WORDS = new Set(["dzien", "dobry", "witam", "hello", "hallo", "guten", "czesc", "pozdrawiam", "dziekuje", "thanks", "thank", "danke"]);

interface Sentence {
  text: string;
  passage: number;
  order: number;
}

function splitSentences(text: string): string[] {
  return text
    .replace(/\n+/g, "\n")
    .split(/(?<=[.!?])\s+|\n/)
    // Quoted as plain text: no Markdown emphasis, heading marks or table pipes.
    .map((s) => s.replace(/^[-*•#>|\s]+/, "").replace(/\*\*|__|`/g, "").replace(/\s*\|\s*/g, " – ").replace(/\s+–\s*$/, "").trim())
    .filter((s) => s.length >= 12 && /\p{L}/u.test(s) && !/^[-–\s:]+$/.test(s));
}

/**
 * Picks the sentences that together cover most of the buyer's meaningful words (greedy
 * set cover), so a message with three questions gets a sentence for each.
 */
export function extractAnswer(request: ReplyRequest): { sentences: Sentence[]; coverage: number } {
  // "How much / when / how long" questions want the sentence with the number in it.
  const quantitative = QUANTITY.test(foldText(request.buyerText));
  const stems = [...new Set(queryTokens(request.buyerText).filter((t) => !GREETING_WORDS.has(t)).map(shortStem))];
  if (!stems.length) return { sentences: [], coverage: 0 };
  const patterns = stems.map((s) => new RegExp(`(?:^|[^\\p{L}\\d])${s}`, "u"));
  const candidates: (Sentence & { covers: Set<number>; bonus: number })[] = [];
  request.passages.forEach((p, passage) => {
    splitSentences(p.text).forEach((text, order) => {
      const folded = foldText(text);
      const covers = new Set(patterns.flatMap((re, i) => (re.test(folded) ? [i] : [])));
      const bonus = quantitative && /\d/.test(text) ? 0.5 : 0;
      if (covers.size) candidates.push({ text, passage, order, covers, bonus });
    });
  });
  const covered = new Set<number>();
  const chosen: Sentence[] = [];
  while (chosen.length < MAX_SENTENCES) {
    let best: (typeof candidates)[number] | undefined;
    let gain = 0;
    for (const c of candidates) {
      const fresh = [...c.covers].filter((i) => !covered.has(i)).length;
      const g = fresh ? fresh + c.bonus - c.passage * 0.1 : 0;
      // More new words first; on a tie, the better-ranked passage.
      if (g > gain || (g === gain && g > 0 && best && c.passage < best.passage)) {
        best = c;
        gain = g;
      }
    }
    // After the first, a sentence must bring a new word and not come from far down the list.
    if (!best || gain <= 0 || (chosen.length > 0 && gain < 0.9)) break;
    best.covers.forEach((i) => covered.add(i));
    chosen.push(best);
    candidates.splice(candidates.indexOf(best), 1);
  }
  // Quote in document order so the reply reads like the policy does.
  chosen.sort((a, b) => a.passage - b.passage || a.order - b.order);
  return { sentences: chosen, coverage: covered.size / stems.length };
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
