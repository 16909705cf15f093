package dev.grantex.passports;

import dev.grantex.budgets.Money;
import dev.grantex.keys.ServerDid;
import dev.grantex.passports.PassportViews.PassportCheck;
import dev.grantex.platform.json.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Checks a passport an agent presents (X-Grantex-Passport): its proof over exactly the content
 * presented, this server as issuer, a passport this server issued and has not revoked, its validity
 * period, and, when the request names them, the payment category and amount.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class PassportVerification {
    @PersistenceContext(unitName = "grantex")
    EntityManager em;

    @Inject
    PassportProof proof;

    @Inject
    ServerDid serverDid;

    @Inject
    Clock clock;

    /** A check failed: the message becomes the answer's error. */
    private static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    public PassportCheck check(String encoded, String category, JsonObject amount) {
        JsonObject credential;
        try {
            credential = Jsonp.strictObject(new String(Base64.getUrlDecoder().decode(encoded.trim()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | JsonException e) {
            return PassportCheck.invalid(null, "Not a passport: expected base64url of the credential JSON");
        }
        String id = Jsonp.text(credential.get("id"));
        try {
            Optional<String> problem = proof.problem(credential);
            if (problem.isPresent()) {
                throw new Refused(problem.get());
            }
            if (!serverDid.did().equals(Jsonp.text(credential.get("issuer")))) {
                throw new Refused("The passport was issued by another issuer");
            }
            AgentPassport stored = id == null ? null : em.find(AgentPassport.class, id);
            if (stored == null) {
                throw new Refused("This server issued no such passport");
            }
            if (stored.revoked()) {
                throw new Refused("The passport is revoked");
            }
            Instant now = clock.instant();
            if (now.isBefore(instant(credential, "validFrom")) || !now.isBefore(instant(credential, "validUntil"))) {
                throw new Refused("The passport is not valid at this time");
            }
            // Past the proof, the content is as this server wrote it, so its members are there.
            JsonObject subject = credential.getJsonObject("credentialSubject");
            List<String> categories = subject.getJsonArray("allowedMPPCategories").getValuesAs(Jsonp::text);
            JsonObject max = subject.getJsonObject("maxTransactionAmount");
            if (category != null && !categories.contains(category)) {
                throw new Refused("The passport does not allow the category " + category);
            }
            if (amount != null) {
                BigDecimal requested = Money.positive(amount.get("amount"), "amount.amount");
                String currency = PassportService.currency(amount.get("currency"));
                if (!currency.equals(Jsonp.text(max.get("currency")))
                        || requested.compareTo(max.getJsonNumber("amount").bigDecimalValue()) > 0) {
                    throw new Refused("The amount exceeds the passport's maxTransactionAmount");
                }
            }
            return new PassportCheck(true, id, Jsonp.text(subject.get("id")), Jsonp.text(subject.get("grantId")),
                    Jsonp.text(subject.get("humanPrincipal")), categories, max, Jsonp.text(credential.get("validUntil")), null);
        } catch (Refused refused) {
            return PassportCheck.invalid(id, refused.getMessage());
        }
    }

    private static Instant instant(JsonObject credential, String member) throws Refused {
        try {
            return Instant.parse(Jsonp.text(credential.get(member)));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new Refused("The passport's " + member + " is not a time");
        }
    }
}
