-- Article pages (fetch_article sources) and near-duplicate story clusters.
ALTER TABLE articles
  ADD COLUMN canonical_url text,
  -- NULL: the feed's text is final; pending: the page must be fetched before extraction.
  ADD COLUMN fetch_state text CHECK (fetch_state IN ('pending', 'done', 'failed')),
  ADD COLUMN fetch_error text,
  -- MinHash signature of the text over word shingles (estimates Jaccard similarity),
  -- and its LSH band keys: texts sharing any band key are near-duplicate candidates,
  -- found through the GIN index in one lookup.
  ADD COLUMN minhash integer[],
  ADD COLUMN lsh integer[],
  -- The id of the first article of its near-duplicate cluster (itself when first).
  ADD COLUMN cluster_id bigint;

-- fastupdate off: with it, every lookup scans the pending list of recent inserts, and
-- under steady inserts that list made each lookup cost tens of milliseconds.
CREATE INDEX articles_lsh ON articles USING gin (lsh) WITH (fastupdate = off);
CREATE INDEX articles_cluster ON articles (cluster_id);
CREATE INDEX articles_pending_fetch ON articles (source_id, id) WHERE fetch_state = 'pending';
