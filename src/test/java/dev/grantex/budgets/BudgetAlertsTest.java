package dev.grantex.budgets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetAlertsTest {
    private static List<Integer> crossed(String initial, String remaining, int announced) {
        return BudgetAlerts.crossed(new BigDecimal(initial), new BigDecimal(remaining), announced);
    }

    @Test
    void eachLineIsAnnouncedWhenFirstCrossedAndNotAgain() {
        assertEquals(List.of(), crossed("100", "50.0001", 0));
        assertEquals(List.of(50), crossed("100", "50", 0));
        assertEquals(List.of(), crossed("100", "30", 50));
        assertEquals(List.of(80), crossed("100", "20", 50));
        assertEquals(List.of(), crossed("100", "1", 80));
        assertEquals(List.of(100), crossed("100", "0", 80));
        assertEquals(List.of(), crossed("100", "0", 100));
    }

    @Test
    void oneDebitAcrossSeveralLinesAnnouncesEachLowestFirst() {
        assertEquals(List.of(50, 80), crossed("100", "10", 0));
        assertEquals(List.of(50, 80, 100), crossed("3", "0", 0));
        assertEquals(List.of(80, 100), crossed("0.0003", "0", 50));
    }
}
