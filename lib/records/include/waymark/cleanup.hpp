// What an interrupted run must not leave behind: temporary files and staging folders hold records
// about children, so SIGINT, SIGTERM and SIGHUP remove them before the tool exits.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace waymark {

// Once, before any other thread starts (Tool::run does it): from then on SIGINT, SIGTERM and
// SIGHUP remove every path registered below and end the process with 128 + the signal's number,
// as a shell reports a process a signal ended.
void install_signal_cleanup();

// Runs `create`, which makes a temporary file or folder and returns its path ("" if it made
// none), and registers the path for removal on a signal, with no moment between in which a signal
// would leave it behind. Returns the path.
std::string create_removed_on_signal(const std::function<std::string()>& create);
// The path is committed or already removed: a signal leaves it alone. `finish` (a rename into
// place) runs first, with no moment between in which a signal would remove what it finished.
void forget_on_signal(const std::string& path, const std::function<void()>& finish = {});

// Folders a run made (`-o new/`): a signal removes them after the paths above if they are then
// empty, deepest first, so an interrupted run leaves no empty folder. Forget them once committed.
void remove_empty_on_signal(const std::filesystem::path& dir);
void forget_empty_on_signal(const std::filesystem::path& dir);

// Creates `dir` and any missing parents readable by their owner only (0700), whatever the umask;
// existing folders are left as they are. Returns those it made, deepest first. Throws
// Error(cant_create) with the reason.
std::vector<std::filesystem::path> create_private_directories(const std::filesystem::path& dir);

}  // namespace waymark
