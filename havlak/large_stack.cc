#include "havlak/large_stack.h"

#include <pthread.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

namespace havlak {
namespace {

// A recursive DFS frame is well under this; sanitizers make frames larger.
#if defined(__SANITIZE_ADDRESS__)
constexpr std::size_t kStackBytesPerBlock = 2048;
#else
constexpr std::size_t kStackBytesPerBlock = 512;
#endif
constexpr std::size_t kMinStackBytes = std::size_t{64} << 20;

struct Job {
  const std::function<void()>* task;
  std::exception_ptr error;
};

void* RunJob(void* arg) {
  Job* job = static_cast<Job*>(arg);
  try {
    (*job->task)();
  } catch (...) {
    job->error = std::current_exception();
  }
  return nullptr;
}

// "64 MiB", "22.2 GiB".
std::string Size(std::size_t bytes) {
  char text[48];
  const double mib = static_cast<double>(bytes) / (1 << 20);
  if (mib < 1024) {
    std::snprintf(text, sizeof(text), "%.0f MiB", mib);
  } else {
    std::snprintf(text, sizeof(text), "%.1f GiB", mib / 1024);
  }
  return text;
}

}  // namespace

std::size_t StackBytesForBlocks(std::int64_t blocks) {
  return std::max(kMinStackBytes,
                  static_cast<std::size_t>(std::max<std::int64_t>(blocks, 0)) *
                      kStackBytesPerBlock);
}

std::size_t StackBytesFor(std::int64_t blocks, bool recursive) {
  return recursive ? StackBytesForBlocks(blocks) : 0;
}

void RunOnLargeStack(std::size_t stack_bytes,
                     const std::function<void()>& task) {
  pthread_attr_t attributes;
  if (const int error = pthread_attr_init(&attributes); error != 0) {
    throw std::runtime_error(std::string("pthread_attr_init: ") +
                             std::strerror(error));
  }
  Job job{&task, nullptr};
  pthread_t thread{};
  int error = pthread_attr_setstacksize(&attributes, stack_bytes);
  if (error == 0) error = pthread_create(&thread, &attributes, RunJob, &job);
  pthread_attr_destroy(&attributes);
  if (error != 0) {
    throw StackLimitError("cannot reserve a stack of " + Size(stack_bytes) +
                          ": " + std::strerror(error));
  }
  pthread_join(thread, nullptr);
  if (job.error) std::rethrow_exception(job.error);
}

void RunOnStackFor(std::int64_t blocks, bool recursive,
                   const std::function<void()>& task) {
  if (!recursive) {
    task();
    return;
  }
  try {
    RunOnLargeStack(StackBytesFor(blocks, recursive), task);
  } catch (const StackLimitError& error) {
    throw StackLimitError(std::string(error.what()) + " (" +
                          std::to_string(kStackBytesPerBlock) +
                          " bytes for each of " + std::to_string(blocks) +
                          " blocks, for a recursive search; see ulimit -v "
                          "and the kernel's overcommit limit)");
  }
}

}  // namespace havlak
