import { expect, test } from "@playwright/test";
import { hasChromium, newAccount, pl, SKIP_REASON, submitSignUp } from "./support";

test.skip(!hasChromium, SKIP_REASON);

test("a new seller sees the trial, the plan's limits with usage, and the price list", async ({ page }) => {
  await page.goto("/sign-up");
  await submitSignUp(page, newAccount("Sklep Ewy"));
  await expect(page).toHaveURL(/\/t\/[a-z0-9-]+\/inbox$/);

  await page.getByRole("navigation", { name: pl.nav.mainNavigation }).getByRole("link", { name: pl.nav.billing }).click();
  await expect(page.getByRole("heading", { name: pl.billing.current.title })).toBeVisible();
  await expect(page.getByText(pl.billing.trial.badge.replace("{days}", "14"))).toBeVisible();
  // The owner is the one seat used of the plan's three.
  await expect(page.getByRole("meter", { name: pl.billing.usage.seats })).toHaveAttribute("aria-valuenow", "1");
  await expect(page.getByRole("meter", { name: pl.billing.usage.seats })).toHaveAttribute("aria-valuemax", "3");
  const plans = page.getByRole("list").filter({ has: page.getByRole("heading", { name: "Pro" }) });
  await expect(plans.getByRole("heading", { name: "Start" })).toBeVisible();
  await expect(plans.getByText("39,00 zł")).toBeVisible();
  await expect(plans.getByText("89,00 zł")).toBeVisible();
});
