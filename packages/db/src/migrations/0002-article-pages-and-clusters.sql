-- Article pages (fetch_article sources) and near-duplicate story clusters.
ALTER TABLE articles
  ADD COLUMN canonical_url text,
  -- NULL: the feed's text is final; pending: the page must be fetched before extraction.
  ADD COLUMN fetch_state text CHECK (fetch_state IN ('pending', 'done', 'failed')),
  ADD COLUMN fetch_error text,
  -- 64-bit SimHash of the text (signed), and its four 16-bit bands: two texts within
  -- 3 bits share at least one band exactly, so candidates come from an index lookup.
  ADD COLUMN simhash bigint,
  ADD COLUMN sh_b0 integer,
  ADD COLUMN sh_b1 integer,
  ADD COLUMN sh_b2 integer,
  ADD COLUMN sh_b3 integer,
  -- The id of the first article of its near-duplicate cluster (itself when first).
  ADD COLUMN cluster_id bigint;

CREATE INDEX articles_sh_b0 ON articles (sh_b0) WHERE simhash IS NOT NULL;
CREATE INDEX articles_sh_b1 ON articles (sh_b1) WHERE simhash IS NOT NULL;
CREATE INDEX articles_sh_b2 ON articles (sh_b2) WHERE simhash IS NOT NULL;
CREATE INDEX articles_sh_b3 ON articles (sh_b3) WHERE simhash IS NOT NULL;
CREATE INDEX articles_cluster ON articles (cluster_id);
CREATE INDEX articles_pending_fetch ON articles (source_id, id) WHERE fetch_state = 'pending';
