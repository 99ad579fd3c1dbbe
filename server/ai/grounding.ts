import { foldText } from "@/lib/text/fold";

/**
 * Checks that the reply states no number, amount, code or contact the evidence does not
 * contain. Models (and prompt injections) go wrong in exactly these details: a 90 %
 * discount, a code "RABAT50", 60 days instead of 30. Any such token missing from the
 * sources, the order data and the buyer's own words holds the reply for review.
 */
const FACT_TOKENS = /\b\d+(?:[.,]\d+)?\s?(?:%|zł|zl|pln|eur|€|usd|\$|dni|days?|tage?|dn[ií]|h|godz\p{L}*)?|\b(?=\p{L}*\d)(?=\d*\p{L})[\p{L}\d]{5,}\b/giu;

function normalise(token: string): string {
  return foldText(token).replace(/\s+/g, "").replace(",", ".");
}

/** Digit groups joined ("+48 61 624 18 90" → +48616241890), decimal commas as points: both sides alike. */
const joinDigits = (text: string) => text.replace(/(\d)[ \t\u00a0]+(?=\d)/g, "$1");

export function unsupportedFacts(reply: string, evidence: string[]): string[] {
  const haystack = evidence.map((e) => joinDigits(foldText(e)).replace(/(\d),(\d)/g, "$1.$2")).join("\n");
  const missing = new Set<string>();
  // A phone or account number is one fact, not five numbers none of which stands alone in the sources.
  for (const match of joinDigits(reply).matchAll(FACT_TOKENS)) {
    const token = match[0].trim();
    const number = /\d+(?:[.,]\d+)?/.exec(token)?.[0];
    const probe = number && /^\d/.test(token) ? normalise(number) : normalise(token);
    const escaped = probe.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    // Whole numbers only: "30" is not supported by "300".
    if (!new RegExp(`(?:^|[^\\p{L}\\d.])${escaped}(?![\\d]|\\.\\d)`, "u").test(haystack)) missing.add(token);
  }
  return [...missing];
}
