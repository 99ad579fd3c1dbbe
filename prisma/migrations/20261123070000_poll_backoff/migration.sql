-- A marketplace that answered 429 with Retry-After is left alone until then: the
-- per-minute fan-out skips the account, not just the one job's retry.
ALTER TABLE "channel_accounts" ADD COLUMN "poll_not_before" TIMESTAMPTZ(3);
