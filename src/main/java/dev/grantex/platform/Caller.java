package dev.grantex.platform;

/** The developer an API key authenticated, as every service sees it. */
public record Caller(String developerId, String name, String mode, String plan) {
    public boolean sandbox() {
        return "sandbox".equals(mode);
    }
}
