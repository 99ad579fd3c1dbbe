import { PlaceholderPage, placeholderMetadata } from "@/components/shell/placeholder-page";

export const generateMetadata = () => placeholderMetadata("billing");

export default function BillingPage() {
  return <PlaceholderPage section="billing" />;
}
