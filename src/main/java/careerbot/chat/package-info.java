/**
 * The HTTP and WebSocket channel: the HTTP API ({@code POST /api/chat}, {@code /api/feedback}), the
 * WebSocket ({@code /ws/chat}), health, readiness, metrics and the API documents, their wire shapes and
 * the guards in front (sizes, rates, connections, origins, security headers). Handlers here are thin: they
 * parse, call {@link careerbot.service.ChatService}, and render.
 */
package careerbot.chat;
