-- How replies in Polish address the buyer: "Państwo" (plural formal, the default so far),
-- "Pan/Pani" (singular formal) or "Ty" (informal). Read by both responders.
ALTER TABLE "ai_settings" ADD COLUMN "address" TEXT NOT NULL DEFAULT 'panstwo';
