package dev.grantex.budgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.grantex.platform.errors.ApiException;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class MoneyTest {
    private static JsonValue json(String literal) {
        return Json.createReader(new StringReader("[" + literal + "]")).readArray().get(0);
    }

    @Test
    void numbersAndDecimalStringsReadExactlyWithFourPlaces() {
        assertEquals(new BigDecimal("0.1000"), Money.positive(json("0.1"), "amount"));
        assertEquals(new BigDecimal("12.5000"), Money.positive(json("\"12.5\""), "amount"));
        assertEquals(new BigDecimal("1000.0000"), Money.positive(json("1e3"), "amount"));
        assertEquals(new BigDecimal("0.0001"), Money.positive(json("0.0001"), "amount"));
        assertEquals(new BigDecimal("3.0000"), Money.positive(json("3.000000"), "amount"));
        assertEquals(Money.MAX, Money.positive(json("99999999999999.9999"), "amount"));
        assertEquals("100.0000", Money.format(new BigDecimal("100")));
    }

    @Test
    void tenDebitsOfOneTenthTakeExactlyOne() {
        BigDecimal remaining = Money.positive(json("5"), "initialBudget");
        for (int i = 0; i < 10; i++) {
            remaining = remaining.subtract(Money.positive(json("0.1"), "amount"));
        }
        assertEquals("4.0000", Money.format(remaining));
    }

    @Test
    void badAmountsAre400() {
        for (String bad : List.of("0", "-1", "\"-1\"", "0.00001", "\"1.23456\"", "\"abc\"", "\"1e3\"", "\"\"", "true",
                "{}", "[]", "null", "100000000000000", "1e400", "1e-400", "\"NaN\"", "\"Infinity\"")) {
            ApiException error = assertThrows(ApiException.class, () -> Money.positive(json(bad), "amount"), bad);
            assertEquals(400, error.status(), bad);
        }
        assertThrows(ApiException.class, () -> Money.positive((JsonValue) null, "amount"));
    }
}
