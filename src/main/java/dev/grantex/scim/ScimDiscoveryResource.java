package dev.grantex.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.types.EnterpriseUserExtension;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.UserResource;
import com.unboundid.scim2.common.utils.SchemaUtils;
import dev.grantex.platform.auth.PublicEndpoint;
import dev.grantex.platform.auth.ScimEndpoint;
import dev.grantex.platform.web.PublicUrl;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.beans.IntrospectionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * SCIM's discovery (RFC 7644 §4): what this server really supports (PATCH, filters up to 200
 * results, ETags; no bulk, sort or password change), its two resource types and their schemas as
 * the UnboundID SDK describes the RFC 7643 ones. Users keep every attribute of those schemas as sent.
 */
@Path("/scim/v2")
@Produces({ScimJson.MEDIA_TYPE, MediaType.APPLICATION_JSON})
@ApplicationScoped
@Tag(name = "SCIM")
public class ScimDiscoveryResource {
    private static final String RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";

    @Inject
    PublicUrl publicUrl;

    private final Map<String, ObjectNode> schemas = new LinkedHashMap<>();
    private final Map<String, ObjectNode> resourceTypes = new LinkedHashMap<>();

    @PostConstruct
    void describe() {
        for (Class<?> type : List.of(UserResource.class, GroupResource.class, EnterpriseUserExtension.class)) {
            ObjectNode schema;
            try {
                schema = ScimJson.mapper().valueToTree(SchemaUtils.getSchema(type));
            } catch (IntrospectionException e) {
                throw new IllegalStateException("The SCIM SDK cannot describe " + type.getSimpleName(), e);
            }
            String id = schema.get("id").asText();
            schema.putObject("meta").put("resourceType", "Schema").put("location", base() + "/Schemas/" + id);
            schemas.put(id, schema);
        }
        resourceTypes.put("User", resourceType("User", "/Users", ScimResources.USER_SCHEMA, true));
        resourceTypes.put("Group", resourceType("Group", "/Groups", ScimResources.GROUP_SCHEMA, false));
    }

    private ObjectNode resourceType(String name, String endpoint, String schema, boolean enterpriseExtension) {
        ObjectNode type = ScimJson.newObject();
        type.putArray("schemas").add(RESOURCE_TYPE_SCHEMA);
        type.put("id", name).put("name", name).put("endpoint", endpoint).put("schema", schema);
        if (enterpriseExtension) {
            type.putArray("schemaExtensions").addObject()
                    .put("schema", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User").put("required", false);
        }
        type.putObject("meta").put("resourceType", "ResourceType").put("location", base() + "/ResourceTypes/" + name);
        return type;
    }

    private String base() {
        return publicUrl.origin() + "/scim/v2";
    }

    @GET
    @Path("ServiceProviderConfig")
    @PublicEndpoint
    @SecurityRequirements
    @Operation(summary = "What this SCIM service supports (no token needed)")
    @APIResponse(responseCode = "200", description = "The ServiceProviderConfig")
    public Response serviceProviderConfig() {
        ObjectNode config = ScimJson.newObject();
        config.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");
        config.putObject("patch").put("supported", true);
        config.putObject("bulk").put("supported", false).put("maxOperations", 0).put("maxPayloadSize", 0);
        config.putObject("filter").put("supported", true).put("maxResults", ScimPage.MAX_COUNT);
        config.putObject("changePassword").put("supported", false);
        config.putObject("sort").put("supported", false);
        config.putObject("etag").put("supported", true);
        config.putArray("authenticationSchemes").addObject().put("type", "oauthbearertoken").put("name", "OAuth Bearer Token")
                .put("description", "A SCIM token made with POST /v1/scim/tokens, as Authorization: Bearer <token>")
                .put("primary", true);
        config.putObject("meta").put("resourceType", "ServiceProviderConfig").put("location", base() + "/ServiceProviderConfig");
        return ScimAnswers.ok(config);
    }

    @GET
    @Path("ResourceTypes")
    @ScimEndpoint
    @SecurityRequirement(name = "scimToken")
    @Operation(summary = "The resource types: User (with the enterprise extension) and Group")
    @APIResponse(responseCode = "200", description = "A ListResponse")
    public Response resourceTypes() {
        return ScimAnswers.ok(ScimResources.listResponse(resourceTypes.size(), 1,
                resourceTypes.values().stream().map(ObjectNode::deepCopy).toList()));
    }

    @GET
    @Path("ResourceTypes/{name}")
    @ScimEndpoint
    @SecurityRequirement(name = "scimToken")
    @Operation(summary = "One resource type")
    @APIResponse(responseCode = "200", description = "The resource type")
    @APIResponse(responseCode = "404", description = "noTarget")
    public Response resourceType(@PathParam("name") String name) {
        return ScimAnswers.ok(found(resourceTypes.get(name), "Resource type " + name));
    }

    @GET
    @Path("Schemas")
    @ScimEndpoint
    @SecurityRequirement(name = "scimToken")
    @Operation(summary = "The schemas: User, Group and the enterprise User extension")
    @APIResponse(responseCode = "200", description = "A ListResponse")
    public Response schemas() {
        return ScimAnswers.ok(ScimResources.listResponse(schemas.size(), 1,
                schemas.values().stream().map(ObjectNode::deepCopy).toList()));
    }

    @GET
    @Path("Schemas/{id}")
    @ScimEndpoint
    @SecurityRequirement(name = "scimToken")
    @Operation(summary = "One schema, by its URN")
    @APIResponse(responseCode = "200", description = "The schema")
    @APIResponse(responseCode = "404", description = "noTarget")
    public Response schema(@PathParam("id") String id) {
        return ScimAnswers.ok(found(schemas.get(id), "Schema " + id));
    }

    private static ObjectNode found(ObjectNode resource, String what) {
        if (resource == null) {
            throw ScimErrors.noTarget(what + " not found");
        }
        return resource.deepCopy();
    }
}
