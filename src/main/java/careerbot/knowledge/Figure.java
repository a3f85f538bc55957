package careerbot.knowledge;

import java.util.List;

/**
 * One number or named fact with its source. Money has a {@code currency} and {@code per} (year, hour,
 * total); a range has {@code low} and {@code high} instead of {@code value}; text facts (a city, a major)
 * have {@code text}. {@code usdLow}/{@code usdHigh}/{@code usdValue} hold a USD conversion only when the
 * source itself states it.
 */
public record Figure(
    String id,
    String career,
    String metric,
    String stat,
    Double value,
    String text,
    Double low,
    Double high,
    String currency,
    String per,
    String unit,
    Double usdValue,
    Double usdLow,
    Double usdHigh,
    String level,
    Place place,
    String subject,
    String example,
    String period,
    boolean approx,
    boolean openHigh,
    String note,
    String source,
    List<String> alsoIn) {

  public Figure {
    place = place == null ? Place.NONE : place;
    alsoIn = alsoIn == null ? List.of() : List.copyOf(alsoIn);
  }

  public boolean isRange() {
    return low != null && high != null;
  }

  public boolean isMoney() {
    return currency != null;
  }

  public boolean isText() {
    return text != null && value == null && low == null;
  }
}
