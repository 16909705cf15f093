-- Passports from token exchange are named after their grant (urn:grantex:passport:token-exchange:grnt_…),
-- 67 characters, longer than the issued ones' URN with a ULID.
ALTER TABLE mpp_passports ALTER COLUMN id SET DATA TYPE VARCHAR(80);
ALTER TABLE mpp_passports ALTER COLUMN parent_passport_id SET DATA TYPE VARCHAR(80);
