/* Inflate speed of the decoders refnet's InputStream uses, alone: zlib,
 * ISA-L igzip and libzstd, over one file, output discarded. Prints
 * "decoder bytes_out wall_seconds cpu_seconds" (CPU time is the robust
 * figure on a shared machine). Built by bench/ingest_bench.sh:
 *   cc -O2 bench/inflate_probe.c -lz -lisal -lzstd -o probe
 *   ./probe zlib|igzip|zstd FILE */
#include <isa-l/igzip_lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>
#include <zstd.h>

enum { kIn = 1 << 18, kOut = 1 << 21 };
static unsigned char in[kIn], out[kOut];

static double clock_s(clockid_t id) {
  struct timespec t;
  clock_gettime(id, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static unsigned long long run_zlib(FILE* f) {
  z_stream z;
  memset(&z, 0, sizeof z);
  inflateInit2(&z, 16 + MAX_WBITS);
  unsigned long long total = 0;
  for (;;) {
    if (z.avail_in == 0) {
      z.avail_in = (uInt)fread(in, 1, kIn, f);
      z.next_in = in;
      if (z.avail_in == 0) break;
    }
    z.next_out = out;
    z.avail_out = kOut;
    int rc = inflate(&z, Z_NO_FLUSH);
    total += kOut - z.avail_out;
    if (rc == Z_STREAM_END) inflateReset(&z);
    else if (rc != Z_OK && rc != Z_BUF_ERROR) { fprintf(stderr, "zlib error %d\n", rc); exit(1); }
  }
  inflateEnd(&z);
  return total;
}

static unsigned long long run_igzip(FILE* f) {
  struct inflate_state* s = malloc(sizeof *s);
  isal_inflate_init(s);
  s->crc_flag = ISAL_GZIP;
  unsigned long long total = 0;
  for (;;) {
    if (s->block_state == ISAL_BLOCK_FINISH) {
      unsigned char* ni = s->next_in;
      uint32_t ai = s->avail_in;
      isal_inflate_reset(s);
      s->crc_flag = ISAL_GZIP;
      s->next_in = ni;
      s->avail_in = ai;
    }
    if (s->avail_in == 0) {
      s->avail_in = (uint32_t)fread(in, 1, kIn, f);
      s->next_in = in;
      if (s->avail_in == 0) break;
    }
    s->next_out = out;
    s->avail_out = kOut;
    int rc = isal_inflate(s);
    total += kOut - s->avail_out;
    if (rc < 0) { fprintf(stderr, "igzip error %d\n", rc); exit(1); }
  }
  free(s);
  return total;
}

static unsigned long long run_zstd(FILE* f) {
  ZSTD_DStream* d = ZSTD_createDStream();
  unsigned long long total = 0;
  ZSTD_inBuffer ib = {in, 0, 0};
  for (;;) {
    if (ib.pos == ib.size) {
      ib.size = fread(in, 1, kIn, f);
      ib.pos = 0;
      if (ib.size == 0) break;
    }
    ZSTD_outBuffer ob = {out, kOut, 0};
    size_t rc = ZSTD_decompressStream(d, &ob, &ib);
    total += ob.pos;
    if (ZSTD_isError(rc)) { fprintf(stderr, "zstd error %s\n", ZSTD_getErrorName(rc)); exit(1); }
  }
  ZSTD_freeDStream(d);
  return total;
}

int main(int argc, char** argv) {
  if (argc != 3) { fprintf(stderr, "usage: probe zlib|igzip|zstd FILE\n"); return 2; }
  FILE* f = fopen(argv[2], "rb");
  if (!f) { perror(argv[2]); return 2; }
  double w0 = clock_s(CLOCK_MONOTONIC), c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
  unsigned long long n = !strcmp(argv[1], "zlib") ? run_zlib(f) : !strcmp(argv[1], "igzip") ? run_igzip(f) : run_zstd(f);
  printf("%s %llu %.2f %.2f\n", argv[1], n, clock_s(CLOCK_MONOTONIC) - w0, clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0);
  fclose(f);
  return 0;
}
