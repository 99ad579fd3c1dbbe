import sanitizeHtml from "sanitize-html";

/**
 * Rich buyer messages (e-mail-like HTML some platforms deliver) are kept as HTML for
 * display, but only after an allowlist sanitiser: no scripts, styles, event handlers,
 * forms or images (tracking pixels), links only to http(s)/mailto and opened safely.
 * The messages.html column only ever holds this function's output.
 */
const MAX_HTML = 100_000;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "b", "strong", "i", "em", "u", "s", "ul", "ol", "li", "blockquote", "a", "h1", "h2", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "span", "div", "hr", "pre", "code"],
  // rel and target are the ones transformTags sets; anything the sender wrote is replaced.
  allowedAttributes: { a: ["href", "rel", "target"], td: ["colspan", "rowspan"], th: ["colspan", "rowspan"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "nofollow noopener noreferrer", target: "_blank" }) },
};

export function sanitizeMessageHtml(html: string): string {
  return sanitizeHtml(html.slice(0, MAX_HTML), OPTIONS).trim();
}

/** The words of an HTML message, for search, previews and the AI engine when no plain text came with it. */
export function htmlToText(html: string): string {
  const withBreaks = html.slice(0, MAX_HTML).replace(/<(br|\/p|\/div|\/li|\/h\d|\/tr)\b[^>]*>/gi, "\n");
  return sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;|\u00a0/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
