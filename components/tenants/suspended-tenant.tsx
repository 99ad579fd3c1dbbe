import Link from "next/link";
import { Card } from "@/components/ui/card";
import { LogoMark } from "@/components/ui/icons";
import { getServerT } from "@/lib/i18n/server";

/** What a member of a suspended company sees instead of it: why, and that nothing is lost. */
export async function SuspendedTenant({ name, reason }: { name: string; reason: string }) {
  const { t } = await getServerT();
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col justify-center gap-6 px-4">
      <Link href="/" className="flex items-center gap-2 text-base font-semibold text-slate-900">
        <LogoMark className="size-7" />
        {t("app.name")}
      </Link>
      <Card className="space-y-3 p-6">
        <h1 className="text-lg font-semibold text-slate-900">{t("suspended.title")}</h1>
        <p className="text-sm text-slate-700">{t("suspended.body", { name })}</p>
        <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("suspended.reason", { reason })}</p>
        <p className="text-sm text-slate-600">{t("suspended.contact")}</p>
      </Card>
    </main>
  );
}
