package dev.grantex.budgets;

import dev.grantex.platform.Timestamps;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON shapes of budgets: allocations, debits and the ledger. Amounts are decimal strings. */
public final class BudgetViews {
    private BudgetViews() {
    }

    public record AllocateRequest(
            @Schema(required = true) String grantId,
            @Schema(required = true, type = SchemaType.STRING, example = "100.00",
                    description = "Greater than 0, at most 4 decimal places; a JSON number or a decimal string")
            JsonValue initialBudget,
            @Schema(defaultValue = "USD", pattern = "^[A-Za-z]{3}$", description = "ISO 4217 code") String currency) {
    }

    public record DebitRequest(
            @Schema(required = true) String grantId,
            @Schema(required = true, type = SchemaType.STRING, example = "2.50",
                    description = "Greater than 0, at most 4 decimal places; a JSON number or a decimal string")
            JsonValue amount,
            @Schema(maxLength = BudgetService.MAX_DESCRIPTION) String description,
            @Schema(description = "Any JSON object, kept with the transaction") JsonObject metadata) {
    }

    public record AllocationView(String id, String grantId, String developerId, String initialBudget,
                                 String remainingBudget, String currency,
                                 @Schema(enumeration = {"open", "closed"},
                                         description = "closed once the grant is revoked or expired") String status,
                                 @Schema(enumeration = {"revoked", "expired"}) String closedReason,
                                 String closedAt, String createdAt, String updatedAt) {
        static AllocationView of(BudgetAllocation a) {
            return new AllocationView(a.id(), a.grantId(), a.developerId(), Money.format(a.initialBudget()),
                    Money.format(a.remainingBudget()), a.currency(), a.closedAt() == null ? "open" : "closed",
                    a.closedReason(), Timestamps.format(a.closedAt()), Timestamps.format(a.createdAt()),
                    Timestamps.format(a.updatedAt()));
        }
    }

    public record AllocationList(List<AllocationView> allocations) {
    }

    public record DebitView(String remaining, String transactionId, String grantId) {
        static DebitView of(BudgetTransaction t) {
            return new DebitView(Money.format(t.remainingAfter()), t.id(), t.grantId());
        }
    }

    public record TransactionView(String id, String grantId, String allocationId, String amount, String description,
                                  JsonObject metadata, String createdAt) {
    }

    public record TransactionPage(List<TransactionView> transactions, long total) {
    }
}
