import Link from "next/link";
import { currentUser, tenantsOf } from "@/app/_lib/session";
import { ButtonLink } from "@/components/ui/button";
import { CenteredPage } from "@/components/ui/centered-page";
import { CompassIcon } from "@/components/ui/icons";
import { RoleBadge } from "@/components/ui/role-badge";
import { getServerT } from "@/lib/i18n/server";
import { logger } from "@/lib/logger";

/** Unknown addresses and companies the user cannot see: explain, and offer where to go instead. */
export default async function NotFound() {
  const { t } = await getServerT();
  const user = await currentUser().catch(() => null);
  const tenants = user
    ? await tenantsOf(user.id).catch((error: unknown) => {
        logger.warn("not-found page could not list tenants", { error: error instanceof Error ? error.message : String(error) });
        return [];
      })
    : [];

  return (
    <CenteredPage appName={t("app.name")}>
      <CompassIcon className="mx-auto size-10 text-brand-500" />
      <p className="mt-3 text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-1 text-xl font-semibold tracking-tight text-slate-900">{t("notFound.title")}</h1>
      <p className="mt-2 text-sm text-slate-600">{t("notFound.body")}</p>
      {tenants.length > 0 && (
        <nav aria-labelledby="not-found-tenants" className="mt-6 text-left">
          <h2 id="not-found-tenants" className="mb-2 text-sm font-medium text-slate-800">
            {t("notFound.yourTenants")}
          </h2>
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200">
            {tenants.map((tenant) => (
              <li key={tenant.id}>
                <Link
                  href={`/t/${tenant.slug}/inbox`}
                  className="flex items-center justify-between gap-3 px-4 py-2.5 text-sm text-slate-800 hover:bg-slate-50"
                >
                  <span className="truncate font-medium">{tenant.name}</span>
                  <RoleBadge role={tenant.role} />
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {!user && (
        <ButtonLink href="/sign-in" fullWidth className="mt-6">
          {t("notFound.signIn")}
        </ButtonLink>
      )}
      {user && tenants.length === 0 && (
        <ButtonLink href="/tenants/new" fullWidth className="mt-6">
          {t("nav.newTenant")}
        </ButtonLink>
      )}
    </CenteredPage>
  );
}
