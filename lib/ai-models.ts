/**
 * Default model names per provider and tier, used when neither the platform's
 * configuration nor a tenant's own settings name one. Shared by the server (which uses
 * them) and the AI page (which shows them as placeholders).
 */
export const CHAT_DEFAULTS = {
  openai: { fast: "gpt-4o-mini", smart: "gpt-4.1" },
  anthropic: { fast: "claude-haiku-4-5", smart: "claude-sonnet-4-5" },
  ollama: { fast: "llama3.2", smart: "llama3.1:8b" },
} as const;
