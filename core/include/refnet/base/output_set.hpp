// The outputs of one command, written in full and then committed together, so
// that a failing run leaves none of them and a finished one leaves all.
//
// What an output path is decides how it is written:
//  - "-": standard output, written at commit;
//  - a regular file, or a name that does not exist yet: written to a hidden
//    temporary file beside it (`.NAME.tmpPID-N`) and renamed over it at commit,
//    so it is replaced atomically (its permission bits are kept);
//  - a symbolic link: followed (the whole chain, dangling or not), and its
//    final target replaced atomically as above; the link stays a link;
//  - a FIFO, a character or block device, a socket: never renamed over (that
//    would replace the node itself), but opened and written at commit.
// Content for standard output and non-regular files waits in a spool file in
// $TMPDIR (or /tmp) until the commit. Every write is checked (write(2) and
// close(2) results), and an error is an exception naming the file and errno.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace refnet {

class OutputSet {
 public:
  OutputSet();
  ~OutputSet();  // removes every temporary file that was not committed
  OutputSet(const OutputSet&) = delete;
  OutputSet& operator=(const OutputSet&) = delete;

  // Declares `path` as the output that `option` names ("-o", "--report"), so
  // that problems show before any work: UsageError when another option names
  // the same file (through any path or link), InputError when its folder does
  // not exist or it is a directory. A stale temporary file beside it (left by a
  // killed run) adds a warning. Declaring the same path under the same option
  // again does nothing.
  void declare(const std::string& path, const std::string& option);

  // A private path to write `path`'s content to; `path` becomes that content at
  // commit. Declares `path` (option "output") when it was not. Each output is
  // staged once.
  std::string stage(const std::string& path);
  // Stages `path` and writes it through a stream; the stream's errors throw.
  void write(const std::string& path, const std::function<void(std::ostream&)>& fill);
  void write(const std::string& path, std::string_view content);

  // Writes standard output and the non-regular targets, then renames the
  // temporary files over their targets. Throws std::runtime_error naming the
  // file on a write or rename error. Nothing can be staged afterwards.
  void commit();

  // Warnings found while declaring (stale temporary files), each once.
  std::vector<std::string> take_warnings();

 private:
  struct Target;
  Target& find_or_declare(const std::string& path, const std::string& option);
  std::vector<Target> targets_;
  std::vector<std::string> warnings_;
  bool committed_ = false;
};

// Whether `path` is a temporary file handed out by an OutputSet of this
// process (write_file_atomically writes such a path in place).
bool is_staged_output(const std::string& path);

}  // namespace refnet
