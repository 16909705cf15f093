-- Where a developer's anomaly alerts go: a webhook (signed, the event envelope), a Slack incoming
-- webhook, or email addresses. target is the URL (mailto: for email); the signing secret is sealed.
CREATE TABLE anomaly_channels (
  id            VARCHAR(40)   NOT NULL PRIMARY KEY,
  developer_id  VARCHAR(40)   NOT NULL REFERENCES developers (id),
  type          VARCHAR(16)   NOT NULL,
  name          VARCHAR(256)  NOT NULL,
  target        VARCHAR(2048) NOT NULL,
  sealed_secret VARCHAR(256)  NOT NULL,
  severities    VARCHAR(128)  NOT NULL,
  enabled       BOOLEAN       NOT NULL,
  created_at    BIGINT        NOT NULL
);
CREATE INDEX anomaly_channels_developer_ix ON anomaly_channels (developer_id, created_at);

-- The channels a custom rule's findings go to (a JSON array of channel ids; empty: by severity).
ALTER TABLE anomaly_rules ADD COLUMN alert_channels VARCHAR(1024) DEFAULT '[]' NOT NULL;

-- A delivery to something other than a developer's webhook (an alert channel) carries its sealed
-- signing secret; a webhook's deliveries read the webhook's, so a deleted webhook's are not sent.
ALTER TABLE webhook_deliveries ADD COLUMN sealed_secret VARCHAR(256);
