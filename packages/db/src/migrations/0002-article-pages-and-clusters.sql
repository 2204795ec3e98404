-- Article pages (fetch_article sources) and near-duplicate story clusters.
ALTER TABLE articles
  ADD COLUMN canonical_url text,
  -- NULL: the feed's text is final; pending: the page must be fetched before extraction.
  ADD COLUMN fetch_state text CHECK (fetch_state IN ('pending', 'done', 'failed')),
  ADD COLUMN fetch_error text,
  -- MinHash signature of the text over word shingles (estimates Jaccard similarity).
  ADD COLUMN minhash integer[],
  -- The id of the first article of its near-duplicate cluster (itself when first).
  ADD COLUMN cluster_id bigint;

-- LSH band keys of each article's MinHash: texts sharing any key are near-duplicate
-- candidates. A plain btree side table: a GIN index on an array column either scans
-- its pending list on every lookup (fastupdate on) or makes every insert slow (off).
-- No foreign key and no second index: 16 rows per article are written on the hot path,
-- and a row left behind by a deleted article is harmless (lookups join articles).
CREATE TABLE article_bands (
  key         integer NOT NULL,
  article_id  bigint NOT NULL,
  PRIMARY KEY (key, article_id)
);

CREATE INDEX articles_cluster ON articles (cluster_id);
CREATE INDEX articles_pending_fetch ON articles (source_id, id) WHERE fetch_state = 'pending';
