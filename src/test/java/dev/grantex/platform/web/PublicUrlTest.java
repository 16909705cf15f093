package dev.grantex.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PublicUrlTest {
    @Test
    void didWebDomainEncodesPortAndPath() {
        PublicUrl url = new PublicUrl();
        url.configured = "http://localhost:9080/";
        assertEquals("http://localhost:9080", url.origin());
        assertEquals("localhost%3A9080", url.didWebDomain());
        url.configured = "https://auth.example.com/grantex";
        assertEquals("auth.example.com:grantex", url.didWebDomain());
    }
}
