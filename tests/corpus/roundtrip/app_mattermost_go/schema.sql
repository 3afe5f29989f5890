-- Mattermost's Go (morph) migrations: CREATE TABLE IF NOT EXISTS with VARCHAR(26) ids, bigint millisecond timestamps, jsonb props, enum types created in DO blocks guarded by pg_type lookups, GIN to_tsvector('english', ...) full-text expression indexes, a partial index on deleteat = 0, db_migrations, columns added later with ADD COLUMN IF NOT EXISTS, a varchar widened from 64 to 256.
CREATE TABLE IF NOT EXISTS db_migrations (version bigint NOT NULL, name varchar NOT NULL, PRIMARY KEY (version));
DO $$
BEGIN
  IF NOT EXISTS (SELECT * FROM pg_type typ INNER JOIN pg_namespace nsp ON nsp.oid = typ.typnamespace WHERE nsp.nspname = current_schema() AND typ.typname = 'channel_type') THEN
    CREATE TYPE channel_type AS ENUM ('P', 'G', 'O', 'D');
  END IF;
END $$ LANGUAGE plpgsql;
CREATE TABLE IF NOT EXISTS users (id VARCHAR(26) PRIMARY KEY, createat bigint, updateat bigint, deleteat bigint, username VARCHAR(64) UNIQUE, password VARCHAR(128), authdata VARCHAR(128), authservice VARCHAR(32), email VARCHAR(128) UNIQUE, emailverified boolean, nickname VARCHAR(64), firstname VARCHAR(64), lastname VARCHAR(64), roles VARCHAR(64), allowmarketing boolean, props jsonb, notifyprops jsonb, lastpasswordupdate bigint, lastpictureupdate bigint, failedattempts integer, locale VARCHAR(5), mfaactive boolean, mfasecret VARCHAR(128), UNIQUE(authdata));
ALTER TABLE users ALTER COLUMN roles TYPE VARCHAR(256);
ALTER TABLE users ADD COLUMN IF NOT EXISTS remoteid VARCHAR(26) DEFAULT NULL;
ALTER TABLE users ADD COLUMN IF NOT EXISTS lastlogin bigint NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS idx_users_update_at ON users (updateat);
CREATE INDEX IF NOT EXISTS idx_users_create_at ON users (createat);
CREATE INDEX IF NOT EXISTS idx_users_delete_at ON users (deleteat);
CREATE INDEX IF NOT EXISTS idx_users_all_txt ON users USING gin(to_tsvector('english', username || ' ' || nickname || ' ' || firstname || ' ' || lastname || ' ' || email));
CREATE INDEX IF NOT EXISTS idx_users_names_no_full_name_txt ON users USING gin(to_tsvector('english', username || ' ' || nickname || ' ' || email));
CREATE TABLE IF NOT EXISTS channels (id varchar(26) PRIMARY KEY, createat bigint, updateat bigint, deleteat bigint, teamid varchar(26), type channel_type, displayname varchar(64), name varchar(64), header varchar(1024), purpose varchar(250), lastpostat bigint, totalmsgcount bigint, creatorid varchar(26), shared boolean, totalmsgcountroot bigint, lastrootpostat bigint DEFAULT '0'::bigint, UNIQUE(name, teamid));
CREATE INDEX IF NOT EXISTS idx_channels_team_id_display_name ON channels(teamid, displayname);
CREATE INDEX IF NOT EXISTS idx_channels_team_id_type ON channels(teamid, type);
CREATE INDEX IF NOT EXISTS idx_channel_search_txt ON channels USING gin(to_tsvector('english', name || ' ' || displayname || ' ' || purpose));
CREATE TABLE IF NOT EXISTS posts (id VARCHAR(26) PRIMARY KEY, createat bigint, updateat bigint, editat bigint, deleteat bigint, ispinned boolean, userid VARCHAR(26), channelid VARCHAR(26), rootid VARCHAR(26), originalid VARCHAR(26), message VARCHAR(65535), type VARCHAR(26), props jsonb, hashtags VARCHAR(1000), filenames VARCHAR(4000), fileids VARCHAR(300), hasreactions boolean, remoteid VARCHAR(26));
CREATE INDEX IF NOT EXISTS idx_posts_channel_id_update_at ON posts(channelid, updateat);
CREATE INDEX IF NOT EXISTS idx_posts_channel_id_delete_at_create_at ON posts(channelid, deleteat, createat);
CREATE INDEX IF NOT EXISTS idx_posts_root_id_delete_at ON posts(rootid, deleteat);
CREATE INDEX IF NOT EXISTS idx_posts_message_txt ON posts USING gin(to_tsvector('english', message));
CREATE INDEX IF NOT EXISTS idx_posts_hashtags_txt ON posts USING gin(to_tsvector('english', hashtags));
CREATE INDEX IF NOT EXISTS idx_posts_create_at_id ON posts(createat, id) WHERE deleteat = 0;
CREATE TABLE IF NOT EXISTS channelmembers (channelid VARCHAR(26) NOT NULL, userid VARCHAR(26) NOT NULL, roles VARCHAR(64), lastviewedat bigint, msgcount bigint, mentioncount bigint, notifyprops jsonb, lastupdateat bigint, schemeuser boolean, schemeadmin boolean, PRIMARY KEY (channelid, userid));
CREATE INDEX IF NOT EXISTS idx_channelmembers_user_id_channel_id_last_viewed_at ON channelmembers (userid, channelid, lastviewedat);
CREATE INDEX IF NOT EXISTS idx_channelmembers_channel_id_scheme_guest_user_id ON channelmembers (channelid, schemeuser, userid);
