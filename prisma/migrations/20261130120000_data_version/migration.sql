-- The data version: one row whose value goes up by one with every committed transaction that
-- changes articles, paragraphs, mentions or entities, however it was written (the server, a CLI,
-- psql). The new value is announced on the channel "pgdesk_data" when the transaction commits.
-- Response caches put the version in their keys, so a change makes every older entry unreachable
-- on every replica. The epoch is random per database, so that caches shared by several databases
-- (one Redis for two deployments, or a database dropped and made again) never mix their entries.
CREATE TABLE "DataVersion" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "value" INTEGER NOT NULL DEFAULT 0,
    "epoch" TEXT NOT NULL,
    CONSTRAINT "DataVersion_pkey" PRIMARY KEY ("id")
);
INSERT INTO "DataVersion" ("id", "value", "epoch") VALUES (1, 0, md5(random()::text || clock_timestamp()::text));

-- Runs at commit (a deferred constraint trigger), once per transaction: the row lock is taken when
-- all other work is done, so writers cannot deadlock on it, and values rise in commit order.
CREATE FUNCTION "pgdesk_bump_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v INTEGER;
BEGIN
    IF current_setting('pgdesk.data_version_txid', true) = txid_current()::text THEN
        RETURN NULL;
    END IF;
    PERFORM set_config('pgdesk.data_version_txid', txid_current()::text, true);
    INSERT INTO "DataVersion" ("id", "value", "epoch") VALUES (1, 1, md5(random()::text || clock_timestamp()::text))
        ON CONFLICT ("id") DO UPDATE SET "value" = "DataVersion"."value" + 1
        RETURNING "value" INTO v;
    PERFORM pg_notify('pgdesk_data', v::text);
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER "Article_data_version" AFTER INSERT OR UPDATE OR DELETE ON "Article"
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "pgdesk_bump_data_version"();
CREATE CONSTRAINT TRIGGER "Paragraph_data_version" AFTER INSERT OR UPDATE OR DELETE ON "Paragraph"
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "pgdesk_bump_data_version"();
CREATE CONSTRAINT TRIGGER "Mention_data_version" AFTER INSERT OR UPDATE OR DELETE ON "Mention"
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "pgdesk_bump_data_version"();
CREATE CONSTRAINT TRIGGER "Entity_data_version" AFTER INSERT OR UPDATE OR DELETE ON "Entity"
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "pgdesk_bump_data_version"();
CREATE CONSTRAINT TRIGGER "ArticleEntity_data_version" AFTER INSERT OR UPDATE OR DELETE ON "ArticleEntity"
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "pgdesk_bump_data_version"();

-- TRUNCATE has no rows, so it is counted by plain statement triggers.
CREATE TRIGGER "Article_data_version_truncate" AFTER TRUNCATE ON "Article"
    FOR EACH STATEMENT EXECUTE FUNCTION "pgdesk_bump_data_version"();
CREATE TRIGGER "Paragraph_data_version_truncate" AFTER TRUNCATE ON "Paragraph"
    FOR EACH STATEMENT EXECUTE FUNCTION "pgdesk_bump_data_version"();
CREATE TRIGGER "Mention_data_version_truncate" AFTER TRUNCATE ON "Mention"
    FOR EACH STATEMENT EXECUTE FUNCTION "pgdesk_bump_data_version"();
CREATE TRIGGER "Entity_data_version_truncate" AFTER TRUNCATE ON "Entity"
    FOR EACH STATEMENT EXECUTE FUNCTION "pgdesk_bump_data_version"();
CREATE TRIGGER "ArticleEntity_data_version_truncate" AFTER TRUNCATE ON "ArticleEntity"
    FOR EACH STATEMENT EXECUTE FUNCTION "pgdesk_bump_data_version"();
