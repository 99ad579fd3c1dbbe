import { existsSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import { messages, translate } from "../lib/i18n/messages";

export const CHROMIUM_PATH = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM_PATH);
export const SKIP_REASON = `${CHROMIUM_PATH} is not installed (apt-get install -y chromium)`;

/** The UI texts the specs look for, from the same dictionary the app renders. */
export const pl = messages.pl;
export const en = messages.en;
export const plText = (key: string, params?: Record<string, string | number>) => translate("pl", key, params);

/** Unique per run and per call, so specs never collide with data from an earlier test. */
export function uniqueId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export interface NewAccount {
  shopName: string;
  name: string;
  email: string;
  password: string;
}

export function newAccount(label: string): NewAccount {
  const id = uniqueId();
  return {
    shopName: `${label} ${id}`,
    name: `${label} Kowalska`,
    email: `${label.toLowerCase().replace(/[^a-z]+/g, "-")}-${id}@example.test`,
    password: `haslo-${id}`,
  };
}

/** Fills the sign-up form (the email may be prefilled from an invitation) and submits it. */
export async function submitSignUp(page: Page, account: NewAccount) {
  await page.getByLabel(pl.auth.shopName).fill(account.shopName);
  await page.getByLabel(pl.auth.name).fill(account.name);
  await page.getByLabel(pl.auth.email).fill(account.email);
  await page.getByLabel(pl.auth.password).fill(account.password);
  await page.getByRole("button", { name: pl.auth.signUp, exact: true }).click();
}

export async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel(pl.auth.email).fill(email);
  await page.getByLabel(pl.auth.password).fill(password);
  await page.getByRole("button", { name: pl.auth.signIn, exact: true }).click();
}

/** The slug of the /t/<slug>/… page the browser is on. */
export function slugOf(page: Page): string {
  const match = /^\/t\/([^/]+)\//.exec(new URL(page.url()).pathname);
  if (!match?.[1]) throw new Error(`not on a tenant page: ${page.url()}`);
  return match[1];
}

export async function expectCurrentTenant(page: Page, name: string) {
  await expect(page.getByTestId("current-tenant-name")).toHaveText(name);
}

export async function switchTenant(page: Page, tenantName: string) {
  await page.getByRole("button", { name: new RegExp(`^${pl.nav.switchTenant}`) }).click();
  await page.getByRole("menuitem", { name: tenantName }).click();
}
