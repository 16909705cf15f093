-- Columns that hold a value the server derives from what a client sent, sized for the longest
-- derivation of the longest value accepted (each overflowed with a 500 before).
-- Lower-cased keys: Java's lower-casing turns U+0130 into two characters, so a key can be twice as
-- long as the value it comes from (userName and displayName 256, an email address 320).
ALTER TABLE scim_users ALTER COLUMN user_name_key SET DATA TYPE VARCHAR(512);
ALTER TABLE scim_users ALTER COLUMN display_name_key SET DATA TYPE VARCHAR(512);
ALTER TABLE scim_user_emails ALTER COLUMN value_key SET DATA TYPE VARCHAR(640);
ALTER TABLE scim_groups ALTER COLUMN display_name_key SET DATA TYPE VARCHAR(512);
-- Sealed secrets: base64 of a 12-byte IV, the UTF-8 bytes (up to three per character) and a 16-byte
-- tag. SSO secrets of 4096 characters: 4 * ceil((3 * 4096 + 28) / 3) = 16424.
ALTER TABLE sso_configs ALTER COLUMN sealed_client_secret SET DATA TYPE VARCHAR(16424);
ALTER TABLE sso_connections ALTER COLUMN sealed_client_secret SET DATA TYPE VARCHAR(16424);
ALTER TABLE sso_connections ALTER COLUMN sealed_ldap_bind_password SET DATA TYPE VARCHAR(16424);
-- An alert channel's webhook secret of 128 characters, also copied onto its delivery rows:
-- 4 * ceil((3 * 128 + 28) / 3) = 552.
ALTER TABLE anomaly_channels ALTER COLUMN sealed_secret SET DATA TYPE VARCHAR(552);
ALTER TABLE webhook_deliveries ALTER COLUMN sealed_secret SET DATA TYPE VARCHAR(552);
