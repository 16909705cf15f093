package dev.grantex.developers;

/** A developer's API key was replaced (fired inside the rotating transaction). */
public record ApiKeyRotated(String developerId) {
}
