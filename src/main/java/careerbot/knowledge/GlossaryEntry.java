package careerbot.knowledge;

/** A certification, system, body or term users ask about by name ("what's the CMAA?"). */
public record GlossaryEntry(String id, String term, String name, String kind, String issuer, String definition,
    String source) {}
