import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/app/_lib/session";
import { safeCallbackUrl } from "@/components/auth/callback-url";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { getServerT } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getServerT();
  return { title: t("auth.signUp") };
}

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl ?? "/");
  const email = typeof params.email === "string" ? params.email.slice(0, 254) : "";
  return <SignUpForm callbackUrl={callbackUrl} initialEmail={email} />;
}
