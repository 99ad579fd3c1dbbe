import { expect, test } from "@playwright/test";
import { en, expectCurrentTenant, hasChromium, newAccount, pl, SKIP_REASON, signIn, submitSignUp } from "./support";

test.skip(!hasChromium, SKIP_REASON);

const DEMO = { email: "demo@bok-ai.local", password: "demo1234" };

test("the demo seller signs in, meets a helpful 404 for a foreign company and switches the UI to English", async ({ page }) => {
  await test.step("a protected page sends a signed-out visitor to sign-in and back", async () => {
    await page.goto("/t/demo-shop/members");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Ft%2Fdemo-shop/);
    await signIn(page, DEMO.email, DEMO.password);
    await expect(page).toHaveURL("/t/demo-shop/inbox");
    await expectCurrentTenant(page, "Demo Shop");
  });

  await test.step("the platform owner sees the platform panel link", async () => {
    await expect(page.getByRole("link", { name: pl.nav.platform })).toBeVisible();
  });

  await test.step("an unknown company address shows the not-found page with a way back", async () => {
    await page.goto("/t/does-not-exist/inbox");
    await expect(page.getByRole("heading", { name: pl.notFound.title })).toBeVisible();
    await page.getByRole("link", { name: /Demo Shop/ }).click();
    await expect(page).toHaveURL("/t/demo-shop/inbox");
  });

  await test.step("choosing English in the user menu translates the navigation, and it sticks", async () => {
    const polishNav = page.getByRole("navigation", { name: pl.nav.mainNavigation });
    await expect(polishNav.getByRole("link", { name: pl.nav.inbox })).toBeVisible();
    await page.getByRole("button", { name: pl.nav.userMenu }).click();
    await page.getByRole("menuitem", { name: en.languages.en }).click();
    const englishNav = page.getByRole("navigation", { name: en.nav.mainNavigation });
    await expect(englishNav.getByRole("link", { name: en.nav.inbox })).toBeVisible();
    await expect(englishNav.getByRole("link", { name: en.nav.members })).toBeVisible();
    await page.reload();
    await expect(englishNav.getByRole("link", { name: en.nav.inbox })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });

  await test.step("the platform panel lists the demo company", async () => {
    await page.getByRole("link", { name: en.nav.platform }).click();
    await expect(page.getByRole("heading", { level: 1, name: en.platform.title })).toBeVisible();
    await expect(page.getByRole("cell", { name: "demo-shop", exact: true })).toBeVisible();
  });

  await test.step("back to Polish, as the other specs expect of the shared demo seller", async () => {
    await page.getByRole("button", { name: en.nav.userMenu }).click();
    await page.getByRole("menuitem", { name: pl.languages.pl }).click();
    await expect(page.getByRole("heading", { level: 1, name: pl.platform.title })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "pl");
  });
});

test("an English browser still gets Polish; a member's chosen language follows them to another browser", async ({ browser, baseURL }) => {
  const owner = newAccount("Sklep Języki");
  const first = await browser.newContext({ baseURL, locale: "en-US" });
  const second = await browser.newContext({ baseURL, locale: "en-US" });
  try {
    const page = await first.newPage();
    await page.goto("/sign-up");
    await expect(page.locator("html")).toHaveAttribute("lang", "pl");
    await submitSignUp(page, owner);
    await expect(page.getByRole("navigation", { name: pl.nav.mainNavigation }).getByRole("link", { name: pl.nav.inbox })).toBeVisible();
    await page.getByRole("button", { name: pl.nav.userMenu }).click();
    await page.getByRole("menuitem", { name: en.languages.en }).click();
    await expect(page.getByRole("navigation", { name: en.nav.mainNavigation }).getByRole("link", { name: en.nav.inbox })).toBeVisible();

    const elsewhere = await second.newPage();
    await elsewhere.goto("/sign-in");
    await expect(elsewhere.locator("html")).toHaveAttribute("lang", "pl");
    await signIn(elsewhere, owner.email, owner.password);
    await expect(elsewhere.getByRole("navigation", { name: en.nav.mainNavigation }).getByRole("link", { name: en.nav.inbox })).toBeVisible();
  } finally {
    await first.close();
    await second.close();
  }
});
