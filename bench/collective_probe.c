/* The cost of the two collectives refnet's distributed kernels use, for the
 * scale-out model (bench/scale_out_bench.py; docs/scale-out.md):
 * MPI_Allreduce (sum of uint64, IMM coverage counts and spread sums) and
 * MPI_Allgatherv in place (PageRank contributions, HyperANF counters), on
 * arrays of 1 to 64 MB. Prints one JSON line per (operation, size) from rank 0:
 * the median of REPS timed calls after one warm-up call.
 *
 *   mpicc -O2 -o probe collective_probe.c && mpirun -np 2 ./probe [REPS] */
#include <mpi.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp(const void* a, const void* b) {
  const double x = *(const double*)a, y = *(const double*)b;
  return (x > y) - (x < y);
}

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  const int reps = argc > 1 ? atoi(argv[1]) : 11;
  const size_t mbs[] = {1, 8, 64};
  double* t = malloc(sizeof(double) * reps);
  int* counts = malloc(sizeof(int) * size);
  int* offsets = malloc(sizeof(int) * size);
  for (size_t s = 0; s < sizeof mbs / sizeof mbs[0]; ++s) {
    const size_t bytes = mbs[s] << 20, items = bytes / 8;
    uint64_t* buf = malloc(bytes);
    memset(buf, 1, bytes);
    for (int op = 0; op < 2; ++op) {
      for (int r = 0; r < size; ++r) {
        counts[r] = (int)(items * (r + 1) / size - items * r / size);
        offsets[r] = (int)(items * r / size);
      }
      for (int i = -1; i < reps; ++i) {
        MPI_Barrier(MPI_COMM_WORLD);
        const double t0 = MPI_Wtime();
        if (op == 0)
          MPI_Allreduce(MPI_IN_PLACE, buf, (int)items, MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD);
        else
          MPI_Allgatherv(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, buf, counts, offsets, MPI_UINT64_T, MPI_COMM_WORLD);
        double dt = MPI_Wtime() - t0, slowest;
        MPI_Allreduce(&dt, &slowest, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
        if (i >= 0) t[i] = slowest;
      }
      qsort(t, reps, sizeof(double), cmp);
      if (rank == 0)
        printf("{\"op\": \"%s\", \"ranks\": %d, \"mb\": %zu, \"median_s\": %.6g, \"min_s\": %.6g, \"max_s\": %.6g}\n",
               op == 0 ? "allreduce_sum_u64" : "allgatherv", size, mbs[s], t[reps / 2], t[0], t[reps - 1]);
    }
    free(buf);
  }
  free(t);
  free(counts);
  free(offsets);
  MPI_Finalize();
  return 0;
}
