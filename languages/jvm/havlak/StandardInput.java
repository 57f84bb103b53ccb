package havlak;

/**
 * Whether the process was started with standard input open. A JVM started
 * with it closed ({@code <&-}) gives descriptor 0 to the first file it opens
 * itself, so Java cannot tell; the launcher can, and says so with
 * -Dhavlak.stdin.closed=true (it then gives the JVM /dev/null instead).
 */
final class StandardInput {
  private StandardInput() {}

  static boolean isOpen() { return !Boolean.getBoolean("havlak.stdin.closed"); }
}
