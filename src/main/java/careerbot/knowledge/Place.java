package careerbot.knowledge;

/** Where a figure applies; any part may be null. */
public record Place(String country, String state, String city) {
  public static final Place NONE = new Place(null, null, null);

  public boolean isEmpty() {
    return country == null && state == null && city == null;
  }

  /** The most specific part, for display: "Germany", "Massachusetts", "Boston". */
  public String label() {
    if (city != null) return city;
    if (state != null) return state;
    return country;
  }
}
