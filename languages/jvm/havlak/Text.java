package havlak;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Text as the C++ rungs print it. Output is bytes: a file name from the
 * command line or an excerpt of a file is kept byte for byte, as a "byte
 * string" (one char per byte, ISO-8859-1), and written back as those bytes,
 * so a Java rung prints exactly what the C++ rung of the same input prints.
 */
public final class Text {
  private Text() {}

  /** The UTF-8 bytes of {@code s} as a byte string (one char per byte). */
  public static String bytesOf(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  /** "1 block", "7 edges": plural unless n is 1. */
  public static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /**
   * A byte string (a file name) made safe for one line of output: control
   * bytes become \n, \t, \r or \xNN and a backslash \\, as the C++ rungs'
   * PrintableName.
   */
  public static String printable(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** C's "%g" of a double, as the C++ rungs print --scale. */
  public static String formatG(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e6) {
      return Long.toString((long) value);
    }
    String text = String.format("%g", value);  // six significant digits
    // C's %g drops trailing zeros and uses an exponent only when needed.
    int exponent = (int) Math.floor(Math.log10(Math.abs(value)));
    if (exponent < -4 || exponent >= 6) {
      text = String.format("%.5e", value);
      String mantissa = text.substring(0, text.indexOf('e'));
      String exp = text.substring(text.indexOf('e') + 1);
      if (mantissa.contains(".")) mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
      int e = Integer.parseInt(exp);
      return mantissa + "e" + (e < 0 ? "-" : "+") + (Math.abs(e) < 10 ? "0" : "") + Math.abs(e);
    }
    java.math.BigDecimal rounded =
        new java.math.BigDecimal(value).round(new java.math.MathContext(6));
    text = rounded.toPlainString();
    if (text.contains(".")) text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
    return text;
  }

  /** Writes a byte string's bytes. */
  public static void write(OutputStream out, String byteString) {
    try {
      out.write(byteString.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    } catch (IOException e) {
      // Standard output closed: nothing left to tell.
    }
  }

  private static final PrintStream STDOUT = new PrintStream(
      new java.io.FileOutputStream(java.io.FileDescriptor.out), false);
  private static final PrintStream STDERR = new PrintStream(
      new java.io.FileOutputStream(java.io.FileDescriptor.err), true);

  public static void print(String byteString) { write(STDOUT, byteString); }

  public static void printError(String byteString) { write(STDERR, byteString); }

  /**
   * The C library's message for a failed file operation, from a Java
   * exception: "No such file or directory", as strerror() says it.
   */
  public static String reason(Exception e) {
    String message = e.getMessage();
    if (message == null) return e.getClass().getSimpleName();
    int open = message.lastIndexOf(" (");
    if (message.endsWith(")") && open >= 0) return message.substring(open + 2, message.length() - 1);
    if (e instanceof java.nio.file.NoSuchFileException) return "No such file or directory";
    if (e instanceof java.nio.file.AccessDeniedException) return "Permission denied";
    if (e instanceof java.nio.file.FileSystemException) {
      String reason = ((java.nio.file.FileSystemException) e).getReason();
      if (reason != null) return reason;
    }
    return message;
  }
}
