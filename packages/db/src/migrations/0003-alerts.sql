-- The alert outbox: one row per match and channel, written in the transaction that
-- stores the match, so an alert is never lost between storing and sending.
CREATE TABLE alerts (
  id          bigserial PRIMARY KEY,
  match_id    bigint NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
  channel_id  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  sent_at     timestamptz,
  attempts    integer NOT NULL DEFAULT 0,
  last_error  text,
  UNIQUE (match_id, channel_id)
);
CREATE INDEX alerts_unsent ON alerts (channel_id, id) WHERE sent_at IS NULL;

-- The last digest period claimed per channel: several schedulers claim each period once.
CREATE TABLE alert_digests (
  channel_id  text PRIMARY KEY,
  last_slot   bigint NOT NULL
);
