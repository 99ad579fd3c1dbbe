import { expect, test } from "@playwright/test";
import { hasChromium, pl, plText, SKIP_REASON, signIn } from "./support";

test.skip(!hasChromium, SKIP_REASON);

test("sign-up with an invalid email and a short password shows both field errors and stays put", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel(pl.auth.shopName).fill("Sklep z błędami");
  await page.getByLabel(pl.auth.name).fill("Jan Nowak");
  await page.getByLabel(pl.auth.email).fill("to-nie-jest-email");
  await page.getByLabel(pl.auth.password).fill("krotkie");
  await page.getByRole("button", { name: pl.auth.signUp, exact: true }).click();

  // Scoped to the form: Next.js keeps its own (empty) role=alert route announcer on every page.
  await expect(page.getByRole("form", { name: pl.auth.signUp }).getByRole("alert")).toContainText(pl.errors.validation);
  await expect(page.getByText(pl.validation.email)).toBeVisible();
  await expect(page.getByText(plText("validation.tooShort", { min: 8 }))).toBeVisible();
  await expect(page.getByLabel(pl.auth.email)).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel(pl.auth.password)).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel(pl.auth.shopName)).not.toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL("/sign-up");
});

test("sign-in with a wrong password says so without revealing which part was wrong", async ({ page }) => {
  await page.goto("/sign-in");
  await signIn(page, "demo@bok-ai.local", "not-the-password");
  await expect(page.getByRole("form", { name: pl.auth.signIn }).getByRole("alert")).toHaveText(pl.auth.invalidCredentials);
  await expect(page).toHaveURL("/sign-in");
});

test("a callbackUrl pointing to another site is ignored", async ({ page }) => {
  await page.goto("/sign-in?callbackUrl=%2F%2Fevil.example%2Fphish");
  await signIn(page, "demo@bok-ai.local", "demo1234");
  await expect(page).toHaveURL("/t/demo-shop/inbox");
});
