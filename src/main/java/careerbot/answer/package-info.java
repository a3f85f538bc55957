/**
 * Understanding a message and writing the answer, in three steps. {@link careerbot.answer.Recognizer}
 * reads the message (intent, careers, level, place, what it points back at), with the intent model learnt
 * from the packs' example questions ({@link careerbot.answer.IntentModel}); {@link
 * careerbot.answer.AnswerEngine} decides what to answer given the {@link careerbot.answer.Conversation} so
 * far; {@link careerbot.answer.Composer} writes it from the knowledge, every figure with its source.
 * Start at {@link careerbot.answer.AnswerEngine}. Nothing here knows of HTTP or Javalin: an engine runs in
 * a plain unit test. Engines are immutable and thread-safe.
 */
package careerbot.answer;
