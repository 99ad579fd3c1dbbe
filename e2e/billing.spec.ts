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
  // The 30-day chart is drawn (Recharts' SVG) with its text summary for screen readers.
  const chart = page.getByRole("img", { name: pl.billing.chart.title });
  await expect(chart.locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
  await expect(page.getByText(pl.billing.chart.summary.replace("{messages}", "0").replace("{replies}", "0"))).toBeAttached();
  await page.screenshot({ path: test.info().outputPath("billing-page.png"), fullPage: true });
});

test("an owner buys a plan on Stripe's hosted Checkout and comes back to an active subscription", async ({ page }) => {
  await page.goto("/sign-up");
  await submitSignUp(page, newAccount("Sklep Oli"));
  await expect(page).toHaveURL(/\/t\/[a-z0-9-]+\/inbox$/);
  // The trial's end is announced on every page while Stripe is configured.
  const banner = page.getByRole("status").filter({ hasText: pl.billing.banner.trial.split("{date}")[0]! });
  await expect(banner).toBeVisible();

  await banner.getByRole("link", { name: pl.billing.banner.action }).click();
  await expect(page.getByRole("heading", { name: pl.billing.subscription.title })).toBeVisible();
  await page.getByRole("radio", { name: pl.billing.plans.yearlyToggle }).click();
  await page.getByRole("button", { name: pl.billing.plans.choose.replace("{plan}", "Start") }).click();

  // Stripe's page (the fake's), then back with the webhook already applied.
  await expect(page.getByRole("heading", { name: "Checkout" })).toBeVisible();
  await expect(page.getByText("price_start_year")).toBeVisible();
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page).toHaveURL(/\/billing\?checkout=success$/);
  await expect(page.getByText(pl.billing.subscription.checkoutSuccess)).toBeVisible();
  await expect(page.getByText(pl.billing.subscription.status.active, { exact: true })).toBeVisible();
  await expect(page.getByText(pl.billing.plans.current, { exact: true })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: pl.billing.banner.trial.split("{date}")[0]! })).toHaveCount(0);

  await page.getByRole("button", { name: pl.billing.subscription.manage }).click();
  await expect(page.getByRole("heading", { name: "Customer portal" })).toBeVisible();
  await page.getByRole("link", { name: "Return to BOK-AI" }).click();
  await expect(page.getByRole("heading", { name: pl.billing.subscription.title })).toBeVisible();
});
