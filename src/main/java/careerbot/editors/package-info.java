/**
 * The editors' loop: what readers asked that the bot could not answer well, and what they thought of the
 * answers, kept in a database ({@link careerbot.editors.Store}: SQLite embedded by default, PostgreSQL for
 * several instances) and turned into a report with ready-to-paste knowledge edits ({@link
 * careerbot.editors.Inbox}). {@link careerbot.editors.Recorder} writes off the answer path: a slow, full or
 * unreachable database never slows or fails an answer.
 */
package careerbot.editors;
