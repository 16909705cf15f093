package dev.grantex.budgets;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Which alerts a debit announces: budget.threshold at 50% and 80% used, budget.exhausted (recorded as
 * 100) when nothing remains. Each is announced once per allocation, when its line is first crossed;
 * a debit that crosses several lines announces each of them, lowest first.
 */
final class BudgetAlerts {
    static final int EXHAUSTED = 100;
    private static final int[] THRESHOLDS = {50, 80};

    private BudgetAlerts() {
    }

    static List<Integer> crossed(BigDecimal initial, BigDecimal remaining, int alreadyAnnounced) {
        List<Integer> crossed = new ArrayList<>();
        BigDecimal usedTimes100 = initial.subtract(remaining).multiply(BigDecimal.valueOf(100));
        for (int pct : THRESHOLDS) {
            if (pct > alreadyAnnounced && usedTimes100.compareTo(initial.multiply(BigDecimal.valueOf(pct))) >= 0) {
                crossed.add(pct);
            }
        }
        if (EXHAUSTED > alreadyAnnounced && remaining.signum() <= 0) {
            crossed.add(EXHAUSTED);
        }
        return crossed;
    }
}
