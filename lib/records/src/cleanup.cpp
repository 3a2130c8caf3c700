#include "waymark/cleanup.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <pthread.h>
#include <set>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include "waymark/errors.hpp"

namespace waymark {

namespace {

std::mutex& registry_mutex() {
  static std::mutex mutex;
  return mutex;
}

std::set<std::string>& registry() {
  static std::set<std::string> paths;
  return paths;
}

std::set<std::filesystem::path>& empty_registry() {
  static std::set<std::filesystem::path> dirs;
  return dirs;
}

#if !defined(__EMSCRIPTEN__)
sigset_t cleanup_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGHUP);
  return signals;
}
#endif

}  // namespace

void install_signal_cleanup() {
#if defined(__EMSCRIPTEN__)
  // The WebAssembly build has no threads to wait for signals, and a page no signals: a node run
  // killed part way may leave its temporary file, as a native run killed with SIGKILL does.
  return;
#else
  // The signals are blocked in every thread and taken by one waiting thread, so the removal runs
  // as ordinary code (not in a signal handler, where little is allowed) while the tool may be
  // blocked reading standard input.
  static std::once_flag once;
  std::call_once(once, [] {
    sigset_t signals = cleanup_signals();
    // A signal ignored when the tool started (a shell's background job ignores SIGINT; nohup,
    // SIGHUP) stays ignored, as the one who started the tool asked.
    for (const int signal : {SIGINT, SIGTERM, SIGHUP}) {
      struct sigaction current {};
      if (sigaction(signal, nullptr, &current) == 0 && current.sa_handler == SIG_IGN) sigdelset(&signals, signal);
    }
    if (pthread_sigmask(SIG_BLOCK, &signals, nullptr) != 0) return;
    std::thread([signals] {
      int signal = 0;
      while (sigwait(&signals, &signal) != 0) {}
      std::lock_guard lock(registry_mutex());  // held to the end: no new temporary after this
      for (const auto& path : registry()) {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
      }
      // Deepest first: a parent made by the same run is empty only once its child is gone.
      std::vector<std::filesystem::path> dirs(empty_registry().begin(), empty_registry().end());
      std::sort(dirs.begin(), dirs.end(), [](const auto& a, const auto& b) { return a.string().size() > b.string().size(); });
      for (const auto& dir : dirs) ::rmdir(dir.c_str());
      std::_Exit(128 + signal);
    }).detach();
  });
#endif
}

std::string create_removed_on_signal(const std::function<std::string()>& create) {
  std::lock_guard lock(registry_mutex());
  std::string path = create();
  if (!path.empty()) registry().insert(path);
  return path;
}

void forget_on_signal(const std::string& path, const std::function<void()>& finish) {
  std::lock_guard lock(registry_mutex());
  if (finish) finish();
  registry().erase(path);
}

void remove_empty_on_signal(const std::filesystem::path& dir) {
  std::lock_guard lock(registry_mutex());
  empty_registry().insert(dir);
}

void forget_empty_on_signal(const std::filesystem::path& dir) {
  std::lock_guard lock(registry_mutex());
  empty_registry().erase(dir);
}

std::vector<std::filesystem::path> create_private_directories(const std::filesystem::path& dir) {
  std::error_code error;
  if (std::filesystem::is_directory(dir, error)) return {};
  std::vector<std::filesystem::path> made;
  if (dir.has_parent_path() && dir.parent_path() != dir) made = create_private_directories(dir.parent_path());
  if (::mkdir(dir.c_str(), 0700) != 0) {
    if (errno != EEXIST) throw Error(ErrorKind::cannot_create, "cannot create " + dir.string() + ": " + std::strerror(errno));
  } else {
    made.insert(made.begin(), dir);
  }
  if (!std::filesystem::is_directory(dir, error))
    throw Error(ErrorKind::cannot_create, "cannot create " + dir.string() + ": it is a file, not a directory");
  return made;
}

}  // namespace waymark
