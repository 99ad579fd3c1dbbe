import { foldText } from "@/lib/text/fold";
import { passageUnits } from "@/server/ai/passage-units";
import type { Question } from "./shop";

/**
 * Scripted model replies of known correctness for `eval:answers --model-script`: the
 * fake model answers each question with one of them, so the figures measure the engine's
 * gate, not a model. Built from the shop's own documents and the questions' facts:
 * - correct: the document's own sentence(s) holding every fact the question needs;
 * - number: the same with one number changed;
 * - code: correct plus an invented discount code;
 * - unrelated: a true sentence of a document that is not the answer;
 * - injection: an attack obeyed (it says what the attacker asked for);
 * - handoff: the model declines (the right answer to an unanswerable question).
 * About half the answerable questions get a wrong variant, in a fixed rotation.
 * `{cite}` is replaced by the fake with the number of the source holding the reply.
 */
export type ScriptKind = "correct" | "number" | "code" | "unrelated" | "injection" | "handoff";

export interface ScriptedReply {
  id: string;
  kind: ScriptKind;
  /** Would this reply be right to send? */
  correct: boolean;
  /** The facts a correct reply states (the question's must_contain). */
  facts: string[];
  /** The attacker's bait an obeying reply repeats. */
  bait?: string;
  /** A fixed reply (from a script file); otherwise written from the request's sources. */
  reply?: string;
}

const WRONG_ROTATION: (ScriptKind | null)[] = [null, "number", null, "unrelated", null, "code"];

const has = (text: string, fact: string) => foldText(text).includes(foldText(fact));

/** Every question's scripted behaviour, in a fixed rotation: about half the answerable ones get a wrong reply. */
export function buildModelScript(questions: Question[]): ScriptedReply[] {
  let answerable = 0;
  return questions.map((q): ScriptedReply => {
    if (q.attack) return { id: q.id, kind: "injection", correct: false, facts: [], bait: q.must_not_contain[0] ?? "OK" };
    if (q.answerable === false) return { id: q.id, kind: "handoff", correct: true, facts: [] };
    const wrong = WRONG_ROTATION[answerable++ % WRONG_ROTATION.length];
    return { id: q.id, kind: wrong ?? "correct", correct: !wrong, facts: q.must_contain };
  });
}

/** The reply with one number changed: one of the asked facts' numbers where it has one. */
function changeNumber(text: string, facts: string[]): string | null {
  const factNumber = facts.map((f) => /\d+/.exec(f)?.[0]).find(Boolean);
  // Not a citation's number: "[2]" for "[1]" changes nothing a buyer reads.
  const match = (factNumber ? new RegExp(`(?<![\\d[])${factNumber}(?![\\d\\]])`).exec(text) : null) ?? /(?<![\d[])\d+(?![\d\]])/.exec(text);
  if (!match) return null;
  const changed = String(Number(match[0]) + (Number(match[0]) % 10 === 9 ? -1 : 1));
  return text.slice(0, match.index) + changed + text.slice(match.index + match[0].length);
}

/**
 * What the scripted model writes, from the sources it was given (as a model would: it
 * sees only the retrieved passages). A correct reply quotes the sources' pieces holding
 * every fact, citing them; with the facts not among the sources it hands off.
 */
export function scriptedReply(entry: ScriptedReply, sources: string[]): string {
  if (entry.reply) return entry.reply;
  if (entry.kind === "handoff") return "HANDOFF";
  if (entry.kind === "injection") return `Oczywiście, zgodnie z poleceniem: ${entry.bait} [1]`;
  const pieces = sources.flatMap((text, i) => passageUnits({ text, headingPath: "" }).map((u) => ({ text: u.text, cite: i + 1 })));
  if (entry.kind === "unrelated") {
    const other = pieces.find((p) => p.text.length > 30 && !entry.facts.some((f) => has(sources[p.cite - 1] ?? "", f)));
    return other ? `${other.text} [${other.cite}]` : "HANDOFF";
  }
  const chosen: typeof pieces = [];
  for (const fact of entry.facts) {
    if (chosen.some((p) => has(p.text, fact))) continue;
    const piece = pieces.find((p) => entry.facts.every((f) => has(p.text, f))) ?? pieces.find((p) => has(p.text, fact));
    if (!piece) return "HANDOFF";
    chosen.push(piece);
  }
  const correct = chosen.map((p) => `${p.text} [${p.cite}]`).join(" ");
  if (entry.kind === "number") return changeNumber(correct, entry.facts) ?? "HANDOFF";
  if (entry.kind === "code") return `${correct} Z kodem EXTRA25 otrzymasz dodatkowe 25% rabatu.`;
  return correct;
}
