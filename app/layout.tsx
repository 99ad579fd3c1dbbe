import type { Metadata } from "next";
import type { ReactNode } from "react";
import "@fontsource-variable/inter/wght.css";
import "./globals.css";
import { AppProviders } from "@/components/providers/app-providers";
import { getRequestLocale } from "@/lib/i18n/server";

export const metadata: Metadata = {
  title: { default: "BOK-AI", template: "%s · BOK-AI" },
  description: "Jedna skrzynka i odpowiedzi AI dla sprzedawców e-commerce",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getRequestLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen font-sans">
        <AppProviders locale={locale}>{children}</AppProviders>
      </body>
    </html>
  );
}
