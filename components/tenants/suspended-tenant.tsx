import { CenteredPage } from "@/components/ui/centered-page";
import { getServerT } from "@/lib/i18n/server";

/** What a member of a suspended company sees instead of it: why, and that nothing is lost. */
export async function SuspendedTenant({ name, reason }: { name: string; reason: string }) {
  const { t } = await getServerT();
  return (
    <CenteredPage appName={t("app.name")}>
      <h1 className="text-xl font-semibold tracking-tight text-slate-900">{t("suspended.title")}</h1>
      <p className="mt-2 text-sm text-slate-600">{t("suspended.body", { name })}</p>
      <p className="mt-4 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("suspended.reason", { reason })}</p>
      <p className="mt-4 text-sm text-slate-600">{t("suspended.contact")}</p>
    </CenteredPage>
  );
}
