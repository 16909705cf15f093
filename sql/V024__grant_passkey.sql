-- Which passkey, if any, verified the principal at consent: kept on the request until the exchange,
-- then on the grant (and passed on to the grants delegated from it), as evidence of the consent.
ALTER TABLE auth_requests ADD COLUMN fido_credential_id VARCHAR(40);
ALTER TABLE grants ADD COLUMN fido_verified BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE grants ADD COLUMN fido_credential_id VARCHAR(40);
