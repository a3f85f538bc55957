package careerbot.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Prometheus text exposition format, parsed just enough for tests: samples by name, with labels. */
final class Prometheus {
  record Sample(String name, Map<String, String> labels, double value) {}

  final List<Sample> samples = new ArrayList<>();

  Prometheus(String text) {
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      String name = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
      Map<String, String> labels = new LinkedHashMap<>();
      if (brace >= 0 && brace < space) {
        String body = line.substring(brace + 1, line.lastIndexOf('}'));
        for (String pair : body.split(",(?=[a-zA-Z_]+=\")")) {
          if (pair.isEmpty()) continue;
          int eq = pair.indexOf('=');
          labels.put(pair.substring(0, eq), pair.substring(eq + 2, pair.length() - 1));
        }
      }
      String value = line.substring(space + 1);
      samples.add(new Sample(name, labels, value.equals("NaN") ? Double.NaN : Double.parseDouble(value)));
    }
  }

  /** The sum of every sample of {@code name} whose labels include {@code with} (key, value, key, value...). */
  double sum(String name, String... with) {
    double total = 0;
    for (Sample s : samples) {
      if (!s.name().equals(name)) continue;
      boolean match = true;
      for (int i = 0; i < with.length; i += 2) match &= with[i + 1].equals(s.labels().get(with[i]));
      if (match) total += s.value();
    }
    return total;
  }

  boolean has(String name) {
    return samples.stream().anyMatch(s -> s.name().equals(name));
  }
}
