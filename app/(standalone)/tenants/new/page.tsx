import type { Metadata } from "next";
import { requireUser, tenantsOf } from "@/app/_lib/session";
import { Alert } from "@/components/ui/alert";
import { CreateTenantForm } from "@/components/tenants/create-tenant-form";
import { PageHeader } from "@/components/ui/card";
import { getServerT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getServerT();
  return { title: t("tenants.createTitle") };
}

export default async function NewTenantPage() {
  const [user, { t }] = await Promise.all([requireUser("/tenants/new"), getServerT()]);
  const tenants = await tenantsOf(user.id);
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title={t("tenants.createTitle")} description={t("tenants.createIntro")} />
      {tenants.length === 0 && (
        <Alert tone="info" className="mb-6">
          {t("tenants.noTenants")}
        </Alert>
      )}
      <CreateTenantForm />
    </div>
  );
}
