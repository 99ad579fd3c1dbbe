import { expect, test } from "@playwright/test";
import { expectCurrentTenant, hasChromium, newAccount, pl, SKIP_REASON, slugOf, submitSignUp, uniqueId } from "./support";

test.skip(!hasChromium, SKIP_REASON);

test("an owner renames the company and changes its address; the URL follows the new slug", async ({ page }) => {
  const owner = newAccount("Sklep Celiny");
  await page.goto("/sign-up");
  await submitSignUp(page, owner);
  await expect(page).toHaveURL(/\/t\/[a-z0-9-]+\/inbox$/);
  const oldSlug = slugOf(page);

  await page.getByRole("navigation", { name: pl.nav.mainNavigation }).getByRole("link", { name: pl.nav.settings }).click();
  await expect(page.getByLabel(pl.tenants.slug)).toHaveValue(oldSlug);

  const newSlug = `celina-${uniqueId()}`;
  const newName = `Celina i Syn ${uniqueId()}`;
  await page.getByLabel(pl.tenants.name).fill(newName);
  await page.getByLabel(pl.tenants.slug).fill(newSlug);
  await page.getByLabel(pl.tenants.timezone).selectOption("Europe/Berlin");
  await page.getByRole("button", { name: pl.common.save, exact: true }).click();

  await expect(page).toHaveURL(`/t/${newSlug}/settings`);
  await expectCurrentTenant(page, newName);
  await expect(page.getByLabel(pl.tenants.timezone)).toHaveValue("Europe/Berlin");

  await page.goto(`/t/${oldSlug}/inbox`);
  await expect(page.getByRole("heading", { name: pl.notFound.title })).toBeVisible();
});

test("an invalid company address is rejected next to the field", async ({ page }) => {
  const owner = newAccount("Sklep Dominiki");
  await page.goto("/sign-up");
  await submitSignUp(page, owner);
  await expect(page).toHaveURL(/\/t\/[a-z0-9-]+\/inbox$/);
  const slug = slugOf(page);

  await page.goto(`/t/${slug}/settings`);
  await page.getByLabel(pl.tenants.slug).fill("-Zły adres-");
  await page.getByRole("button", { name: pl.common.save, exact: true }).click();
  await expect(page.getByText(pl.validation.slug)).toBeVisible();
  await expect(page).toHaveURL(`/t/${slug}/settings`);
});
