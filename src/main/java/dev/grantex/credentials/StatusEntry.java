package dev.grantex.credentials;

/** A credential's place in a status list: the list and the bit. */
public record StatusEntry(String listId, int index) {
}
