-- Strategy plans and their action items. A plan belongs to one response for now; the
-- community_id column lets a later migration give a community its shared plan.

CREATE TABLE plans (
  id           BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  response_id  BIGINT  REFERENCES responses (id) ON DELETE CASCADE,
  community_id BIGINT,  -- no foreign key until communities exist
  vision       TEXT    NOT NULL DEFAULT '',
  goals        TEXT    NOT NULL DEFAULT '',
  strategies   TEXT    NOT NULL DEFAULT '',
  created_at   BIGINT  NOT NULL,  -- unix seconds
  updated_at   BIGINT  NOT NULL,
  CONSTRAINT plan_owner CHECK ((response_id IS NULL) <> (community_id IS NULL))
);

CREATE UNIQUE INDEX plans_response ON plans (response_id);

CREATE TABLE plan_items (
  plan_id  BIGINT  NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,  -- 0-based order within the plan
  what     TEXT    NOT NULL,
  owner    TEXT    NOT NULL DEFAULT '',
  due      TEXT    NOT NULL DEFAULT ''
    CONSTRAINT plan_item_due
    CHECK (due = '' OR due ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  status   TEXT    NOT NULL DEFAULT 'todo'
    CONSTRAINT plan_item_status CHECK (status IN ('todo', 'doing', 'done', 'dropped')),
  source   TEXT    NOT NULL DEFAULT '',  -- question id the item was suggested from
  PRIMARY KEY (plan_id, position)
);
