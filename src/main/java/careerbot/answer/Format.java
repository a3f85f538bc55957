package careerbot.answer;

import careerbot.knowledge.Figure;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Writes figures the way the sources state them: "$33,563", "£22,000 to £30,000", "12.5%". Never rounds
 * or converts: every number it prints is a number of the knowledge model.
 */
final class Format {
  private Format() {}

  private static final ThreadLocal<DecimalFormat> NUMBER = ThreadLocal.withInitial(
      () -> new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.US)));

  static String number(double v) {
    return NUMBER.get().format(BigDecimal.valueOf(v));
  }

  static String signed(double v) {
    return (v > 0 ? "+" : "") + number(v);
  }

  static String money(double v, String currency) {
    String n = number(v);
    if (v == Math.rint(v) || v >= 1000) {
      n = number(v);
    } else {
      n = String.format(Locale.US, "%,.2f", v);
    }
    return switch (currency == null ? "USD" : currency) {
      case "USD" -> "$" + n;
      case "GBP" -> "£" + n;
      case "EUR" -> "€" + n;
      default -> currency + " " + n;
    };
  }

  static String per(String per) {
    if (per == null) return "";
    return switch (per) {
      case "year" -> " a year";
      case "hour" -> " an hour";
      default -> "";
    };
  }

  /** The figure's value: "$33,563 a year", "$27,000 to $40,000 a year", "36%", "Springfield, MA". */
  static String value(Figure f) {
    if (f.isText()) return f.text();
    String unit = f.unit();
    if (f.isRange()) {
      String low;
      String high;
      if (f.isMoney()) {
        low = money(f.low(), f.currency());
        high = money(f.high(), f.currency());
      } else {
        low = number(f.low());
        high = number(f.high());
      }
      String s;
      if (f.isMoney()) {
        s = low + " to " + high + (f.openHigh() ? " or more" : "");
      } else {
        // Spans of time and counts read as the sources write them: "2-4 years", "6-12 months".
        s = low + "-" + high + (f.openHigh() ? "+" : "") + unitSuffix(unit, f.high());
      }
      return (f.approx() ? "about " : "") + s + (f.isMoney() ? per(f.per()) : "");
    }
    if (f.value() == null) return "";
    double v = f.value();
    String s;
    if (f.isMoney()) {
      s = money(v, f.currency()) + (f.openHigh() ? " or more" : "") + per(f.per());
    } else if ("degree_likelihood".equals(f.metric())) {
      // The source writes "4.5% more likely", without saying percent of what: so do we.
      s = number(Math.abs(v)) + "% " + (v < 0 ? "less" : "more") + " likely";
    } else if ("percent".equals(unit) || "share".equals(f.stat()) && unit == null) {
      s = ("degree_likelihood".equals(f.metric()) || "growth".equals(f.metric()) ? signed(v) : number(v)) + "%";
    } else {
      s = number(v) + (f.openHigh() ? "+" : "") + unitSuffix(unit, v);
    }
    return (f.approx() ? "about " : "") + s;
  }

  /** The USD conversion the source states, or null. */
  static String usd(Figure f) {
    if (f.usdLow() != null && f.usdHigh() != null) {
      return money(f.usdLow(), "USD") + " to " + money(f.usdHigh(), "USD");
    }
    if (f.usdValue() != null) return money(f.usdValue(), "USD");
    return null;
  }

  private static String unitSuffix(String unit, double v) {
    if (unit == null) return "";
    return switch (unit) {
      case "years" -> v == 1 ? " year" : " years";
      case "months" -> v == 1 ? " month" : " months";
      case "weeks" -> v == 1 ? " week" : " weeks";
      case "age" -> " years old";
      case "percent" -> "%";
      default -> "";
    };
  }

  /** "an average", "the median", ... for saying what kind of figure it is. */
  static String statLabel(Figure f) {
    return switch (f.stat()) {
      case "average" -> "average";
      case "median" -> "median";
      case "range" -> "range";
      default -> "";
    };
  }

  static String capitalize(String s) {
    return s == null || s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
