package dev.grantex.it;

import jakarta.json.JsonObject;
import java.util.UUID;

/** A developer account created for one test through the admin API, with its own API key. */
public record TestDeveloper(String developerId, String apiKey, String mode, String plan) {
    public static TestDeveloper create(String plan) {
        return create(plan, "live");
    }

    public static TestDeveloper create(String plan, String mode) {
        String body = "{\"name\":\"it-" + UUID.randomUUID() + "\",\"mode\":\"" + mode + "\",\"plan\":\"" + plan + "\"}";
        JsonObject created = Api.admin().post("/v1/admin/developers", body).expect(201).json();
        return new TestDeveloper(created.getString("developerId"), created.getString("apiKey"), mode, plan);
    }

    public Api api() {
        return Api.withKey(apiKey);
    }
}
