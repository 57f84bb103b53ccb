#include "havlak/large_stack.h"

#include <pthread.h>

#include <algorithm>
#include <cstring>
#include <exception>
#include <stdexcept>
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

void Check(int error, const char* what) {
  if (error != 0) {
    throw std::runtime_error(std::string(what) + ": " + std::strerror(error));
  }
}

}  // namespace

std::size_t StackBytesForBlocks(std::int64_t blocks) {
  return std::max(kMinStackBytes,
                  static_cast<std::size_t>(std::max<std::int64_t>(blocks, 0)) *
                      kStackBytesPerBlock);
}

void RunOnLargeStack(std::size_t stack_bytes,
                     const std::function<void()>& task) {
  pthread_attr_t attributes;
  Check(pthread_attr_init(&attributes), "pthread_attr_init");
  Job job{&task, nullptr};
  pthread_t thread{};
  int error = pthread_attr_setstacksize(&attributes, stack_bytes);
  if (error == 0) error = pthread_create(&thread, &attributes, RunJob, &job);
  pthread_attr_destroy(&attributes);
  Check(error, "starting a thread with a large stack");
  Check(pthread_join(thread, nullptr), "pthread_join");
  if (job.error) std::rethrow_exception(job.error);
}

}  // namespace havlak
