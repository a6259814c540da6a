#include <refnet/base/output_set.hpp>

#include <refnet/base/error.hpp>
#include <refnet/base/file.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <random>
#include <set>
#include <stdexcept>
#include <streambuf>
#include <vector>

namespace refnet {

namespace {

namespace fs = std::filesystem;

std::mutex& staged_mutex() {
  static std::mutex m;
  return m;
}
std::set<std::string>& staged_paths() {
  static std::set<std::string> s;
  return s;
}

std::string errno_text(int err) { return std::strerror(err); }

// Writes all of [data, data + size) to fd; false with `error` set on failure.
bool write_all(int fd, const char* data, std::size_t size, int& error) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = errno;
      return false;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

// An ostream buffer over a file descriptor that remembers the first errno.
class FdBuf final : public std::streambuf {
 public:
  explicit FdBuf(int fd) : fd_(fd), buffer_(std::size_t{1} << 20) { reset(); }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override {
    if (!flush_buffer()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return flush_buffer() ? 0 : -1; }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (static_cast<std::size_t>(n) < buffer_.size() / 2) return std::streambuf::xsputn(s, n);
    // Large writes (snapshot arrays) go straight to the descriptor.
    if (!flush_buffer() || !write_all(fd_, s, static_cast<std::size_t>(n), error_)) return 0;
    return n;
  }

 private:
  void reset() { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  bool flush_buffer() {
    if (error_) return false;
    const std::size_t n = static_cast<std::size_t>(pptr() - pbase());
    if (n > 0 && !write_all(fd_, pbase(), n, error_)) return false;
    reset();
    return true;
  }
  int fd_;
  std::vector<char> buffer_;
  int error_ = 0;
};

int open_for_writing(const std::string& path, int flags) {
  int fd;
  do {
    fd = ::open(path.c_str(), flags | O_WRONLY | O_CLOEXEC | O_NOCTTY, 0666);
  } while (fd < 0 && errno == EINTR);
  return fd;
}

// Runs fill() on a stream into `path` (truncated); throws naming `shown`.
void fill_file(const std::string& path, const std::string& shown, const std::function<void(std::ostream&)>& fill) {
  const int fd = open_for_writing(path, O_TRUNC);
  if (fd < 0) throw std::runtime_error("cannot write " + shown + ": " + errno_text(errno));
  FdBuf buf(fd);
  std::ostream out(&buf);
  try {
    fill(out);
    out.flush();
  } catch (...) {
    ::close(fd);
    throw;
  }
  const int error = buf.error() ? buf.error() : (!out ? EIO : 0);
  const int closed = ::close(fd) == 0 ? 0 : errno;
  if (error || closed) throw std::runtime_error("cannot write " + shown + ": " + errno_text(error ? error : closed));
}

std::string unique_suffix() {
  static std::atomic<unsigned> counter{0};
  static const unsigned salt = std::random_device{}();
  return std::to_string(::getpid()) + "-" + std::to_string(salt % 100000) + std::to_string(counter++);
}

enum class Kind { kStdout, kReplace, kDirect };

}  // namespace

struct OutputSet::Target {
  std::string path;      // as given
  std::string option;    // the option that named it
  Kind kind = Kind::kReplace;
  std::string resolved;  // kReplace: the file to replace, links followed; kDirect: the path
  std::string identity;  // the same file under any name
  std::string temp;      // once staged
  bool keep_mode = false;
  mode_t mode = 0;
};

bool is_staged_output(const std::string& path) {
  const std::lock_guard lock(staged_mutex());
  return staged_paths().count(path) > 0;
}

OutputSet::OutputSet() = default;

OutputSet::~OutputSet() {
  for (const Target& t : targets_) {
    if (t.temp.empty()) continue;
    ::unlink(t.temp.c_str());
    const std::lock_guard lock(staged_mutex());
    staged_paths().erase(t.temp);
  }
}

namespace {

// What writing `path` means: see the header.
void resolve(const std::string& path, Kind& kind, std::string& resolved, std::string& identity, bool& keep_mode,
             mode_t& mode) {
  keep_mode = false;
  if (path == "-") {
    kind = Kind::kStdout;
    identity = "stdout";
    return;
  }
  if (path.empty()) throw UsageError("an empty output path");
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) throw InputError(path, 0, 0, "is a directory, expected an output file");
    identity = "inode:" + std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
    if (!S_ISREG(st.st_mode)) {
      kind = Kind::kDirect;  // a FIFO or device is written, never replaced
      resolved = path;
      return;
    }
    char* real = ::realpath(path.c_str(), nullptr);
    if (!real) throw InputError(path, 0, 0, "cannot resolve the output path: " + errno_text(errno));
    resolved = real;
    std::free(real);
    kind = Kind::kReplace;
    keep_mode = true;
    mode = st.st_mode & 07777;
    return;
  }
  if (errno != ENOENT) throw InputError(path, 0, 0, "cannot write here: " + errno_text(errno));
  // Missing, or a dangling link: follow the chain to the name to create.
  fs::path p(path);
  for (int hops = 0;; ++hops) {
    if (hops > 40) throw InputError(path, 0, 0, "too many levels of symbolic links");
    struct stat lst {};
    if (::lstat(p.c_str(), &lst) != 0) break;
    if (!S_ISLNK(lst.st_mode)) break;
    std::error_code ec;
    const fs::path target = fs::read_symlink(p, ec);
    if (ec) throw InputError(path, 0, 0, "cannot read the symbolic link " + p.string() + ": " + ec.message());
    p = target.is_absolute() ? target : p.parent_path() / target;
  }
  const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw InputError(path, 0, 0, "output folder does not exist");
  const fs::path real_dir = fs::canonical(dir, ec);
  if (ec) throw InputError(path, 0, 0, "cannot resolve the output folder: " + ec.message());
  resolved = (real_dir / p.filename()).string();
  identity = "path:" + resolved;
  kind = Kind::kReplace;
}

}  // namespace

OutputSet::Target& OutputSet::find_or_declare(const std::string& path, const std::string& option) {
  if (committed_) throw std::logic_error("OutputSet: declared after commit");
  Target t;
  t.path = path;
  t.option = option;
  resolve(path, t.kind, t.resolved, t.identity, t.keep_mode, t.mode);
  for (Target& other : targets_) {
    if (other.identity != t.identity) continue;
    if (other.option == option || option == "output") return other;
    const std::string what = t.kind == Kind::kStdout ? "standard output" : "the same file";
    throw UsageError(other.option + " and " + option + " name " + what + " (" + other.path +
                     (other.path == path ? "" : ", " + path) + "): give each output its own path");
  }
  if (t.kind == Kind::kReplace) {
    // A hidden temporary file of an earlier run that was killed before its rename.
    const fs::path target(t.resolved);
    const std::string prefix = "." + target.filename().string() + ".tmp";
    std::error_code ec;
    for (fs::directory_iterator it(target.parent_path(), ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (name.compare(0, prefix.size(), prefix) == 0)
        warnings_.push_back("stale temporary file " + it->path().string() +
                            " (left by an interrupted run of refnet?): remove it");
    }
  }
  targets_.push_back(std::move(t));
  return targets_.back();
}

void OutputSet::declare(const std::string& path, const std::string& option) { find_or_declare(path, option); }

std::string OutputSet::stage(const std::string& path) {
  Target& t = find_or_declare(path, "output");
  if (!t.temp.empty()) throw std::logic_error("OutputSet: " + path + " staged twice");
  std::string temp;
  int fd = -1;
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    if (t.kind == Kind::kReplace) {
      const fs::path target(t.resolved);
      // Beside the target, so that the rename stays on one file system.
      temp = (target.parent_path() / ("." + target.filename().string() + ".tmp" + unique_suffix())).string();
    } else {
      const char* tmpdir = std::getenv("TMPDIR");
      temp = std::string(tmpdir && *tmpdir ? tmpdir : "/tmp") + "/refnet-spool-" + unique_suffix();
    }
    fd = ::open(temp.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, t.kind == Kind::kReplace ? 0666 : 0600);
    if (fd < 0 && errno != EEXIST) throw std::runtime_error("cannot create " + temp + ": " + errno_text(errno));
  }
  if (fd < 0) throw std::runtime_error("cannot create a temporary file for " + path);
  if (t.keep_mode) (void)::fchmod(fd, t.mode);  // the replaced file keeps its permissions
  ::close(fd);
  t.temp = temp;
  const std::lock_guard lock(staged_mutex());
  staged_paths().insert(temp);
  return temp;
}

void OutputSet::write(const std::string& path, const std::function<void(std::ostream&)>& fill) {
  const std::string temp = stage(path);
  fill_file(temp, path == "-" ? "standard output" : path, fill);
}

void OutputSet::write(const std::string& path, std::string_view content) {
  write(path, [&](std::ostream& out) { out.write(content.data(), static_cast<std::streamsize>(content.size())); });
}

void OutputSet::commit() {
  committed_ = true;
  // First what can fail half-way (standard output, FIFOs, devices), then the renames.
  for (const Target& t : targets_) {
    if (t.temp.empty() || t.kind == Kind::kReplace) continue;
    const bool out = t.kind == Kind::kStdout;
    const std::string shown = out ? "standard output" : t.path;
    if (out) {
      std::cout.flush();
      std::fflush(stdout);
    }
    const int fd = out ? 1 : open_for_writing(t.resolved, 0);
    if (fd < 0) throw std::runtime_error("cannot write " + shown + ": " + errno_text(errno));
    const int in = ::open(t.temp.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) throw std::runtime_error("cannot read back " + t.temp + ": " + errno_text(errno));
    std::vector<char> buf(std::size_t{1} << 20);
    int error = 0;
    while (true) {
      const ssize_t n = ::read(in, buf.data(), buf.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        error = errno;
        break;
      }
      if (n == 0 || !write_all(fd, buf.data(), static_cast<std::size_t>(n), error)) break;
    }
    ::close(in);
    if (!out && ::close(fd) != 0 && !error) error = errno;
    if (error) throw std::runtime_error("cannot write " + shown + ": " + errno_text(error));
  }
  for (Target& t : targets_) {
    if (t.temp.empty() || t.kind != Kind::kReplace) continue;
    if (::rename(t.temp.c_str(), t.resolved.c_str()) != 0)
      throw std::runtime_error("cannot replace " + t.path + ": " + errno_text(errno));
    const std::lock_guard lock(staged_mutex());
    staged_paths().erase(t.temp);
    t.temp.clear();
  }
}

std::vector<std::string> OutputSet::take_warnings() {
  std::vector<std::string> out;
  out.swap(warnings_);
  return out;
}

void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write) {
  if (is_staged_output(path)) {  // already a private temporary file: written in place
    fill_file(path, path, write);
    return;
  }
  OutputSet one;
  one.write(path, write);
  one.commit();
}

}  // namespace refnet
