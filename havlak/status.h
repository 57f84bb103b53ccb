#ifndef HAVLAK_STATUS_H_
#define HAVLAK_STATUS_H_

// The outcome of a call that can fail: success, or one line that says what
// went wrong, for a person to read (callers put the flag or the step it
// concerns in front). g++ 12 has no std::expected; this is its void case.
// A call that gives a value and can fail returns the value through an
// output parameter, or a struct with the value and a Status; a plain
// std::string is always a value, never an error.
//
// Example:
//   Status WriteBoth(OutputFile& out) {
//     if (Status status = out.Write("a"); !status.ok()) return status;
//     return out.Write("b");
//   }
//
//   if (const Status status = WriteOutputFile(path, text); !status.ok()) {
//     return Fail("--dump-cfg: " + status.message());
//   }

#include <ostream>
#include <string>
#include <utility>

namespace havlak {

class [[nodiscard]] Status {
 public:
  // Success.
  Status() = default;

  // A failure. NOTE: an empty message still fails; it reads "failed".
  static Status Error(std::string message) {
    return Status(message.empty() ? "failed" : std::move(message));
  }

  bool ok() const { return message_.empty(); }
  // What went wrong; empty for success.
  const std::string& message() const { return message_; }

  friend bool operator==(const Status&, const Status&) = default;
  // "OK", or the message: for test failures.
  friend std::ostream& operator<<(std::ostream& out, const Status& status) {
    return out << (status.ok() ? "OK" : status.message());
  }

 private:
  explicit Status(std::string message) : message_(std::move(message)) {}

  std::string message_;
};

}  // namespace havlak

#endif  // HAVLAK_STATUS_H_
