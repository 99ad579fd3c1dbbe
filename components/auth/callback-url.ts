/**
 * Only same-origin relative paths are followed after sign-in, so a crafted link
 * cannot send a freshly signed-in user to another site ("//evil", "/\evil", "https:…").
 */
export function safeCallbackUrl(value: string | string[] | null | undefined): string | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return null;
  if (/[\u0000-\u001f]/.test(raw)) return null;
  return raw;
}

export function withCallbackUrl(path: "/sign-in" | "/sign-up", callbackUrl: string | null, extra: Record<string, string> = {}) {
  const params = new URLSearchParams(extra);
  if (callbackUrl) params.set("callbackUrl", callbackUrl);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
