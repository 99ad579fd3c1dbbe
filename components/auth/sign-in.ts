import { signIn } from "next-auth/react";
import type { SIGN_IN_ERRORS } from "@/server/auth/next-auth";

// A type-only import: the server module must not be bundled into the browser, yet the
// code the server throws for a rate-limited sign-in stays checked against it.
const RATE_LIMITED: (typeof SIGN_IN_ERRORS)["rateLimited"] = "rate_limited";

export type SignInOutcome = "ok" | "rate_limited" | "invalid";

/** Credentials sign-in without next-auth's redirect, so the form can show what went wrong. */
export async function signInWithPassword(email: string, password: string): Promise<SignInOutcome> {
  const result = await signIn("credentials", { email, password, redirect: false });
  if (result && !result.error && result.ok) return "ok";
  return result?.error === RATE_LIMITED ? "rate_limited" : "invalid";
}
