package dev.grantex.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** SCIM answers: application/scim+json, with a resource's version as its ETag and, when created, its Location. */
final class ScimAnswers {
    private ScimAnswers() {
    }

    static Response ok(ObjectNode body) {
        return answer(Response.ok(), body);
    }

    static Response created(ObjectNode resource) {
        return answer(Response.status(201).location(URI.create(resource.path("meta").path("location").asText())), resource);
    }

    private static Response answer(Response.ResponseBuilder response, ObjectNode body) {
        JsonNode version = body.path("meta").path("version");
        if (version.isTextual()) {
            response.header("ETag", version.asText());
        }
        return response.type(ScimJson.MEDIA_TYPE).entity(ScimJson.write(body)).build();
    }
}
