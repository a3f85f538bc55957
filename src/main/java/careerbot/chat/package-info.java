/**
 * The chat server: the HTTP API ({@code POST /api/chat}), the WebSocket ({@code /ws/chat}), their wire
 * shapes and limits, conversations, metrics and knowledge hot reload. Handlers here are thin: they parse,
 * call {@link careerbot.chat.ChatService}, and render.
 */
package careerbot.chat;
