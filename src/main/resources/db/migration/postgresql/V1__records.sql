-- What the editors' loop keeps: declines, unsure answers and readers' votes. Questions are stored redacted
-- (as in the logs) and conversations only as a keyed hash.
CREATE TABLE records (
  id BIGSERIAL PRIMARY KEY,
  kind TEXT NOT NULL,            -- fallback | low_confidence | feedback
  at_millis BIGINT NOT NULL,    -- when, in milliseconds since 1970 (UTC)
  channel TEXT NOT NULL,         -- http | ws | slack
  page_career TEXT,              -- the job page's career, when the question came from one
  intent TEXT,
  confidence DOUBLE PRECISION,
  matched TEXT,                  -- ids of what matched, comma-separated
  question TEXT,                 -- redacted
  answer_id TEXT,
  conversation TEXT,             -- keyed hash of the session id
  helpful SMALLINT,              -- feedback: 1 or 0
  comment TEXT                   -- feedback: redacted
);
CREATE INDEX records_at ON records (at_millis);
CREATE INDEX records_kind_at ON records (kind, at_millis);

-- One row: the key of the conversation hashes, shared by every instance writing to this store.
CREATE TABLE store_key (id INTEGER PRIMARY KEY CHECK (id = 1), hash_key TEXT NOT NULL);
