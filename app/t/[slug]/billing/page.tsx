import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { BillingPage } from "@/components/billing/billing-page";
import { getServerT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getServerT();
  return { title: t("nav.billing") };
}

export default async function Billing() {
  const { t } = await getServerT();
  return (
    <>
      <PageHeader title={t("nav.billing")} description={t("billing.intro")} />
      <BillingPage />
    </>
  );
}
