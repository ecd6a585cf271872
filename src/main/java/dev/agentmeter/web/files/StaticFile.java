package dev.agentmeter.web.files;

/**
 * A static file held in memory, with its strong validator.
 *
 * @param bytes       the content; never modified
 * @param contentType the media type, with the charset for text
 * @param etag        a quoted hash of the content
 */
record StaticFile(byte[] bytes, String contentType, String etag) {
}
