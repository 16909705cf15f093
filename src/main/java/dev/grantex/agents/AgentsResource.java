package dev.grantex.agents;

import dev.grantex.agents.AgentViews.AgentList;
import dev.grantex.agents.AgentViews.AgentView;
import dev.grantex.agents.AgentViews.CreateAgentRequest;
import dev.grantex.agents.AgentViews.UpdateAgentRequest;
import dev.grantex.platform.Caller;
import dev.grantex.platform.RequestContext;
import dev.grantex.platform.json.JsonRequests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /v1/agents: the calling developer's agents. */
@Path("/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "Agents")
public class AgentsResource {
    @Inject
    AgentService agents;

    @Inject
    RequestContext requestContext;

    @POST
    @Operation(summary = "Register an agent")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = AgentView.class)))
    @APIResponse(responseCode = "400", description = "Missing name, invalid scopes or types")
    @APIResponse(responseCode = "402", description = "Plan limit reached")
    public Response create(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CreateAgentRequest.class))) String body) {
        CreateAgentRequest request = JsonRequests.bind(body, CreateAgentRequest.class);
        Caller caller = requestContext.caller();
        Agent agent = agents.create(caller.developerId(), caller.plan(), request.name(), request.description(),
                request.scopes());
        return Response.status(201).entity(AgentView.of(agent)).build();
    }

    @GET
    @Operation(summary = "All agents of the caller, newest first")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = AgentList.class)))
    public AgentList list() {
        return new AgentList(agents.list(requestContext.caller().developerId()).stream().map(AgentView::of).toList());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One agent")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = AgentView.class)))
    @APIResponse(responseCode = "404", description = "No such agent for this developer")
    public AgentView get(@PathParam("id") String id) {
        return AgentView.of(agents.get(requestContext.caller().developerId(), id));
    }

    @PATCH
    @Path("{id}")
    @Operation(summary = "Change an agent; fields left out stay as they are")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = AgentView.class)))
    @APIResponse(responseCode = "400", description = "No known field, or an invalid value")
    @APIResponse(responseCode = "404", description = "No such agent for this developer")
    public AgentView update(@PathParam("id") String id,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UpdateAgentRequest.class))) String body) {
        UpdateAgentRequest request = JsonRequests.bind(body, UpdateAgentRequest.class);
        return AgentView.of(agents.update(requestContext.caller().developerId(), id, request.name(),
                request.description(), request.scopes(), request.status()));
    }

    @POST
    @Path("{id}")
    @Operation(summary = "Change an agent (alias of PATCH, used by the Python SDK)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = AgentView.class)))
    public AgentView updateByPost(@PathParam("id") String id,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UpdateAgentRequest.class))) String body) {
        return update(id, body);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Remove an agent (its audit entries are kept)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such agent for this developer")
    public Response delete(@PathParam("id") String id) {
        agents.delete(requestContext.caller().developerId(), id);
        return Response.noContent().build();
    }
}
