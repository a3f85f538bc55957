/**
 * The Slack bridge: the {@code /career} slash command, suggestion buttons and @mentions. Every request is
 * verified with Slack's signing secret; answers come from the same {@link careerbot.service.ChatService} the
 * widget uses, formatted as Block Kit. Off unless {@code SLACK_SIGNING_SECRET} is set.
 */
package careerbot.slack;
