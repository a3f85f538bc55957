package careerbot.answer;

import java.util.List;
import java.util.Set;

/**
 * What the bot must decline rather than guess at: other occupations, medical or legal advice, other
 * subjects, arithmetic, attempts to change its instructions. Checked on the user's own words before any
 * spelling correction, so "plumbers" is never mended into a word the knowledge uses.
 */
final class OutOfScope {
  private OutOfScope() {}

  /** Occupations no shipped pack covers; a pack that adds one simply wins, since known careers are matched first. */
  static final Set<String> OCCUPATIONS = Sets.of(
      "engineer", "developer", "programmer", "coder", "nurse", "doctor", "physician", "surgeon", "dentist",
      "teacher", "professor", "lawyer", "attorney", "accountant", "pilot", "plumber", "electrician", "carpenter",
      "mechanic", "chef", "cook", "waiter", "waitress", "bartender", "barista", "cashier", "driver", "trucker",
      "firefighter", "policeman", "cop", "soldier", "architect", "designer", "artist", "musician", "actor",
      "actress", "writer", "journalist", "scientist", "analyst", "economist", "pharmacist", "veterinarian",
      "vet", "therapist", "psychologist", "psychiatrist", "counselor", "counsellor", "paramedic", "emt",
      "phlebotomist", "hygienist", "radiologist", "sonographer", "technologist", "janitor", "cleaner",
      "landscaper", "farmer", "banker", "trader", "broker", "realtor", "consultant", "recruiter", "salesperson",
      "salesman", "marketer", "influencer", "youtuber", "streamer", "athlete", "librarian", "translator",
      "interpreter", "receptionist", "secretary", "astronaut", "welder", "machinist", "roofer", "painter",
      "photographer", "dancer", "singer", "optometrist", "chiropractor", "midwife", "caregiver", "nanny",
      "babysitter", "housekeeper", "mailman", "courier", "butcher", "baker", "tailor", "florist", "geologist",
      "biologist", "chemist", "physicist", "mathematician", "statistician", "actuary", "auditor", "bookkeeper",
      "paralegal", "judge", "politician", "diplomat", "entrepreneur", "ceo", "cfo", "cto", "dietitian",
      "nutritionist", "optician", "podcaster", "gamer", "miner", "fisherman", "sailor", "steward",
      "stewardess", "flight attendant", "surveyor", "plasterer", "bricklayer", "locksmith", "gardener",
      "zookeeper", "coach", "tutor", "principal", "dean", "clerk", "teller", "underwriter", "adjuster",
      "dispatcher", "paralegal", "technician", "cna", "lpn", "rn", "np", "pa", "md", "dds", "swe", "sde",
      "devops", "sre", "electrical engineer", "software engineer", "data scientist", "web developer",
      "registered nurse", "nurse practitioner", "physical therapist", "occupational therapist",
      "medical assistant", "medical biller", "medical coder", "dental assistant", "pharmacy technician",
      "truck driver", "uber driver", "real estate agent", "insurance agent", "travel agent", "project manager",
      "product manager", "office manager", "store manager", "social worker", "police officer", "graphic designer",
      "ux designer", "it support", "help desk", "call center agent", "personal trainer", "hair stylist",
      "hairdresser", "barber", "makeup artist", "tattoo artist", "model", "surgeon general");

  static final Set<String> MEDICAL = Sets.of("medication", "medications", "medicine", "medicines", "headache",
      "headaches", "migraine", "symptom", "symptoms", "dosage", "dose", "diagnose", "diagnosis", "prescription",
      "prescribe", "pill", "pills", "ibuprofen", "tylenol", "aspirin", "advil", "fever", "cough", "rash", "cure",
      "flu", "covid", "vaccine", "pregnant", "pregnancy", "infection", "sick", "illness", "disease", "injury",
      "injured", "bleeding", "cancer", "diabetes", "antibiotic", "antibiotics", "allergy", "allergies", "pain",
      "ache", "sore", "nausea", "dizzy", "insomnia", "depressed", "anxiety");

  static final Set<String> LEGAL = Sets.of("sue", "suing", "sued", "lawsuit", "attorney", "court", "custody",
      "divorce", "landlord", "lawyer", "arrested", "arrest", "tenant", "|legal advice");

  static final Set<String> OTHER = Sets.of("weather", "forecast", "rain", "raining", "sunny", "snow", "temperature",
      "football", "soccer", "basketball", "baseball", "nba", "nfl", "sports", "movie", "movies", "film", "song",
      "songs", "music", "recipe", "recipes", "pizza", "poem", "poems", "joke", "jokes", "stocks",
      "stock", "invest", "investing", "investment", "crypto", "bitcoin", "ethereum", "politics", "president", "election", "translate",
      "python", "javascript", "java", "sql", "html", "css", "coding", "meaning",
      "universe", "girlfriend", "boyfriend", "dating", "horoscope", "lottery", "casino", "bet",
      "minecraft", "fortnite", "celebrity", "kardashian", "taylor", "swift", "elon", "musk", "trump",
      "biden", "restaurant", "hotel", "planet", "mars", "moon",
      "dinosaur", "dinosaurs", "homework", "essay", "math", "calculus", "algebra", "equation", "news",       "cat", "dog", "pet", "pets", "car", "cars", "phone", "iphone", "android", "laptop", "recipe", "bake",
      "sing", "dance", "song", "lyrics", "chess", "religion", "god", "bible", "war", "mortgage",
      "loan", "loans");

  /** Requests to write something or to act for the user: not answers from career knowledge. */
  static final Set<String> CREATIVE = Sets.of("poem", "poems", "joke", "jokes", "story", "stories", "song", "lyrics",
      "essay", "haiku", "rap", "limerick", "riddle");
  static final List<String> ACTIONS = List.of("book me", "can you book", "book an appointment for me",
      "make me an appointment", "schedule me", "apply for me", "apply to this job for me", "email me", "call me",
      "text me", "remind me", "sign me up", "send me", "fill out my", "write my", "write me", "order me");

  static final List<String> INJECTION = List.of("ignore previous", "ignore all", "ignore your", "ignore the above",
      "ignore prior", "disregard", "system prompt", "your instructions", "jailbreak", "pretend you", "pretend to be",
      "act as", "you are now", "developer mode", "reveal your", "new instructions", "forget your",
      "forget everything", "override");
}
