import { getServerT } from "@/lib/i18n/server";
import { Spinner } from "@/components/ui/spinner";

export default async function TenantLoading() {
  const { t } = await getServerT();
  return (
    <div role="status" className="space-y-6">
      <p className="flex items-center gap-2 text-sm text-slate-600">
        <Spinner /> {t("common.loading")}
      </p>
      <div aria-hidden="true" className="animate-pulse space-y-4">
        <div className="h-7 w-56 rounded-md bg-slate-200" />
        <div className="h-4 w-96 max-w-full rounded bg-slate-200" />
        <div className="h-48 rounded-xl bg-slate-200/70" />
      </div>
    </div>
  );
}
