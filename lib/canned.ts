/** Variables a canned reply may use, e.g. "Dzień dobry {kupujacy}!" — Polish and English names alike. */
export const CANNED_VARIABLES = {
  buyer: ["kupujacy", "buyer"],
  shop: ["sklep", "shop"],
  agent: ["agent"],
  number: ["numer", "number"],
} as const;

export type CannedValues = Partial<Record<keyof typeof CANNED_VARIABLES, string>>;

/** Fills known {variables}; unknown ones stay visible so the seller notices before sending. */
export function renderCannedReply(body: string, values: CannedValues): string {
  return body.replace(/\{(\w+)\}/g, (match, name: string) => {
    const key = (Object.keys(CANNED_VARIABLES) as (keyof typeof CANNED_VARIABLES)[]).find((k) =>
      (CANNED_VARIABLES[k] as readonly string[]).includes(name.toLowerCase()),
    );
    const value = key ? values[key] : undefined;
    return value ?? match;
  });
}
