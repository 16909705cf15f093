package dev.grantex.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.ItDatabase;
import dev.grantex.it.TestDeveloper;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operator's chain verification, on intact chains and on rows changed behind the server's back. */
class AuditChainIT {
    private final TestDeveloper developer = TestDeveloper.create("enterprise");

    private List<String> append(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = "{\"agentId\":\"ag_1\",\"agentDid\":\"did:grantex:ag_1\",\"grantId\":\"grnt_1\","
                    + "\"principalId\":\"user_1\",\"action\":\"step." + i + "\",\"metadata\":{\"i\":" + i + "}}";
            ids.add(developer.api().post("/v1/audit/log", body).expect(201).json().getString("entryId"));
        }
        return ids;
    }

    private JsonObject verify(String query) {
        return developer.api().get("/v1/audit/verify" + query).expect(200).json();
    }

    @Test
    void anIntactChainVerifies() {
        JsonObject empty = verify("");
        assertTrue(empty.getBoolean("valid"));
        assertEquals(0, empty.getInt("checkedEntries"));
        append(5);
        JsonObject report = verify("");
        assertTrue(report.getBoolean("valid"));
        assertEquals(5, report.getInt("checkedEntries"));
        assertTrue(report.isNull("firstBrokenAt"));
        assertTrue(report.isNull("reason"));
        assertEquals(0, verify("?until=2000-01-01T00:00:00.000Z").getInt("checkedEntries"));
        assertEquals(400, developer.api().get("/v1/audit/verify?since=soon").status());
    }

    @Test
    void aChangedRowIsFoundAtExactlyThatEntry() throws SQLException {
        try (Connection db = ItDatabase.postgres()) {
            List<String> ids = append(6);
            update(db, "UPDATE audit_entries SET action = 'nothing.happened' WHERE id = ?", ids.get(3));
            JsonObject content = verify("");
            assertFalse(content.getBoolean("valid"));
            assertEquals(ids.get(3), content.getString("firstBrokenAt"));
            assertEquals("content", content.getString("reason"));
            assertEquals(3, content.getInt("checkedEntries"));

            update(db, "UPDATE audit_entries SET action = 'step.3' WHERE id = ?", ids.get(3));
            assertTrue(verify("").getBoolean("valid"), "restored");

            update(db, "DELETE FROM audit_entries WHERE id = ?", ids.get(5));
            JsonObject truncated = verify("");
            assertFalse(truncated.getBoolean("valid"), "removing the newest entry is noticed");
            assertEquals(ids.get(5), truncated.getString("firstBrokenAt"));
            assertEquals("link", truncated.getString("reason"));

            update(db, "UPDATE audit_entries SET prev_hash = NULL WHERE id = ?", ids.get(2));
            JsonObject link = verify("");
            assertFalse(link.getBoolean("valid"));
            assertEquals(ids.get(2), link.getString("firstBrokenAt"));
            assertEquals("link", link.getString("reason"));
        }
    }

    private static void update(Connection db, String sql, String id) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, id);
            assertEquals(1, statement.executeUpdate());
        }
    }
}
