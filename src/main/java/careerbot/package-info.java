/**
 * The composition root. {@link careerbot.App} reads {@link careerbot.Config} (every setting, from the
 * environment, each with its default) and builds everything with {@code new}: the knowledge in service,
 * the chat service, the editors' recorder, the HTTP and WebSocket server and, when configured, the Slack
 * bridge. It also runs the command line ({@code validate}, {@code prepare}, {@code inbox}).
 * Nothing else in the code reads the environment.
 */
package careerbot;
