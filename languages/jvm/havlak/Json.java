package havlak;

/** A JSON writer that prints exactly what the C++ rungs' JsonWriter prints. */
public final class Json {
  private final StringBuilder out = new StringBuilder();
  // Per open object or array: has it an element yet.
  private boolean[] hasElement = new boolean[16];
  private int depth = 0;
  private boolean afterKey = false;

  private void beforeValue() {
    if (afterKey) {
      afterKey = false;
      return;
    }
    if (depth > 0) {
      if (hasElement[depth - 1]) out.append(',');
      hasElement[depth - 1] = true;
    }
  }

  /** Quotes a byte string: control bytes escaped, others kept. */
  private void quoted(String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\t': out.append("\\t"); break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  private Json open(char c) {
    beforeValue();
    out.append(c);
    if (depth == hasElement.length) hasElement = java.util.Arrays.copyOf(hasElement, depth * 2);
    hasElement[depth++] = false;
    return this;
  }

  public Json beginObject() { return open('{'); }
  public Json beginArray() { return open('['); }
  public Json endObject() { depth--; out.append('}'); return this; }
  public Json endArray() { depth--; out.append(']'); return this; }

  public Json key(String key) {
    beforeValue();
    quoted(key);
    out.append(':');
    afterKey = true;
    return this;
  }

  public Json string(String value) { beforeValue(); quoted(value); return this; }
  public Json integer(long value) { beforeValue(); out.append(value); return this; }
  public Json bool(boolean value) { beforeValue(); out.append(value); return this; }
  public Json nul() { beforeValue(); out.append("null"); return this; }

  /** The shortest text that reads back as {@code value}, as std::to_chars. */
  public Json number(double value) {
    if (!Double.isFinite(value)) return nul();
    beforeValue();
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      out.append((long) value);
    } else {
      String text = Double.toString(value);
      int e = text.indexOf('E');
      if (e >= 0) {
        String mantissa = text.substring(0, e);
        if (mantissa.endsWith(".0")) mantissa = mantissa.substring(0, mantissa.length() - 2);
        int exponent = Integer.parseInt(text.substring(e + 1));
        text = mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "")
            + Math.abs(exponent);
      }
      out.append(text);
    }
    return this;
  }

  public String take() { return out.toString(); }
}
