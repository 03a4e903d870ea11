-- Stable paragraph keys: locale files key paragraph translations by them, so a translation stays
-- with its paragraph when others are inserted, removed or moved. A key is "p-" and the first 8 hex
-- digits of the paragraph's text hash when it was first stored ("-2", "-3" for repeats in one article).
ALTER TABLE "Paragraph" ADD COLUMN "key" TEXT;
UPDATE "Paragraph" AS p
SET "key" = CASE WHEN k.n = 1 THEN k.base ELSE k.base || '-' || k.n END
FROM (
    SELECT "id", 'p-' || substr("textHash", 1, 8) AS base,
           row_number() OVER (PARTITION BY "articleId", substr("textHash", 1, 8) ORDER BY "position") AS n
    FROM "Paragraph"
) AS k
WHERE p."id" = k."id";
ALTER TABLE "Paragraph" ALTER COLUMN "key" SET NOT NULL;
CREATE UNIQUE INDEX "Paragraph_articleId_key_key" ON "Paragraph"("articleId", "key");

-- Review of entities: a rejected proposal is kept (never proposed again, never matched), and who
-- reviewed what, when. gazetteerHash records which version of a data/gazetteer.json entry was applied.
ALTER TABLE "Entity" ADD COLUMN "rejected" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Entity" ADD COLUMN "reviewedAt" TIMESTAMP(3);
ALTER TABLE "Entity" ADD COLUMN "reviewedBy" TEXT;
ALTER TABLE "Entity" ADD COLUMN "gazetteerHash" TEXT;

-- Who last wrote an article: "seed", "cli" or "admin" (the GraphQL API).
ALTER TABLE "Article" ADD COLUMN "updatedBy" TEXT;
