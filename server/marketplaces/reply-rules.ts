import type { ChannelKind } from "@/server/db/generated/client";

/**
 * Marketplace messaging rules every outgoing reply — the AI's or a person's — is checked
 * against before it is sent. Sellers lose accounts over these: Allegro forbids moving a
 * sale off the platform and repeating its own notifications and caps replies at 2,000
 * characters; Amazon forbids links, e-mail addresses, HTML and marketing in buyer
 * messages. What can be fixed safely (HTML markup) is fixed; anything else is named so
 * the reply is held as a draft (AI) or refused with the rule (a person).
 */
export type ReplyRule =
  | "tooLong"
  | "offPlatform"
  | "contactDetails"
  | "externalLink"
  | "notificationOnly"
  | "marketing";

export interface RuleCheck {
  text: string;
  /** What was changed automatically. */
  fixed: "htmlRemoved"[];
  violations: ReplyRule[];
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/u;
const PHONE = /(?:\+?\d[\s-]?){9,}/;
const URL = /\b(?:https?:\/\/|www\.)[^\s]+|\b[\p{L}\p{N}-]+\.(?:pl|com|de|eu|net|org|cz|sk|ro|shop|store)\b(?:\/[^\s]*)?/giu;
const OFF_PLATFORM = /poza allegro|poza platform|przelew(?:em)? bezpo[sś]redni|na (?:moje|nasze) konto|numer konta|whats ?app|telegram|messenger|napisz (?:do nas )?(?:na )?(?:maila|e-?mail)|zadzwo[nń]|outside (?:of )?(?:allegro|amazon)|pay (?:us )?directly/iu;
const NOTIFICATION =
  /^(?:(?:dzie[nń] dobry|witam|hello|hi)[,!.]?\s*)?(?:dzi[eę]kujemy za (?:zakup|zam[oó]wienie|wp[lł]at[eę]|p[lł]atno[sś][cć])|(?:twoje |pa[nń]stwa )?(?:zam[oó]wienie|paczka|przesy[lł]ka) zosta[lł]a? (?:wys[lł]an|nadan|op[lł]acon)\p{L}*|faktura (?:jest )?w za[lł][aą]czniku|potwierdzamy (?:otrzymanie|zaksi[eę]gowanie) (?:wp[lł]aty|p[lł]atno[sś]ci)|thank you for your (?:purchase|order))[^?]{0,160}$/iu;
const MARKETING = /promocj|wyprzeda[zż]|kup teraz|zapraszamy do (?:naszego )?sklepu|odwied[zź] (?:nasz|sklep)|nowo[sś]ci w sklepie|newsletter|kod rabatowy|\bsale\b|buy now|visit our (?:store|shop|website)|discount code|special offer|check out our/iu;

const ALLEGRO_MAX = 2000;

function stripHtml(text: string): string {
  return text
    .replace(/<\s*br\s*\/?>/gi, "\n")
    .replace(/<\/\s*(p|div|li|h[1-6])\s*>/gi, "\n")
    .replace(/<[^>]{1,200}>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Signature lines and the like are not notifications; judge the message body. */
function bodyOf(text: string): string {
  return text.replace(/\n+(?:pozdrawi\p{L}*|z powa[zż]aniem|best regards|regards|mit freundlichen)[\s\S]*$/iu, "").replace(/\s+/g, " ").trim();
}

export function checkReplyRules(kind: ChannelKind, input: string): RuleCheck {
  const fixed: RuleCheck["fixed"] = [];
  let text = input.replace(/\r\n/g, "\n").trim();
  if (/<\/?[a-z][^>]*>/i.test(text)) {
    text = stripHtml(text);
    fixed.push("htmlRemoved");
  }
  const violations = new Set<ReplyRule>();
  if (kind === "allegro") {
    if (text.length > ALLEGRO_MAX) violations.add("tooLong");
    if (OFF_PLATFORM.test(text)) violations.add("offPlatform");
    if (EMAIL.test(text) || PHONE.test(text.replace(/\b\d{2}-\d{3}\b/g, ""))) violations.add("contactDetails");
    for (const url of text.match(URL) ?? []) if (!/allegro\.pl/i.test(url)) violations.add("externalLink");
    if (NOTIFICATION.test(bodyOf(text))) violations.add("notificationOnly");
  }
  if (kind === "amazon") {
    if (EMAIL.test(text)) violations.add("contactDetails");
    if ((text.match(URL) ?? []).length) violations.add("externalLink");
    if (OFF_PLATFORM.test(text)) violations.add("offPlatform");
    if (MARKETING.test(text)) violations.add("marketing");
  }
  return { text, fixed, violations: [...violations] };
}
