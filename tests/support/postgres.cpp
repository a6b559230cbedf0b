#include "support/postgres.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <thread>

#include <fcntl.h>
#include <fmt/format.h>
#include <pqxx/pqxx>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace migrate::testing {
namespace {

// ---- Process-wide state. Tests need one server and one cleanup per process, whatever the caller.

// The stop command's argv, for the one who stops the cluster first: release_server() or a signal
// handler, which may call only async-signal-safe functions and so cannot build it. Leaked on
// purpose, so that it outlives static destruction.
std::atomic<char* const*> armed_stop_argv{nullptr};

// Destroyed at exit, which releases the server if release_server() has not and removes the
// temporary directories.
struct Harness {
  std::mutex server_mutex;
  std::string url;                         // empty until server_url() first succeeds
  std::optional<std::string> start_error;  // so that a failed start is not retried by every test
  bool external = false;                   // MIGRATE_TEST_URL: its databases must be dropped
  std::vector<std::string> databases;      // made by fresh_database()

  std::mutex dirs_mutex;
  std::vector<std::filesystem::path> temp_dirs;

  ~Harness();
};

Harness& harness() {
  static Harness instance;
  return instance;
}

[[noreturn]] void throw_errno(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

// ---- run_command

// Everything the child needs, built before fork(): between fork and exec the child of a
// multithreaded process may call only async-signal-safe functions.
struct ChildPlan {
  std::vector<std::string> env;
  std::vector<char*> argv;
  std::vector<char*> envp;
  std::string exec_failed;  // the message the child writes when exec fails
  std::string chdir_failed;
  const char* working_dir = nullptr;
};

std::vector<std::string> merged_environment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> env;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string_view variable = *entry;
    if (!extra.contains(std::string(variable.substr(0, variable.find('='))))) {
      env.emplace_back(variable);
    }
  }
  for (const auto& [name, value] : extra) env.push_back(name + "=" + value);
  return env;
}

// The plan points into argv and working_dir, which must outlive it.
ChildPlan plan_child(const std::vector<std::string>& argv,
                     const std::map<std::string, std::string>& extra_env,
                     const std::string& working_dir) {
  if (argv.empty()) throw std::invalid_argument("run_command: argv is empty");
  ChildPlan plan;
  plan.env = merged_environment(extra_env);
  for (const auto& arg : argv) plan.argv.push_back(const_cast<char*>(arg.c_str()));
  plan.argv.push_back(nullptr);
  for (auto& variable : plan.env) plan.envp.push_back(variable.data());
  plan.envp.push_back(nullptr);
  plan.exec_failed = fmt::format("run_command: cannot run '{}'\n", argv[0]);
  plan.chdir_failed = fmt::format("run_command: cannot enter '{}'\n", working_dir);
  if (!working_dir.empty()) plan.working_dir = working_dir.c_str();
  return plan;
}

[[noreturn]] void fail_in_child(const std::string& message) {
  [[maybe_unused]] const auto written = write(STDERR_FILENO, message.data(), message.size());
  _exit(127);
}

[[noreturn]] void exec_child(const ChildPlan& plan, int out_fd, int err_fd) {
  const int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null_fd < 0 || dup2(null_fd, STDIN_FILENO) < 0 || dup2(out_fd, STDOUT_FILENO) < 0 ||
      dup2(err_fd, STDERR_FILENO) < 0) {
    _exit(127);
  }
  if (plan.working_dir != nullptr && chdir(plan.working_dir) != 0) fail_in_child(plan.chdir_failed);
  execvpe(plan.argv[0], plan.argv.data(), plan.envp.data());
  fail_in_child(plan.exec_failed);
}

// Output goes to memory files rather than pipes: no deadlock when both fill up, and no wait for
// EOF when the child leaves a daemon behind (pg_ctl start) that inherited them.
class CaptureFile {
 public:
  explicit CaptureFile(const char* name) : fd_(memfd_create(name, MFD_CLOEXEC)) {
    if (fd_ < 0) throw_errno("memfd_create");
  }
  CaptureFile(const CaptureFile&) = delete;
  CaptureFile& operator=(const CaptureFile&) = delete;
  ~CaptureFile() { close(fd_); }
  int fd() const { return fd_; }
  std::string contents() const;

 private:
  int fd_;
};

std::string CaptureFile::contents() const {
  std::string text;
  char buffer[65536];
  for (off_t offset = 0;;) {
    const ssize_t n = pread(fd_, buffer, sizeof buffer, offset);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw_errno("reading a child's output");
    if (n == 0) return text;
    text.append(buffer, static_cast<std::size_t>(n));
    offset += n;
  }
}

int wait_for(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw_errno("waitpid");
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// ---- The throwaway cluster

std::string dev_postgres_script() { return MIGRATE_SOURCE_DIR "/scripts/dev-postgres"; }

void arm_stop(const std::filesystem::path& state_dir) {
  const std::vector<std::string> args = {dev_postgres_script(), "stop", "--state-dir",
                                         state_dir.string()};
  auto** argv = new char*[args.size() + 1];
  for (std::size_t i = 0; i < args.size(); ++i) argv[i] = strdup(args[i].c_str());
  argv[args.size()] = nullptr;
  armed_stop_argv.store(argv);
}

// Armed before the start, so that a signal during it still stops whatever it recorded.
std::string start_throwaway_cluster() {
  const std::filesystem::path state_dir = make_temp_dir("migrate-test-pg");
  stop_server_on_signals();
  arm_stop(state_dir);
  const CommandResult started =
      run_command({dev_postgres_script(), "start", "--state-dir", state_dir.string()});
  if (started.exit_code != 0) {
    throw std::runtime_error(fmt::format("{} start failed (exit {}):\n{}", dev_postgres_script(),
                                         started.exit_code, started.err));
  }
  return started.out.substr(0, started.out.find('\n'));
}

// Runs the armed stop command unless a signal handler has or there is no throwaway cluster.
void stop_armed_cluster() {
  char* const* argv = armed_stop_argv.exchange(nullptr);
  if (argv == nullptr) return;
  const CommandResult stopped = run_command({argv[0], argv[1], argv[2], argv[3]});
  if (stopped.exit_code != 0) {
    std::cerr << "warning: stopping the test cluster failed:\n" << stopped.err;
  }
  // Disarmed: no signal handler can reach it any more.
  for (char* const* arg = argv; *arg != nullptr; ++arg) std::free(*arg);
  delete[] argv;
}

// Runs in a signal handler: _Fork, sigprocmask, execve and waitpid are async-signal-safe.
void run_stop_in_handler(char* const* argv) {
  const pid_t pid = _Fork();
  if (pid == 0) {
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);  // the handled signal is blocked, and exec keeps that
    execve(argv[0], argv, environ);
    _exit(127);
  }
  while (pid > 0 && waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
  }
}

// SA_RESETHAND has put back the default action, which the re-raised signal gets on return.
extern "C" void stop_server_and_reraise(int signal_number) {
  const int saved_errno = errno;
  if (char* const* argv = armed_stop_argv.exchange(nullptr)) run_stop_in_handler(argv);
  errno = saved_errno;
  raise(signal_number);
}

// A URL naming the database `name` on the server of `server_url`, a URL or key=value conninfo.
std::string database_url(const std::string& server_url, const std::string& name) {
  const auto scheme_end = server_url.find("://");
  if (scheme_end == std::string::npos) return server_url + " dbname=" + name;
  const auto path = server_url.find('/', scheme_end + 3);
  const auto query = server_url.find('?', scheme_end + 3);
  if (path == std::string::npos || (query != std::string::npos && query < path)) {
    const auto host_end = query == std::string::npos ? server_url.size() : query;
    return server_url.substr(0, host_end) + "/" + name + server_url.substr(host_end);
  }
  const auto path_end = query == std::string::npos ? server_url.size() : query;
  return server_url.substr(0, path + 1) + name + server_url.substr(path_end);
}

// psql rather than libpqxx, whose own statics may be gone when the Harness destructor runs.
void drop_databases(const std::string& server_url, const std::vector<std::string>& names) {
  if (names.empty()) return;
  std::vector<std::string> argv = {client_program("psql"), "-X", "-q",      "-v",
                                   "ON_ERROR_STOP=1",      "-d", server_url};
  for (const auto& name : names) {
    argv.insert(argv.end(), {"-c", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"});
  }
  const CommandResult dropped = run_command(argv);
  if (dropped.exit_code != 0) {
    std::cerr << "warning: dropping the test databases failed:\n" << dropped.err;
  }
}

// Ends this process's use of the server; the caller holds server_mutex or is the destructor.
void release(Harness& state) {
  stop_armed_cluster();
  if (state.external) drop_databases(state.url, state.databases);
  state.databases.clear();
  state.url.clear();
  state.external = false;
}

Harness::~Harness() {
  // A destructor must not throw, and a failed cleanup must not hide the tests' outcome.
  try {
    release(*this);
  } catch (const std::exception& e) {
    std::cerr << "warning: releasing the test server failed: " << e.what() << '\n';
  }
  std::error_code ignored;
  for (const auto& dir : temp_dirs) std::filesystem::remove_all(dir, ignored);
}

// ---- pg_dump_schema

bool varies_between_dumps(std::string_view line) {
  return line.starts_with("--") || line.starts_with("SET ") ||
         line.starts_with("SELECT pg_catalog.set_config") || line.starts_with("\\restrict") ||
         line.starts_with("\\unrestrict");  // random keys, pg_dump 15.14 on
}

std::string normalized_dump(const std::string& dump) {
  std::istringstream lines(dump);
  std::string line;
  std::string result;
  bool blank_pending = false;
  while (std::getline(lines, line)) {
    if (varies_between_dumps(line)) continue;
    if (line.empty()) {
      blank_pending = !result.empty();
      continue;
    }
    if (blank_pending) result += '\n';
    blank_pending = false;
    result += line + '\n';
  }
  return result;
}

}  // namespace

std::string server_url() {
  Harness& state = harness();
  std::lock_guard lock(state.server_mutex);
  if (!state.url.empty()) return state.url;
  if (state.start_error) throw std::runtime_error(*state.start_error);
  if (const char* external = std::getenv("MIGRATE_TEST_URL"); external && *external) {
    state.external = true;
    state.url = external;
    return state.url;
  }
  try {
    state.url = start_throwaway_cluster();
  } catch (const std::exception& e) {
    state.start_error = e.what();
    throw;
  }
  return state.url;
}

void release_server() {
  Harness& state = harness();
  std::lock_guard lock(state.server_mutex);
  release(state);
}

void stop_server_on_signals() {
  static std::once_flag installed;
  std::call_once(installed, [] {
    struct sigaction action = {};
    action.sa_handler = stop_server_and_reraise;
    action.sa_flags = SA_RESETHAND | SA_RESTART;
    sigemptyset(&action.sa_mask);
    for (const int signal_number :
         {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL}) {
      struct sigaction current = {};
      sigaction(signal_number, nullptr, &current);
      // An ignored signal (nohup) stays ignored; someone else's handler stays theirs.
      if (current.sa_handler == SIG_DFL) sigaction(signal_number, &action, nullptr);
    }
  });
}

TestDatabase fresh_database() {
  static std::atomic<int> counter{0};
  const std::string name = fmt::format("migrate_test_{}_{}", getpid(), ++counter);
  const std::string server = server_url();
  execute_sql(server, "CREATE DATABASE " + name);  // the name needs no quoting
  Harness& state = harness();
  {
    std::lock_guard lock(state.server_mutex);
    state.databases.push_back(name);
  }
  return {name, database_url(server, name)};
}

const std::string& client_program(const std::string& name) {
  static std::mutex mutex;
  static std::map<std::string, std::string> found;
  std::lock_guard lock(mutex);
  if (const auto it = found.find(name); it != found.end()) return it->second;
  std::string path = name;
  const CommandResult bindir = run_command({"pg_config", "--bindir"});
  if (bindir.exit_code == 0) {
    std::string dir = bindir.out;
    while (!dir.empty() && (dir.back() == '\n' || dir.back() == ' ')) dir.pop_back();
    if (std::filesystem::exists(dir + "/" + name)) path = dir + "/" + name;
  }
  return found.emplace(name, path).first->second;
}

void execute_sql(const std::string& url, const std::string& sql) {
  pqxx::connection connection{url};
  pqxx::nontransaction transaction{connection};
  transaction.exec(sql);
}

std::string psql_file(const std::string& url, const std::string& file) {
  const CommandResult result = run_command(
      {client_program("psql"), "-v", "ON_ERROR_STOP=1", "-X", "-q", "-f", file, "-d", url});
  if (result.exit_code != 0) {
    throw std::runtime_error(
        fmt::format("psql -f {} failed (exit {}):\n{}", file, result.exit_code, result.err));
  }
  return result.out;
}

std::string pg_dump_schema(const std::string& url) {
  const CommandResult result =
      run_command({client_program("pg_dump"), "--schema-only", "--no-owner", "--dbname=" + url});
  if (result.exit_code != 0) {
    throw std::runtime_error(
        fmt::format("pg_dump failed (exit {}):\n{}", result.exit_code, result.err));
  }
  return normalized_dump(result.out);
}

CommandResult run_command(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& extra_env,
                          const std::string& working_dir) {
  const ChildPlan plan = plan_child(argv, extra_env, working_dir);
  const CaptureFile out("stdout");
  const CaptureFile err("stderr");
  const pid_t pid = fork();
  if (pid < 0) throw_errno("fork");
  if (pid == 0) exec_child(plan, out.fd(), err.fd());
  const int exit_code = wait_for(pid);
  return {exit_code, out.contents(), err.contents()};
}

CommandResult run_command_killed_after(const std::vector<std::string>& argv,
                                       std::chrono::microseconds kill_after,
                                       const std::map<std::string, std::string>& extra_env,
                                       const std::string& working_dir) {
  const ChildPlan plan = plan_child(argv, extra_env, working_dir);
  const CaptureFile out("stdout");
  const CaptureFile err("stderr");
  const auto deadline = std::chrono::steady_clock::now() + kill_after;
  const pid_t pid = fork();
  if (pid < 0) throw_errno("fork");
  if (pid == 0) exec_child(plan, out.fd(), err.fd());
  int status = 0;
  for (;;) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done < 0 && errno != EINTR) throw_errno("waitpid");
    if (done == pid) {
      return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), out.contents(),
              err.contents()};
    }
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) break;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
        deadline - now, std::chrono::microseconds(200)));
  }
  kill(pid, SIGKILL);
  const int exit_code = wait_for(pid);
  return {exit_code, out.contents(), err.contents()};
}

std::filesystem::path make_temp_dir(const std::string& prefix) {
  std::string pattern = (std::filesystem::temp_directory_path() / (prefix + ".XXXXXX")).string();
  if (mkdtemp(pattern.data()) == nullptr) throw_errno("mkdtemp " + pattern);
  Harness& state = harness();
  std::lock_guard lock(state.dirs_mutex);
  state.temp_dirs.emplace_back(pattern);
  return pattern;
}

}  // namespace migrate::testing
