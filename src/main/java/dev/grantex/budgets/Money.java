package dev.grantex.budgets;

import dev.grantex.platform.errors.ApiException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Budget amounts: exact decimals of at most four places that fit NUMERIC(18,4), never floating point.
 * They are read from a JSON number or a decimal string and written as strings with four places.
 */
public final class Money {
    static final int SCALE = 4;
    static final BigDecimal MAX = new BigDecimal("99999999999999.9999");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");
    private static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{3}");

    private Money() {
    }

    /** A positive amount of at most four decimal places, or 400 naming the field. */
    public static BigDecimal positive(JsonValue value, String field) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw ApiException.badRequest("'" + field + "' is required: a positive amount with at most 4 decimal places");
        }
        BigDecimal amount;
        if (value instanceof JsonNumber number) {
            amount = number.bigDecimalValue();
        } else if (value instanceof JsonString text && text.getString().length() <= 40
                && DECIMAL.matcher(text.getString()).matches()) {
            amount = new BigDecimal(text.getString());
        } else {
            throw ApiException.badRequest("'" + field + "' must be a number or a decimal string such as \"12.50\"");
        }
        return positive(amount, field);
    }

    /** The amount, if positive, at most the largest storable and of at most four decimal places, or 400 naming the field. */
    public static BigDecimal positive(BigDecimal amount, String field) {
        if (amount.signum() <= 0) {
            throw ApiException.badRequest("'" + field + "' must be greater than 0");
        }
        // Compared before anything is rescaled: 1e999999999 must not be expanded.
        if (amount.compareTo(MAX) > 0) {
            throw ApiException.badRequest("'" + field + "' must be at most " + MAX.toPlainString());
        }
        if (amount.stripTrailingZeros().scale() > SCALE) {
            throw ApiException.badRequest("'" + field + "' must have at most " + SCALE + " decimal places");
        }
        return amount.setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    /** The wire form: a string with exactly four decimal places. */
    public static String format(BigDecimal amount) {
        return amount.setScale(SCALE, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** A three-letter ISO 4217 code in upper case (USD when none is given), or 400 naming the field. */
    public static String currency(String currency, String field) {
        if (currency == null) {
            return "USD";
        }
        if (!CURRENCY.matcher(currency).matches()) {
            throw ApiException.badRequest("'" + field + "' must be a three-letter ISO 4217 code such as USD");
        }
        return currency.toUpperCase(Locale.ROOT);
    }
}
