package havlak;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A file being written, as the C++ rungs write theirs (havlak/output_file.cc):
 * a new path or a regular file under a temporary name in the same folder,
 * renamed over it when complete (a replaced file keeps its permissions); a
 * symbolic link's target by the same rules; a device or FIFO in place; a
 * folder refused; "-" is standard output. A temporary file is removed on
 * failure and when SIGINT, SIGTERM or SIGHUP ends the JVM (a shutdown hook).
 * Messages: "cannot write PATH: strerror".
 */
public final class OutputFile {
  private static final Set<String> TEMPORARIES = ConcurrentHashMap.newKeySet();
  private static final AtomicInteger COUNTER = new AtomicInteger();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (String temporary : TEMPORARIES) new java.io.File(temporary).delete();
    }));
  }

  private final String path;
  private String target;
  private String temporary;  // null when written in place
  private OutputStream out;

  private OutputFile(String path) { this.path = path; }

  /** The error of an operation on this file: one line naming it. */
  public static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    public Failure(String message) { super(message, null, false, false); }
  }

  private Failure failure(String what, String reason) {
    abandon();
    return new Failure(what + " " + Text.printable(Text.bytesOf(path)) + ": " + reason);
  }

  /** Follows symbolic links as the C++ FollowLinks does. */
  private static String followLinks(String path) throws IOException {
    for (int hops = 0; hops < 40; hops++) {
      Path p = Paths.get(path);
      if (!Files.isSymbolicLink(p)) return path;
      String link = Files.readSymbolicLink(p).toString();
      if (link.startsWith("/")) {
        path = link;
      } else {
        int slash = path.lastIndexOf('/');
        path = (slash < 0 ? "" : path.substring(0, slash + 1)) + link;
      }
    }
    throw new IOException("x (Too many levels of symbolic links)");
  }

  /** Opens {@code path} for writing. */
  public static OutputFile open(String path) throws Failure {
    OutputFile file = new OutputFile(path);
    if (path.equals("-")) {
      file.out = new FileOutputStream(java.io.FileDescriptor.out);
      return file;
    }
    try {
      file.target = followLinks(path);
    } catch (IOException e) {
      throw file.failure("cannot write", Text.reason(e));
    }
    Path target = Paths.get(file.target);
    boolean exists = Files.exists(target);
    if (exists && Files.isDirectory(target)) throw file.failure("cannot write", "Is a directory");
    if (exists && !Files.isRegularFile(target)) {
      try {
        file.out = new FileOutputStream(file.target);
      } catch (IOException e) {
        throw file.failure("cannot write", Text.reason(e));
      }
      return file;
    }
    String temporary = file.target + ".tmp." + ProcessHandle.current().pid() + "."
        + COUNTER.getAndIncrement();
    TEMPORARIES.add(temporary);
    file.temporary = temporary;
    try {
      if (exists) {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(target);
        Files.createFile(Paths.get(temporary));
        Files.setPosixFilePermissions(Paths.get(temporary), permissions);
      }
      file.out = new FileOutputStream(temporary);
    } catch (IOException e) {
      throw file.failure("cannot write", Text.reason(e));
    }
    return file;
  }

  /** The temporary path a tool that writes files itself should write to. */
  public String temporaryPath() { return temporary; }

  public void write(byte[] bytes) throws Failure {
    try {
      out.write(bytes);
    } catch (IOException e) {
      throw failure("cannot write", Text.reason(e));
    }
  }

  /** Closes the file and renames it into place. */
  public void commit() throws Failure {
    try {
      if (out instanceof FileOutputStream && temporary != null) {
        ((FileOutputStream) out).getFD().sync();
      }
      if (!path.equals("-")) out.close();
      else out.flush();
    } catch (IOException e) {
      throw failure("cannot write", Text.reason(e));
    }
    if (temporary == null) return;
    try {
      Files.move(Paths.get(temporary), Paths.get(target), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw failure("cannot rename into", Text.reason(e));
    }
    TEMPORARIES.remove(temporary);
    temporary = null;
  }

  /** Closes and removes a file not to be committed. */
  public void abandon() {
    if (out != null && !path.equals("-")) {
      try {
        out.close();
      } catch (IOException e) {
        // Abandoned anyway.
      }
    }
    out = null;
    if (temporary != null) {
      new java.io.File(temporary).delete();
      TEMPORARIES.remove(temporary);
      temporary = null;
    }
  }

  /** Writes {@code bytes} to {@code path}, complete or not at all. */
  public static void writeAtomically(String path, byte[] bytes) throws Failure {
    OutputFile file = open(path);
    file.write(bytes);
    file.commit();
  }
}
