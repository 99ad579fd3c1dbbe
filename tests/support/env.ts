import { resetEnvForTests } from "@/lib/env";

/**
 * Tests that switch configuration (a provider, a window, an allow-list) set variables
 * here and restore the environment afterwards; the app re-reads its validated config.
 */
const original = { ...process.env };

export function configureEnv(values: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvForTests();
}

export function restoreEnv(): void {
  process.env = { ...original };
  resetEnvForTests();
}
