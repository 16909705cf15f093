package dev.grantex.webauthn;

import dev.grantex.platform.RequestContext;
import dev.grantex.platform.auth.PublicEndpoint;
import dev.grantex.platform.json.JsonRequests;
import dev.grantex.platform.ratelimit.IpRateLimit;
import dev.grantex.webauthn.PasskeyViews.AssertionOptionsRequest;
import dev.grantex.webauthn.PasskeyViews.AssertionVerified;
import dev.grantex.webauthn.PasskeyViews.AssertionVerifyRequest;
import dev.grantex.webauthn.PasskeyViews.CeremonyOptions;
import dev.grantex.webauthn.PasskeyViews.PasskeyList;
import dev.grantex.webauthn.PasskeyViews.PasskeyView;
import dev.grantex.webauthn.PasskeyViews.RegistrationOptionsRequest;
import dev.grantex.webauthn.PasskeyViews.RegistrationVerifyRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * /v1/webauthn: the developer registers principals' passkeys (API key); the consent page asks for and
 * answers an assertion (public: the authorization request's id and the challenge are the context).
 */
@Path("/v1/webauthn")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "WebAuthn")
public class PasskeysResource {
    @Inject
    PasskeyService passkeys;

    @Inject
    RequestContext requestContext;

    @POST
    @Path("register/options")
    @IpRateLimit(bucket = "webauthn", perMinute = 30)
    @Operation(summary = "Options for registering a passkey of a principal (for navigator.credentials.create)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = CeremonyOptions.class)))
    @APIResponse(responseCode = "400", description = "principalId is missing")
    public CeremonyOptions registrationOptions(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RegistrationOptionsRequest.class))) String body) {
        RegistrationOptionsRequest request = JsonRequests.bind(body, RegistrationOptionsRequest.class);
        return passkeys.registrationOptions(requestContext.caller().developerId(), request.principalId());
    }

    @POST
    @Path("register/verify")
    @IpRateLimit(bucket = "webauthn", perMinute = 30)
    @Operation(summary = "Verify the browser's registration response and store the passkey")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(implementation = PasskeyView.class)))
    @APIResponse(responseCode = "400", description = "The challenge is unknown, expired or used, or the response does not verify")
    @APIResponse(responseCode = "409", description = "The passkey is registered already")
    public Response register(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RegistrationVerifyRequest.class))) String body) {
        RegistrationVerifyRequest request = JsonRequests.bind(body, RegistrationVerifyRequest.class);
        PasskeyView registered = passkeys.register(requestContext.caller().developerId(), request.challengeId(),
                request.response(), request.deviceName());
        return Response.status(201).entity(registered).build();
    }

    @GET
    @Path("credentials")
    @Operation(summary = "A principal's passkeys, oldest first")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = PasskeyList.class)))
    @APIResponse(responseCode = "400", description = "principalId is missing")
    public PasskeyList list(@QueryParam("principalId") String principalId) {
        return new PasskeyList(passkeys.list(requestContext.caller().developerId(), principalId));
    }

    @DELETE
    @Path("credentials/{id}")
    @IpRateLimit(bucket = "webauthn", perMinute = 30)
    @Operation(summary = "Remove a passkey")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such passkey for this developer")
    public Response delete(@PathParam("id") String id) {
        passkeys.delete(requestContext.caller().developerId(), id);
        return Response.noContent().build();
    }

    @POST
    @Path("assert/options")
    @PublicEndpoint
    @SecurityRequirements
    @IpRateLimit(bucket = "webauthn-assert", perMinute = 30)
    @Operation(summary = "Options for the principal's passkey check at consent (for navigator.credentials.get)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = CeremonyOptions.class)))
    @APIResponse(responseCode = "400", description = "The developer does not require passkeys, or the principal has none")
    @APIResponse(responseCode = "404", description = "No pending authorization request with this id")
    public CeremonyOptions assertionOptions(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AssertionOptionsRequest.class))) String body) {
        AssertionOptionsRequest request = JsonRequests.bind(body, AssertionOptionsRequest.class);
        return passkeys.assertionOptions(request.authRequestId());
    }

    @POST
    @Path("assert/verify")
    @PublicEndpoint
    @SecurityRequirements
    @IpRateLimit(bucket = "webauthn-assert", perMinute = 30)
    @Operation(summary = "Verify the principal's assertion; the authorization request may then be answered")
    @APIResponse(responseCode = "200", description = "Verified", content = @Content(schema = @Schema(implementation = AssertionVerified.class)))
    @APIResponse(responseCode = "400", description = "The challenge is unknown, expired or used, or the assertion does not verify")
    @APIResponse(responseCode = "404", description = "The authorization request is no longer pending")
    public AssertionVerified verifyAssertion(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AssertionVerifyRequest.class))) String body) {
        AssertionVerifyRequest request = JsonRequests.bind(body, AssertionVerifyRequest.class);
        passkeys.verifyAssertion(request.challengeId(), request.response());
        return new AssertionVerified(true);
    }
}
