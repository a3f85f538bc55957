/**
 * The application service every channel calls: {@link careerbot.service.ChatService} asks the engine in
 * service ({@link careerbot.service.Knowledge}, which also reloads it), logs and counts each answer with
 * personal data redacted, signs the answer ids votes name, records declines, unsure answers and votes for
 * the editors and builds their report. {@link careerbot.service.Sessions} keeps HTTP conversations within
 * the {@link careerbot.service.MemoryBudget}. Nothing here knows of Javalin or Slack; channels reach the
 * editors' loop only through this package.
 */
package careerbot.service;
