import { z } from "zod";
import { ZEmail } from "@/server/auth/schemas";

/** Kept in step with the CHECK constraint tenants_slug_format in the migration. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,46}[a-z0-9])$/;

export const ZTenantSlug = z
  .string()
  .trim()
  .toLowerCase()
  .max(48, { message: "validation.slug" })
  .regex(SLUG_PATTERN, { message: "validation.slug" })
  .describe("URL address of the company: /t/<slug>");

export const ZTenantName = z
  .string()
  .trim()
  .min(1, { message: "validation.required" })
  .max(80, { message: "validation.tooLong" })
  .describe("Company or shop name shown to the team");

/** Languages a seller can pick as the default for replies; buyers may still write in any. */
export const REPLY_LANGUAGES = ["pl", "en", "de", "cs", "sk", "uk", "ro", "hu", "fr", "it", "es"] as const;
export const ZReplyLanguage = z.enum(REPLY_LANGUAGES).describe("Default reply language (ISO 639-1)");

const knownTimeZones = new Set(Intl.supportedValuesOf("timeZone"));
export const ZTimezone = z
  .string()
  .refine((tz) => knownTimeZones.has(tz) || tz === "UTC", { message: "validation.timezone" })
  .describe("IANA time zone, e.g. Europe/Warsaw");

export const ZRole = z.enum(["owner", "admin", "member"]);

export const ZTenantScopedInput = z.object({ tenantSlug: ZTenantSlug });

export const ZCreateTenantInput = z.object({ name: ZTenantName, slug: ZTenantSlug.optional() });

export const ZUpdateTenantSettingsInput = z.object({
  name: ZTenantName.optional(),
  slug: ZTenantSlug.optional(),
  defaultLanguage: ZReplyLanguage.optional(),
  timezone: ZTimezone.optional(),
});

export const ZInviteInput = z.object({ email: ZEmail, role: ZRole.default("member") });
export const ZMembershipIdInput = z.object({ membershipId: z.uuid() });
export const ZChangeRoleInput = z.object({ membershipId: z.uuid(), role: ZRole });
export const ZInvitationIdInput = z.object({ invitationId: z.uuid() });
export const ZInvitationTokenInput = z.object({ token: z.string().min(20).max(100) });
