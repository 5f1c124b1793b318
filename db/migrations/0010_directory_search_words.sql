CREATE TABLE "directory_search_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE INDEX "directory_search_words_trgm_idx" ON "directory_search_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
-- Backfill from listings written before this table existed.
INSERT INTO "directory_search_words" ("word")
SELECT DISTINCT w.lexeme
FROM "directory_services" s, unnest(to_tsvector('simple', s."name" || ' ' || s."search_text")) AS w
WHERE length(w.lexeme) >= 3 AND w.lexeme !~ '[0-9]'
ON CONFLICT DO NOTHING;
