#include <refnet/base/file.hpp>

#include <refnet/base/error.hpp>
#include <refnet/base/input_stream.hpp>

#include <openssl/evp.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

namespace refnet {

bool is_gzip(std::string_view data) {
  return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
         static_cast<unsigned char>(data[1]) == 0x8b;
}

std::string gunzip(std::string_view data, const std::string& name) {
  InputStream in = InputStream::from_bytes(std::string(data), name);
  if (in.compression() != "gzip") throw InputError(name, 0, 0, "not a gzip stream (no gzip magic bytes)");
  std::string out;
  char buf[1 << 16];
  std::size_t n;
  while ((n = in.read(buf, sizeof buf)) > 0) out.append(buf, n);
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
  return read_whole_input(path, raw_sha256);
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
