-- Sources as configured, plus what Tumen learned polling them (validators and health).
CREATE TABLE sources (
  id                   text PRIMARY KEY,
  name                 text NOT NULL,
  url                  text NOT NULL,
  kind                 text NOT NULL CHECK (kind IN ('feed', 'html')),
  enabled              boolean NOT NULL DEFAULT true,
  etag                 text,
  last_modified        text,
  last_attempt_at      timestamptz,
  last_success_at      timestamptz,
  last_status          integer,
  last_outcome         text,
  last_error           text,
  consecutive_failures integer NOT NULL DEFAULT 0,
  next_check_at        timestamptz,
  updated_at           timestamptz NOT NULL DEFAULT now()
);

-- One row per source and item; item_key is the item's guid, else its canonical link.
CREATE TABLE articles (
  id            bigserial PRIMARY KEY,
  source_id     text NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
  item_key      text NOT NULL,
  url           text,
  title         text NOT NULL,
  body          text NOT NULL,
  author        text,
  published_at  timestamptz,
  fetched_at    timestamptz NOT NULL DEFAULT now(),
  content_hash  text NOT NULL,
  -- Set when the article's matches are stored; NULL rows are still owed an extraction,
  -- which makes a poll that crashed between insert and enqueue recoverable.
  extracted_at  timestamptz,
  watchlist_version text,
  UNIQUE (source_id, item_key)
);
CREATE INDEX articles_pending_extract ON articles (source_id, id) WHERE extracted_at IS NULL;
CREATE INDEX articles_published ON articles (published_at DESC NULLS LAST, id DESC);

-- One row per article and watchlist target (entity or story), with its evidence.
CREATE TABLE matches (
  id           bigserial PRIMARY KEY,
  article_id   bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  target_id    text NOT NULL,
  target_type  text NOT NULL,
  target_name  text NOT NULL,
  evidence     jsonb NOT NULL,
  status       text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'read', 'starred', 'dismissed')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (article_id, target_id)
);
-- The inbox: newest matches of a status first.
CREATE INDEX matches_status_newest ON matches (status, created_at DESC, id DESC);
CREATE INDEX matches_newest ON matches (created_at DESC, id DESC);
CREATE INDEX matches_target ON matches (target_id, created_at DESC);
