import { createRateLimiter, type RateLimiter } from "@/server/infra/rate-limit";

let limiters: { perEmail: RateLimiter; perIp: RateLimiter; passwordChange: RateLimiter } | undefined;

/**
 * 10 attempts per email and 50 per IP address in any 15 minutes; 10 password changes per
 * signed-in user (a stolen session must not become a guessing oracle for the password).
 */
export function signInLimiters() {
  limiters ??= {
    perEmail: createRateLimiter({ prefix: "signin:email", tokens: 10, window: "15 m" }),
    perIp: createRateLimiter({ prefix: "signin:ip", tokens: 50, window: "15 m" }),
    passwordChange: createRateLimiter({ prefix: "password:change", tokens: 10, window: "15 m" }),
  };
  return limiters;
}

export function resetSignInLimitersForTests() {
  limiters = undefined;
}
