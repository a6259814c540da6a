#include <refnet/base/file.hpp>

#include <refnet/base/error.hpp>

#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <vector>
#include <random>

namespace refnet {

bool is_gzip(std::string_view data) {
  return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
         static_cast<unsigned char>(data[1]) == 0x8b;
}

std::string gunzip(std::string_view data, const std::string& name) {
  constexpr std::size_t kChunk = std::size_t{1} << 30;  // zlib counts in 32-bit units
  std::string out;
  out.reserve(std::max<std::size_t>(data.size() * 4, 1 << 16));
  z_stream zs{};
  // 16 + MAX_WBITS: expect the gzip wrapper.
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) throw std::runtime_error("zlib: inflateInit2 failed");
  auto position = [&] { return static_cast<std::size_t>(reinterpret_cast<const char*>(zs.next_in) - data.data()); };
  auto feed = [&](std::size_t from) {
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + from));
    zs.avail_in = static_cast<uInt>(std::min(kChunk, data.size() - from));
  };
  feed(0);
  while (true) {
    if (out.size() == out.capacity()) out.reserve(out.capacity() * 2);
    const std::size_t old_size = out.size();
    const std::size_t room = std::min(out.capacity() - old_size, kChunk);
    out.resize(old_size + room);
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + old_size);
    zs.avail_out = static_cast<uInt>(room);
    const int rc = inflate(&zs, Z_NO_FLUSH);
    out.resize(old_size + (room - zs.avail_out));
    if (rc == Z_STREAM_END) {
      // Another gzip member may follow: read it too, as gzip -d does.
      const std::size_t used = position();
      if (used < data.size() && is_gzip(data.substr(used))) {
        inflateReset(&zs);
        feed(used);
        continue;
      }
      break;
    }
    if (zs.avail_in == 0 && position() < data.size()) feed(position());
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) {
      inflateEnd(&zs);
      throw InputError(name, 0, 0, "truncated gzip stream (the file ends before the compressed data does)");
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      const std::string msg = zs.msg ? zs.msg : "unknown error";
      inflateEnd(&zs);
      throw InputError(name, 0, 0, "corrupt gzip stream: " + msg);
    }
  }
  inflateEnd(&zs);
  return out;
}

namespace {
std::string to_hex(const unsigned char* digest, unsigned int len) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(len * 2);
  for (unsigned i = 0; i < len; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 15]);
  }
  return hex;
}
}  // namespace

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("sha256 failed");
  return to_hex(digest, len);
}

std::string sha256_file(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw InputError(path, 0, 0, std::string("cannot open: ") + std::strerror(errno));
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
  std::vector<char> buf(std::size_t{1} << 20);
  std::size_t k;
  while ((k = std::fread(buf.data(), 1, buf.size(), f)) > 0) EVP_DigestUpdate(ctx.get(), buf.data(), k);
  const bool failed = std::ferror(f);
  std::fclose(f);
  if (failed) throw InputError(path, 0, 0, "read error");
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx.get(), digest, &len);
  return to_hex(digest, len);
}

std::string read_input_file(const std::string& path, std::string* raw_sha256) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) throw InputError(path, 0, 0, "no such file");
    throw InputError(path, 0, 0, std::string("cannot open: ") + std::strerror(errno));
  }
  if (S_ISDIR(st.st_mode)) throw InputError(path, 0, 0, "is a directory, expected a file");
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw InputError(path, 0, 0, std::string("cannot open: ") + std::strerror(errno));
  std::string data;
  if (S_ISREG(st.st_mode)) data.resize(static_cast<std::size_t>(st.st_size));
  std::size_t got = data.empty() ? 0 : std::fread(data.data(), 1, data.size(), f);
  data.resize(got);
  // Pipes and files that grew: read to the end.
  char buf[1 << 16];
  std::size_t k;
  while ((k = std::fread(buf, 1, sizeof buf, f)) > 0) data.append(buf, k);
  const bool failed = std::ferror(f);
  std::fclose(f);
  if (failed) throw InputError(path, 0, 0, "read error");
  if (raw_sha256) *raw_sha256 = sha256_hex(data);
  if (is_gzip(data)) data = gunzip(data, path);
  // A UTF-8 byte-order mark (spreadsheet exports write one) is not content.
  if (data.size() >= 3 && data.compare(0, 3, "\xEF\xBB\xBF") == 0) data.erase(0, 3);
  return data;
}

void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (!fs::is_directory(dir)) throw InputError(path, 0, 0, "output folder does not exist");
  std::random_device rd;
  // A hidden name beside the target, so that the rename stays on one file system.
  std::string name = ".";
  name.append(target.filename().string()).append(".tmp").append(std::to_string(::getpid()));
  name.append("-").append(std::to_string(rd()));
  const fs::path tmp = dir / name;
  try {
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      if (!out) throw std::runtime_error("cannot create " + tmp.string());
      write(out);
      out.flush();
      if (!out) throw std::runtime_error("write failed for " + path + " (disk full?)");
    }
    fs::rename(tmp, target);
  } catch (...) {
    std::error_code ec;
    fs::remove(tmp, ec);
    throw;
  }
}

std::pair<std::uint64_t, std::uint64_t> line_and_column(std::string_view data, std::size_t offset) {
  offset = std::min(offset, data.size());
  const std::string_view before = data.substr(0, offset);
  const std::uint64_t line = 1 + std::count(before.begin(), before.end(), '\n');
  const std::size_t newline = before.rfind('\n');
  const std::size_t line_start = newline == std::string_view::npos ? 0 : newline + 1;
  return {line, offset - line_start + 1};
}

}  // namespace refnet
