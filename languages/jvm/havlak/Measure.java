package havlak;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;

/**
 * The process's CPU time and peak memory, as the kernel counts them, and
 * the JVM's allocations where HotSpot can say.
 */
public final class Measure {
  private Measure() {}

  /** user and system seconds of the whole process (all threads, the JVM's too). */
  public static double[] cpuSeconds() {
    try {
      String stat = new String(Files.readAllBytes(Paths.get("/proc/self/stat")));
      // Fields after the command name, which ends at the last ')'.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      double ticks = 100.0;  // USER_HZ on Linux
      return new double[] {Long.parseLong(fields[11]) / ticks, Long.parseLong(fields[12]) / ticks};
    } catch (IOException | RuntimeException e) {
      return new double[] {-1, -1};
    }
  }

  /** VmHWM from /proc/self/status, in KiB; -1 if it cannot be read. */
  public static long vmHwmKib() {
    try {
      for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.substring(6).replace("kB", "").trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux.
    }
    return -1;
  }

  /** The collector in use, by its usual name: "G1", "Parallel", "Serial", ... */
  public static String collector() {
    List<GarbageCollectorMXBean> beans = ManagementFactory.getGarbageCollectorMXBeans();
    if (beans.isEmpty()) return "Epsilon";
    String name = beans.get(0).getName();
    if (name.startsWith("G1")) return "G1";
    if (name.startsWith("PS ")) return "Parallel";
    if (name.equals("Copy") || name.equals("MarkSweepCompact")) return "Serial";
    if (name.startsWith("ZGC")) return "ZGC";
    if (name.startsWith("Shenandoah")) return "Shenandoah";
    return name;
  }

  /** "OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1" and the JVM's options. */
  public static String jvm() {
    StringBuilder options = new StringBuilder();
    for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (argument.startsWith("-Dhavlak.")) continue;  // the launcher's, not the JVM's
      options.append(options.length() == 0 ? "" : " ").append(argument);
    }
    return System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version")
        + (options.length() == 0 ? "" : " (" + options + ")");
  }

  /**
   * Bytes allocated by this thread so far, exact to the TLAB
   * (com.sun.management.ThreadMXBean); -1 where the JVM cannot say.
   */
  public static long threadAllocatedBytes() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    if (bean instanceof com.sun.management.ThreadMXBean) {
      return ((com.sun.management.ThreadMXBean) bean).getCurrentThreadAllocatedBytes();
    }
    return -1;
  }

  /** The heap in use now: live objects plus garbage not yet collected. */
  public static long heapUsedBytes() {
    MemoryUsage usage = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return usage.getUsed();
  }

  /** Seconds since an arbitrary origin. */
  public static double now() { return System.nanoTime() / 1e9; }
}
